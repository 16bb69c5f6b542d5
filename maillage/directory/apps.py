"""Organised actors of public innovation, their types, contacts and sources."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import panels  # noqa: F401 - registers the fiche panels check


class DirectoryConfig(AppConfig):
    name = "maillage.directory"
    verbose_name = _("Annuaire")

    def ready(self):
        from django.core import checks
        from django.db.models.signals import post_migrate

        from maillage.core import dataversion
        from maillage.core.backup import data_imported

        from . import (
            search_machinery,
            signals,
            writing,  # noqa: F401 — registers the system check that the history is recorded
        )

        # What the directory's pages, search and facets show: writes here change the data version.
        for table in ("directory_actor", "directory_contact", "directory_actorsource", "directory_actortype"):
            dataversion.register(table)
        dataversion.register("directory_actor_tags", ("INSERT", "DELETE"))
        dataversion.register("directory_tag", ("UPDATE", "DELETE"))
        signals.connect()
        post_migrate.connect(search_machinery.ensure_after_migrate, sender=self)
        # After `manage.py import_all`, the same resynchronisation (SQLite's FTS5 index).
        data_imported.connect(search_machinery.ensure_after_migrate, dispatch_uid="directory_search_after_import")
        checks.register(search_machinery.check_search_machinery, checks.Tags.database)
