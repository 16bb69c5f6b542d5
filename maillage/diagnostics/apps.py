"""Ecosystem diagnostics: who brokers, who stays among themselves, what depends on whom."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosticsConfig(AppConfig):
    name = "maillage.diagnostics"
    verbose_name = _("Diagnostics")

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
