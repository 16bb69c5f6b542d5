"""The one write path for initiatives: contributions, the admin, the demo loader and imports call it.

The same contract as the directory's (`maillage/directory/writing.py`), whose `Change`,
`Write` and `ChangeKind` it reuses: each applied change runs in a transaction with the
initiative's row locked, is validated (the model's rules, every related row's rules, the
links' direction in time), bumps `Initiative.version` when something changed and is announced
by `initiative_written` with before/after snapshots. Contributions records it as a Revision
(it registers initiatives as one of its subjects); a system check refuses to start when
nothing listens, so no write skips the history.

Links do not go back in time: each link keeps copies of its two initiatives' start years
(checked by database constraints); when an initiative's start year changes, the copies on
every link that touches it are refreshed here, and a change that would make one of them go
back in time is refused with a French message.
"""

from django.core import checks
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils.translation import gettext

from maillage.directory.writing import (
    Change,
    ChangeKind,
    Write,
    changed_fields,
    missing_history_recorder,
    record_deletion,
    unique_slug_for,
)

from . import fields
from .models import Initiative, InitiativeLink

__all__ = [
    "Change",
    "ChangeKind",
    "Write",
    "create_initiative",
    "delete_initiative",
    "initiative_written",
    "update_initiative",
]

# Sent with sender=Initiative and write=Write after every applied change, inside its transaction.
initiative_written = Signal()


def _announce(write):
    initiative_written.send(sender=Initiative, write=write)
    return write


def _stored_snapshot(pk):
    return fields.snapshot(fields.prefetch(Initiative.objects.filter(pk=pk)).get())


def _apply(initiative, values):
    """Set and validate everything in memory, then write the row and its related rows."""
    fields.set_scalars(initiative, values)
    prepared = fields.prepare_related(values)
    if "phases" in prepared:
        # The stage is the last phase of a dated history; without a history it is typed.
        initiative.stage = fields.latest_phase(prepared["phases"]) or initiative.stage
    elif initiative.pk and initiative.phases.exists():
        initiative.stage = fields.latest_phase(list(initiative.phases.order_by("year", "pk")))
    initiative.refresh_search_text()
    initiative.full_clean(exclude=["version", "search_text"])
    initiative.save()
    fields.save_related(initiative, prepared)
    _refresh_link_years(initiative)


def _refresh_link_years(initiative):
    """Copy the start year onto every link that touches the initiative; refuse a link that goes back in time."""
    links = InitiativeLink.objects.filter(Q(source=initiative) | Q(target=initiative)).select_related(
        "source", "target"
    )
    for link in links:
        link.clean()  # copies both start years and checks the direction in time
        InitiativeLink.objects.filter(pk=link.pk).update(source_start=link.source_start, target_start=link.target_start)


def _finish(initiative, before, base, change):
    after = _stored_snapshot(initiative.pk)
    if before is None:
        return _announce(Write(initiative, change.kind or ChangeKind.CREATE, initiative.version, None, after, change))
    changed = changed_fields(before, after)
    if not changed:
        Initiative.objects.filter(pk=initiative.pk).update(version=base)
        initiative.version = base
        return None
    return _announce(
        Write(initiative, change.kind or ChangeKind.UPDATE, initiative.version, before, after, change, changed)
    )


def create_initiative(values, *, change, slug=None):
    """Create an initiative from snapshot values; raises ValidationError (French) when they break a rule."""
    with transaction.atomic():
        initiative = Initiative(slug=slug or unique_slug(values.get("title", "")), version=1)
        _apply(initiative, values)
        return _finish(initiative, None, 0, change)


def update_initiative(initiative, values, *, change):
    """Apply snapshot values (only the keys given) under lock; the Write, or None when nothing changed."""
    with transaction.atomic():
        stored = Initiative.objects.select_for_update().get(pk=initiative.pk)
        before, base = _stored_snapshot(stored.pk), stored.version
        stored.version = base + 1
        _apply(stored, values)
        return _finish(stored, before, base, change)


def delete_initiative(initiative, *, change):
    """Delete an initiative; the history keeps its last snapshot (a `delete` write, version + 1)."""
    with transaction.atomic():
        stored = Initiative.objects.select_for_update().get(pk=initiative.pk)
        return record_deletion(stored, _stored_snapshot(stored.pk), change, _announce)


def unique_slug(title):
    return unique_slug_for(Initiative, title, fallback="initiative")


def validation_message(error):
    """One French sentence from a ValidationError (for moderators and loaders)."""
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{fields.label(k) if k != '__all__' else ''} {' '.join(v)}".strip() for k, v in error.message_dict.items()
        )
    return "; ".join(error.messages) or gettext("Valeurs non valides.")


__all__ += ["unique_slug", "validation_message", "ValidationError"]


@checks.register(checks.Tags.models)
def check_history_recorder(app_configs=None, **kwargs):
    """Every initiative write must reach the history: something has to listen to initiative_written."""
    return missing_history_recorder(
        initiative_written,
        "maillage.initiatives.writing.initiative_written",
        Initiative,
        hint="Install maillage.contributions and register initiatives as one of its subjects.",
        check_id="initiatives.E001",
    )
