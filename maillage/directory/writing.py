"""The one write path for actors: every change a person or a program applies to an actor goes here.

Contributions (accept, an owner's direct edit, revert, clean-up), the Django admin, the file
import, the demo loader and the API call these functions. Each applied change:
- runs in a transaction with the actor row locked (`select_for_update`);
- is validated against the model's rules (`fields.apply_values` runs `full_clean`);
- bumps `Actor.version` when an editable field (see `fields.FIELDS`) changed;
- is announced by the `actor_written` signal with a `Write` (before/after snapshots, who, why).

The history (`contributions.Revision`) lives in a higher layer: contributions connects a
receiver to `actor_written` when it starts, and a system check (`directory.E002`) refuses to
start when nothing records the history. So directory never imports contributions, and no
write can skip the history.
"""

import dataclasses
from typing import Any

from django.core import checks
from django.db import models, transaction
from django.dispatch import Signal
from django.utils.text import slugify

from . import fields
from .models import Actor


class ChangeKind(models.TextChoices):
    """What a write does; the history records it (contributions' RevisionKind shares these values)."""

    CREATE = "create", "create"
    UPDATE = "update", "update"
    REVERT = "revert", "revert"
    DELETE = "delete", "delete"


@dataclasses.dataclass(frozen=True)
class Change:
    """Who makes a change and why: recorded with it in the history.

    `proposal` is whatever the caller's history links the change to (a contributions
    Proposal); directory only passes it along.
    """

    user: Any = None
    email: str = ""
    comment: str = ""
    kind: str = ""  # "" = create or update, decided by the write
    reverted_to: int | None = None
    proposal: Any = None


@dataclasses.dataclass
class Write:
    """One applied write: the actor (or relation), its snapshots before (None on creation) and after."""

    instance: Any
    kind: str
    version: int
    before: dict | None
    after: dict
    change: Change
    changed: list = dataclasses.field(default_factory=list)
    revision: Any = None  # set by the history recorder


# Sent with sender=Actor and write=Write after every applied change, inside its transaction.
actor_written = Signal()


def _announce(write):
    actor_written.send(sender=Actor, write=write)
    return write


def save_actor(actor, *, change, save_m2m=None):
    """Save an actor edited in memory (admin form, import, loader); `save_m2m()` sets its M2M.

    Returns the Write, or None when no editable field changed (then the version stays).
    """
    with transaction.atomic():
        if actor.pk:
            # Lock the actor's row only (PostgreSQL cannot lock the nullable side of the outer joins).
            stored = Actor.objects.select_for_update(of=("self",)).select_related("commune", "parent").get(pk=actor.pk)
            before, base = fields.snapshot(stored), stored.version
        else:
            before, base = None, 0
        actor.version = base + 1
        actor.save()
        if save_m2m is not None:
            save_m2m()
        after = fields.snapshot(actor)
        if before is None:
            return _announce(Write(actor, change.kind or ChangeKind.CREATE, actor.version, None, after, change))
        changed = changed_fields(before, after)
        if not changed:
            actor.version = base
            Actor.objects.filter(pk=actor.pk).update(version=base)
            return None
        kind = change.kind or ChangeKind.UPDATE
        return _announce(Write(actor, kind, actor.version, before, after, change, changed))


def create_actor(values, *, change, slug=None, **extra):
    """Create an actor from snapshot values (and non-editable `extra` fields such as raw_record).

    Raises ValidationError (French messages) when the values break the model's rules.
    """
    actor = Actor(slug=slug or unique_slug(values.get("name", "")), **extra)
    m2m = fields.apply_values(actor, values)
    return save_actor(actor, change=change, save_m2m=lambda: fields.save_m2m(actor, m2m))


def update_actor(actor, values, *, change):
    """Apply snapshot values to an actor (only the keys given); returns the Write or None if unchanged.

    The actor is re-read under lock first, so values apply to its current state.
    """
    with transaction.atomic():
        actor = Actor.objects.select_for_update().get(pk=actor.pk)
        m2m = fields.apply_values(actor, values)
        return save_actor(actor, change=change, save_m2m=lambda: fields.save_m2m(actor, m2m))


def delete_actor(actor, *, change):
    """Delete an actor; the history keeps its last snapshot (a `delete` write, version + 1)."""
    with transaction.atomic():
        stored = Actor.objects.select_for_update().get(pk=actor.pk)
        return record_deletion(stored, fields.snapshot(stored), change, _announce)


def unique_slug(name):
    return unique_slug_for(Actor, name, fallback="acteur")


# --- shared by every versioned subject's write path (actors, relations, initiatives) ---------


def record_deletion(stored, last, change, announce):
    """Announce the deletion of a locked, versioned row as a `delete` write (version + 1), then delete it.

    `last` is its last snapshot: the history keeps it as both before and after.
    """
    write = Write(stored, ChangeKind.DELETE, stored.version + 1, last, last, dataclasses.replace(change))
    announce(write)
    stored.delete()
    return write


def unique_slug_for(model, text, *, fallback):
    """A slug of `text` not yet taken in `model` ("nom", "nom-2", …; `fallback` when `text` has none)."""
    base = slugify(text)[:240] or fallback
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def missing_history_recorder(signal, signal_path, sender, *, hint, check_id):
    """The system check's error when nothing records `signal`'s writes in the history ([] when something does).

    `signal_path` is the signal's dotted name, for the message (a Signal does not know its own name).
    """
    if signal.has_listeners(sender):
        return []
    return [
        checks.Error(
            f"No receiver is connected to {signal_path}: {sender.__name__} changes would not be recorded in the "
            "history.",
            hint=hint,
            id=check_id,
        )
    ]


def normalized(value):
    """Compare '' and None (and []) as the same empty value; ignore line-ending and edge-space noise."""
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").strip()
    if value in ("", None, []):
        return None
    return value


def changed_fields(before, after, names=None):
    names = names or list(dict.fromkeys([*before.keys(), *after.keys()]))
    return [f for f in names if normalized(before.get(f)) != normalized(after.get(f))]


@checks.register(checks.Tags.models)
def check_history_recorder(app_configs=None, **kwargs):
    """Every actor write must reach the history: something has to listen to actor_written."""
    return missing_history_recorder(
        actor_written,
        "maillage.directory.writing.actor_written",
        Actor,
        hint="Install maillage.contributions (it records every write as a Revision).",
        check_id="directory.E002",
    )
