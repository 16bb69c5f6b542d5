"""Imports from the tools the field already uses (GoGoCarto, Kumu) and Maillage's own exports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "maillage.imports"
    verbose_name = _("Imports")
