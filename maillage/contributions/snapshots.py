"""Diffs of snapshots and their display (the history pages, the moderation view).

Snapshots themselves are declared by the lower layers that own the fields:
`maillage.directory.fields` (actors) and `maillage.network.writing` (relations).
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from maillage.directory.fields import ACTOR_FIELDS, ACTOR_M2M
from maillage.directory.fields import snapshot as actor_snapshot
from maillage.directory.models import Actor, ActorType, LegalStatus, Lifecycle, Scope, Tag
from maillage.directory.writing import changed_fields, normalized
from maillage.network.models import MotivationCode, Relation, RelationKind, RelationOrigin, RelationStatus
from maillage.network.writing import RELATION_FIELDS, relation_snapshot
from maillage.territories.models import Commune

__all__ = [
    "ACTOR_FIELDS",
    "ACTOR_M2M",
    "RELATION_FIELDS",
    "actor_snapshot",
    "changed_fields",
    "DisplayLabels",
    "diff_rows",
    "display_value",
    "field_label",
    "normalized",
    "relation_snapshot",
]

CHOICE_LABELS = {"legal_status": LegalStatus, "scope": Scope, "lifecycle": Lifecycle}


def field_label(field, model=Actor):
    try:
        return capfirst(str(model._meta.get_field(field).verbose_name))
    except FieldDoesNotExist:  # unknown keys are shown as they are
        return field


class DisplayLabels:
    """The labels of every code and slug found in some snapshots, read with one query per kind.

    History pages show many diff rows; resolving each value on its own would run one query
    per field per row.
    """

    def __init__(self, snapshots):
        codes = {"types": set(), "tags": set(), "communes": set(), "actors": set()}
        for snap in snapshots:
            if not snap:
                continue
            if snap.get("primary_type"):
                codes["types"].add(snap["primary_type"])
            codes["types"].update(snap.get("secondary_types") or [])
            codes["tags"].update(snap.get("tags") or [])
            if snap.get("commune"):
                codes["communes"].add(snap["commune"])
            codes["actors"].update(snap[k] for k in ("parent", "source", "target", "declared_by") if snap.get(k))
        self.types = (
            dict(ActorType.objects.filter(code__in=codes["types"]).values_list("code", "label"))
            if codes["types"]
            else {}
        )
        self.tags = (
            dict(Tag.objects.filter(slug__in=codes["tags"]).values_list("slug", "name")) if codes["tags"] else {}
        )
        self.communes = (
            {c.code: c for c in Commune.objects.filter(code__in=codes["communes"]).select_related("department")}
            if codes["communes"]
            else {}
        )
        self.actors = (
            {a.slug: a for a in Actor.objects.filter(slug__in=codes["actors"]).select_related("parent")}
            if codes["actors"]
            else {}
        )


def display_value(field, value, model="actor", labels=None):
    """A human value for a snapshot value (labels instead of codes); plain text, escaped by templates."""
    if normalized(value) is None:
        return _("(vide)")
    if labels is None:
        labels = DisplayLabels([{field: value}])
    if model == "relation":
        if field in ("source", "target", "declared_by"):
            actor = labels.actors.get(value)
            return actor.display_name if actor else value
        if field == "kind":
            return str(dict(RelationKind.choices).get(value, value))
        if field == "status":
            return str(dict(RelationStatus.choices).get(value, value))
        if field == "origin":
            return str(dict(RelationOrigin.choices).get(value, value))
        if field == "motivations":
            names = dict(MotivationCode.choices)
            return ", ".join(str(names.get(v, v)) for v in value)
        return str(value)
    if field in CHOICE_LABELS:
        return str(dict(CHOICE_LABELS[field].choices).get(value, value))
    if field == "primary_type":
        return str(labels.types.get(value, value))
    if field == "secondary_types":
        return ", ".join(labels.types.get(v, v) for v in value)
    if field == "tags":
        return ", ".join(labels.tags.get(v, v) for v in value)
    if field == "commune":
        commune = labels.communes.get(value)
        return str(commune) if commune else value
    if field == "parent":
        parent = labels.actors.get(value)
        return parent.name if parent else value
    return str(value)


def diff_rows(before, after, fields=None, model="actor", labels=None):
    """Field-by-field rows {field, label, before, after} for the fields that differ.

    Pass `labels` (DisplayLabels of every snapshot shown) when showing many diffs.
    """
    model_class = Actor
    if model == "relation":
        model_class = Relation
    changed = changed_fields(before, after, fields)
    if not changed:
        return []
    if labels is None:
        labels = DisplayLabels([before, after])
    return [
        {
            "field": f,
            "label": field_label(f, model_class),
            "before": display_value(f, before.get(f), model, labels),
            "after": display_value(f, after.get(f), model, labels),
        }
        for f in changed
    ]
