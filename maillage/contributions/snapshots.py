"""JSON snapshots of the editable fields of actors and relations, their diffs and display.

A snapshot holds plain JSON values (foreign keys as natural keys: type code,
commune INSEE code, tag slugs) so that a revision stays readable and can be
re-applied even after ids change.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from maillage.directory.models import Actor, ActorType, LegalStatus, Lifecycle, Scope, Tag
from maillage.territories.models import Commune

# Editable fields of an actor, in display order.
ACTOR_FIELDS = [
    "name",
    "primary_type",
    "secondary_types",
    "legal_status",
    "scope",
    "lifecycle",
    "founded_year",
    "ended_year",
    "commune",
    "address",
    "website",
    "attachment",
    "missions",
    "description",
    "tags",
    "parent",
    "latitude",
    "longitude",
]
ACTOR_M2M = {"secondary_types", "tags"}
NULLABLE_FIELDS = {"founded_year", "ended_year", "latitude", "longitude"}
CHOICE_LABELS = {"legal_status": LegalStatus, "scope": Scope, "lifecycle": Lifecycle}

RELATION_FIELDS = ["source", "target", "kind", "motivations", "start_year", "end_year", "description"]


def actor_snapshot(actor):
    """The editable fields of a saved actor as JSON values."""
    return {
        "name": actor.name,
        "primary_type": actor.primary_type_id,
        "secondary_types": sorted(actor.secondary_types.values_list("code", flat=True)),
        "legal_status": actor.legal_status,
        "scope": actor.scope,
        "lifecycle": actor.lifecycle,
        "founded_year": actor.founded_year,
        "ended_year": actor.ended_year,
        "commune": actor.commune.code if actor.commune_id else None,
        "address": actor.address,
        "website": actor.website,
        "attachment": actor.attachment,
        "missions": actor.missions,
        "description": actor.description,
        "tags": sorted(actor.tags.values_list("slug", flat=True)),
        "parent": actor.parent.slug if actor.parent_id else None,
        "latitude": actor.latitude,
        "longitude": actor.longitude,
    }


def apply_actor_values(actor, values):
    """Set the given snapshot values on an actor and save it (M2M included).

    Callers run this inside a transaction; version bookkeeping is theirs.
    """
    m2m = {}
    for field, value in values.items():
        if field not in ACTOR_FIELDS:
            continue
        if field in ACTOR_M2M:
            m2m[field] = value or []
        elif field == "primary_type":
            actor.primary_type = ActorType.objects.get(code=value)
        elif field == "commune":
            actor.commune = Commune.objects.get(code=value) if value else None
        elif field == "parent":
            actor.parent = Actor.objects.get(slug=value) if value else None
        elif field in NULLABLE_FIELDS:
            setattr(actor, field, value)
        else:
            setattr(actor, field, value if value is not None else "")
    actor.full_clean(exclude=["slug"], validate_unique=False, validate_constraints=True)
    actor.save()
    if "secondary_types" in m2m:
        actor.secondary_types.set(ActorType.objects.filter(code__in=m2m["secondary_types"]))
    if "tags" in m2m:
        actor.tags.set(Tag.objects.filter(slug__in=m2m["tags"]))
    return actor


def relation_snapshot(relation):
    return {
        "source": relation.source.slug,
        "target": relation.target.slug,
        "kind": relation.kind,
        "motivations": sorted(relation.motivations.values_list("code", flat=True)),
        "start_year": relation.start_year,
        "end_year": relation.end_year,
        "description": relation.description,
    }


def normalized(value):
    """Compare '' and None (and []) as the same empty value; ignore line-ending and edge-space noise."""
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").strip()
    if value in ("", None, []):
        return None
    return value


def changed_fields(before, after, fields=None):
    fields = fields or list(dict.fromkeys([*before.keys(), *after.keys()]))
    return [f for f in fields if normalized(before.get(f)) != normalized(after.get(f))]


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
