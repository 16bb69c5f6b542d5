"""Proposals by actors, moderation and history."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "maillage.contributions"
    verbose_name = _("Contributions")
