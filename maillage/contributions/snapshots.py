"""Diffs of snapshots and their display (the history pages, the moderation view).

Snapshots themselves are declared by the lower layers that own the fields:
`maillage.directory.fields` (actors) and `maillage.network.writing` (relations).
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from maillage.directory.fields import ACTOR_FIELDS, ACTOR_M2M
from maillage.directory.fields import snapshot as actor_snapshot
from maillage.directory.models import Actor, ActorType, LegalStatus, Lifecycle, Scope, Tag
from maillage.directory.writing import changed_fields, normalized
from maillage.network.writing import RELATION_FIELDS, relation_snapshot
from maillage.territories.models import Commune

__all__ = [
    "ACTOR_FIELDS",
    "ACTOR_M2M",
    "RELATION_FIELDS",
    "actor_snapshot",
    "changed_fields",
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
    except Exception:  # noqa: BLE001 — unknown keys are shown as they are
        return field


def display_value(field, value, model="actor"):
    """A human value for a snapshot value (labels instead of codes); plain text, escaped by templates."""
    if normalized(value) is None:
        return _("(vide)")
    if model == "relation":
        from maillage.network.models import MotivationCode, RelationKind

        if field in ("source", "target"):
            actor = Actor.objects.filter(slug=value).first()
            return actor.display_name if actor else value
        if field == "kind":
            return str(dict(RelationKind.choices).get(value, value))
        if field == "motivations":
            labels = dict(MotivationCode.choices)
            return ", ".join(str(labels.get(v, v)) for v in value)
        return str(value)
    if field in CHOICE_LABELS:
        return str(dict(CHOICE_LABELS[field].choices).get(value, value))
    if field == "primary_type":
        return str(ActorType.objects.filter(code=value).values_list("label", flat=True).first() or value)
    if field == "secondary_types":
        labels = dict(ActorType.objects.filter(code__in=value).values_list("code", "label"))
        return ", ".join(labels.get(v, v) for v in value)
    if field == "tags":
        names = dict(Tag.objects.filter(slug__in=value).values_list("slug", "name"))
        return ", ".join(names.get(v, v) for v in value)
    if field == "commune":
        commune = Commune.objects.filter(code=value).select_related("department").first()
        return str(commune) if commune else value
    if field == "parent":
        parent = Actor.objects.filter(slug=value).first()
        return parent.name if parent else value
    return str(value)


def diff_rows(before, after, fields=None, model="actor"):
    """Field-by-field rows {field, label, before, after} for the fields that differ."""
    model_class = Actor
    if model == "relation":
        from maillage.network.models import Relation

        model_class = Relation
    return [
        {
            "field": f,
            "label": field_label(f, model_class),
            "before": display_value(f, before.get(f), model),
            "after": display_value(f, after.get(f), model),
        }
        for f in changed_fields(before, after, fields)
    ]
