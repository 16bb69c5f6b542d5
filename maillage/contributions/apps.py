"""Proposals by actors, moderation and history."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "maillage.contributions"
    verbose_name = _("Contributions")

    def ready(self):
        # The history of the lower layers' write paths (see maillage/directory/writing.py).
        from maillage.directory.models import Actor
        from maillage.directory.writing import actor_written
        from maillage.network.models import Relation
        from maillage.network.writing import relation_written

        from .recording import record_actor_write, record_relation_write

        actor_written.connect(record_actor_write, sender=Actor, dispatch_uid="contributions.record_actor_write")
        relation_written.connect(
            record_relation_write, sender=Relation, dispatch_uid="contributions.record_relation_write"
        )
