"""Small shared helpers (text, constraints, tasks, query-string template tags); imports no app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "maillage.core"
    verbose_name = _("Socle commun")

    def ready(self):
        from . import checks  # noqa: F401 - registers the production settings checks
