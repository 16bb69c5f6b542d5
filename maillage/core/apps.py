"""Shared pages, layout and helpers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "maillage.core"
    verbose_name = _("Socle commun")
