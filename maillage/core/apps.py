"""Small shared helpers (text, constraints, tasks, query-string template tags); imports no app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "maillage.core"
    verbose_name = _("Socle commun")

    def ready(self):
        from django.core import checks as django_checks
        from django.db.models.signals import post_migrate

        from . import checks, dataversion  # noqa: F401 - checks registers the production settings checks

        # After `migrate` (sent once per app with models; the core has none, so no sender filter).
        post_migrate.connect(dataversion.install_after_migrate, dispatch_uid="core-data-version")
        django_checks.register(dataversion.check_data_version, django_checks.Tags.database)
