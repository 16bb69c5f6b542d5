"""The one write path for relations: the rules for creating, changing and deleting a relation.

Contributions (accepting a new or an ended relation, clean-ups), the Django admin, the demo
loader and the API call these functions. Each applied change runs in a transaction, is
validated against the model's rules (an undirected pair is stored once, in canonical order;
no duplicate of a pair and kind; no self-relation; a period in order), bumps
`Relation.version` when a snapshot field changed and is announced by `relation_written`,
which contributions records as a Revision (see `maillage.directory.writing` for the design;
system check `network.E001`).
"""

from django.core import checks
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from maillage.directory.writing import (
    Change,
    ChangeKind,
    Write,
    changed_fields,
    missing_history_recorder,
    record_deletion,
)

from .models import Motivation, Relation

__all__ = [
    "Change",
    "create_relation",
    "delete_relation",
    "relation_snapshot",
    "relation_written",
    "save_relation",
    "set_relation_status",
    "update_relation",
]

# Snapshot fields of a relation, in display order.
RELATION_FIELDS = ["source", "target", "kind", "motivations", "start_year", "end_year", "description"]
# Provenance and reciprocity are versioned too: a survey confirming a relation is a change in its history.
RELATION_FIELDS += ["origin", "status", "declared_by", "status_source"]
EDITABLE = ("start_year", "end_year", "description")

# Sent with sender=Relation and write=Write (write.actor is the relation) after every applied change.
relation_written = Signal()


def relation_snapshot(relation):
    return {
        "source": relation.source.slug,
        "target": relation.target.slug,
        "kind": relation.kind,
        "motivations": sorted(m.code for m in relation.motivations.all()),
        "start_year": relation.start_year,
        "end_year": relation.end_year,
        "description": relation.description,
        "origin": relation.origin,
        "status": relation.status,
        "declared_by": relation.declared_by.slug if relation.declared_by_id else None,
        "status_source": relation.status_source,
    }


def save_relation(relation, *, change, save_m2m=None):
    """Validate and save a relation edited in memory; returns the Write, or None if nothing changed."""
    with transaction.atomic():
        relation.canonicalize()
        if relation.pk:
            stored = (
                Relation.objects.select_for_update(of=("self",))
                .select_related("source", "target", "declared_by")
                .get(pk=relation.pk)
            )
            before, base = relation_snapshot(stored), stored.version
        else:
            before, base = None, 0
            if Relation.objects.filter(source=relation.source, target=relation.target, kind=relation.kind).exists():
                raise ValidationError(_("Cette relation existe déjà."))
        relation.full_clean(validate_unique=False)
        relation.version = base + 1
        relation.save()
        if save_m2m is not None:
            save_m2m()
        after = relation_snapshot(relation)
        if before is None:
            write = Write(relation, change.kind or ChangeKind.CREATE, relation.version, None, after, change)
        else:
            changed = changed_fields(before, after)
            if not changed:
                relation.version = base
                Relation.objects.filter(pk=relation.pk).update(version=base)
                return None
            write = Write(relation, change.kind or ChangeKind.UPDATE, relation.version, before, after, change, changed)
        return _announce(write)


def create_relation(source, target, kind, *, motivations=(), change, **values):
    """Create a relation (canonical order for undirected kinds); raises ValidationError in French."""
    relation = Relation(source=source, target=target, kind=kind, **values)
    return save_relation(
        relation,
        change=change,
        save_m2m=lambda: relation.motivations.set(Motivation.objects.filter(code__in=list(motivations))),
    )


def update_relation(relation, values, *, change):
    """Change the period or description of a relation (its ends and kind define it and stay)."""
    with transaction.atomic():
        relation = Relation.objects.select_for_update().get(pk=relation.pk)
        for name, value in values.items():
            if name in EDITABLE:
                setattr(relation, name, value if value is not None or name != "description" else "")
        return save_relation(relation, change=change)


def set_relation_status(relation, status, *, declared_by=None, status_source="", change):
    """Record how far the two actors stand behind a relation (a survey's outcome, a moderator's settlement).

    `declared_by` is the actor whose side declared it (one of its two ends); `status_source`
    names the survey wave or other source. Returns the Write, or None if nothing changed.
    """
    with transaction.atomic():
        relation = Relation.objects.select_for_update().get(pk=relation.pk)
        relation.status = status
        relation.declared_by = declared_by
        relation.status_source = (status_source or "")[:255]
        return save_relation(relation, change=change)


def delete_relation(relation, *, change):
    """Delete a relation; the history keeps its last snapshot."""
    with transaction.atomic():
        stored = Relation.objects.select_for_update(of=("self",)).select_related("source", "target").get(pk=relation.pk)
        return record_deletion(stored, relation_snapshot(stored), change, _announce)


def _announce(write):
    relation_written.send(sender=Relation, write=write)
    return write


@checks.register(checks.Tags.models)
def check_history_recorder(app_configs=None, **kwargs):
    """Every relation write must reach the history: something has to listen to relation_written."""
    return missing_history_recorder(
        relation_written,
        "maillage.network.writing.relation_written",
        Relation,
        hint="Install maillage.contributions (it records every write as a Revision).",
        check_id="network.E001",
    )
