"""One declaration of an actor's editable fields: what they are, how they travel, where they show.

The model (`models.Actor`) holds the rules: types, lengths, choices, the year range
(`YEAR_MIN`..`YEAR_MAX`, a validator and a database check constraint) and the ordering of
years. This module lists which of its fields are *editable by people* and, for each, how its
value travels as plain JSON (a snapshot: foreign keys as natural keys), the column it has in
import/export files and the admin group it belongs to. Everything else derives from it:

- snapshots and their application (`snapshot`, `apply_values`): the write path and the history;
- the proposal form's field order, labels and year validators (contributions);
- the import's header rules and column labels, and its year validation (`importing`);
- the export's headers (`exporting`);
- the admin's fieldsets (`admin`).
"""

import re
from dataclasses import dataclass

from django.core.validators import URLValidator
from django.utils.text import capfirst
from django.utils.translation import gettext

from .models import YEAR_MAX, YEAR_MIN, Actor, ActorType, Tag

__all__ = [
    "ACTOR_FIELDS",
    "ACTOR_M2M",
    "FIELDS",
    "YEAR_MAX",
    "YEAR_MIN",
    "ActorField",
    "admin_fieldsets",
    "apply_values",
    "column_keyword",
    "column_label",
    "file_fields",
    "label",
    "snapshot",
    "year_validators",
]


@dataclass(frozen=True)
class ActorField:
    """An editable field of an actor.

    `kind` says how its value travels in a snapshot: "value" (as stored), "type" (an actor
    type code), "types" (sorted type codes), "commune" (INSEE code), "tags" (sorted tag slugs),
    "actor" (the parent's slug). `column` is its header in import and export files ("" when
    files do not carry it) and `keyword` the normalised word that recognises that header on
    import. `group` is its admin fieldset.
    """

    name: str
    kind: str = "value"
    column: str = ""
    keyword: str = ""
    group: str = ""

    @property
    def model_field(self):
        return Actor._meta.get_field(self.name)

    @property
    def is_m2m(self):
        return self.kind in ("types", "tags")


# Display order of the fiche, the proposal form and the history.
# untranslated: the column headers are those of the report's annex actor file (a file format)
FIELDS = (
    ActorField("name", column="Organisation - Service", keyword="organisation", group="identity"),
    ActorField("primary_type", kind="type", column="Type d'acteur", keyword="type", group="identity"),
    ActorField("secondary_types", kind="types", group="identity"),
    ActorField("legal_status", column="Statut administratif", keyword="statut", group="identity"),
    ActorField("siret", column="SIRET", keyword="siret", group="identity"),
    ActorField("scope", column="Portée", keyword="portee", group="identity"),
    ActorField("lifecycle", column="Cycle de vie", keyword="cycle", group="lifecycle"),
    ActorField("founded_year", column="Année de création", keyword="annee de creation", group="lifecycle"),
    ActorField("ended_year", column="Année de fin", keyword="annee de fin", group="lifecycle"),
    ActorField("commune", kind="commune", column="Commune", keyword="commune", group="location"),
    ActorField("address", group="location"),
    ActorField("website", column="Site", keyword="site", group="links"),
    ActorField("attachment", group="description"),
    ActorField("missions", column="Missions", keyword="mission", group="description"),
    ActorField("description", group="description"),
    ActorField("tags", kind="tags", column="Étiquettes", keyword="etiquette", group="description"),
    ActorField("parent", kind="actor", group="identity"),
    ActorField("latitude", group="location"),
    ActorField("longitude", group="location"),
)
BY_NAME = {f.name: f for f in FIELDS}
ACTOR_FIELDS = [f.name for f in FIELDS]
ACTOR_M2M = {f.name for f in FIELDS if f.is_m2m}


# Columns of import/export files that are not editable fields: (header, import keyword).
# untranslated: the column headers of the report's annex actor file (a file format)
FILE_ONLY_COLUMNS = {
    "slug": ("Identifiant", "identifiant"),
    "insee": ("Code INSEE", "insee"),
    # The report's annex holds the territory of scope and the town in one cell (territories.places).
    "place": ("Territoire de portée, ville de localisation", "ville de local"),
    "names": ("Noms", "nom"),
    "functions": ("Fonctions", "fonction"),
    "department": ("Département", ""),
    "region": ("Région", ""),
}


def label(name):
    """The field's label, from the model's verbose name (« Année de création »)."""
    return capfirst(BY_NAME[name].model_field.verbose_name)


def column_label(name):
    """The header of a file column: an editable field's, or a file-only column's."""
    if name in FILE_ONLY_COLUMNS:
        return FILE_ONLY_COLUMNS[name][0]
    return BY_NAME[name].column


def column_keyword(name):
    """The normalised word that recognises a column's header on import."""
    if name in FILE_ONLY_COLUMNS:
        return FILE_ONLY_COLUMNS[name][1]
    return BY_NAME[name].keyword


def file_fields():
    """The editable fields that files (import, export) carry."""
    return [f.name for f in FIELDS if f.column]


def website_url(text):
    """A website as people type it in a file (« www.exemple.fr ») as an absolute http(s) URL.

    Raises ValidationError when it is not one; every importer shares this reading.
    """
    url = text.strip()
    if url and not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        url = "http://" + url
    URLValidator(schemes=["http", "https"])(url)
    return url


def year_validators():
    """The model's validators of a year (founded_year and ended_year share them)."""
    return list(Actor._meta.get_field("founded_year").validators)


# --- snapshots ---------------------------------------------------------------------------


def _snapshot_value(actor, field):
    if field.kind == "type":
        return actor.primary_type_id
    if field.kind == "types":
        return sorted(t.code for t in actor.secondary_types.all())
    if field.kind == "tags":
        return sorted(t.slug for t in actor.tags.all())
    if field.kind == "commune":
        return actor.commune.code if actor.commune_id else None
    if field.kind == "actor":
        return actor.parent.slug if actor.parent_id else None
    return getattr(actor, field.name)


def snapshot(actor):
    """The editable fields of a saved actor as plain JSON values, in display order."""
    return {field.name: _snapshot_value(actor, field) for field in FIELDS}


def set_values(actor, values):
    """Set the scalar and foreign-key snapshot values on an (unsaved) actor; returns the M2M values.

    Unknown keys are ignored; an unknown type, commune or parent raises ValidationError.
    """
    from django.core.exceptions import ValidationError

    from maillage.territories.models import Commune

    def unknown(value):
        return ValidationError({name: gettext("Valeur inconnue : « %(value)s ».") % {"value": value}})

    m2m = {}
    for name, value in values.items():
        field = BY_NAME.get(name)
        if field is None:
            continue
        if field.is_m2m:
            m2m[name] = list(value or [])
        elif field.kind == "type":
            if not ActorType.objects.filter(code=value).exists():
                raise unknown(value)
            actor.primary_type_id = value
        elif field.kind == "commune":
            commune = Commune.objects.filter(code=value).first() if value else None
            if value and commune is None:
                raise unknown(value)
            actor.commune = commune
        elif field.kind == "actor":
            parent = Actor.objects.filter(slug=value).first() if value else None
            if value and parent is None:
                raise unknown(value)
            actor.parent = parent
        elif field.model_field.null:
            setattr(actor, name, value)
        else:
            setattr(actor, name, value if value is not None else "")
    return m2m


def save_m2m(actor, m2m):
    """Set the M2M snapshot values (type codes, tag slugs) on a saved actor."""
    if "secondary_types" in m2m:
        actor.secondary_types.set(ActorType.objects.filter(code__in=m2m["secondary_types"]))
    if "tags" in m2m:
        actor.tags.set(Tag.objects.filter(slug__in=m2m["tags"]))


def apply_values(actor, values):
    """Set snapshot values on an actor, validate it against the model's rules; returns the M2M values.

    The caller saves (through `writing`, which versions the change).
    """
    m2m = set_values(actor, values)
    actor.full_clean(exclude=["slug"], validate_unique=False, validate_constraints=True)
    return m2m


# --- admin ---------------------------------------------------------------------------------

# Fields that are not editable by contributors but that staff see in the admin, per group.
_ADMIN_EXTRA = {
    "identity": ("slug",),
    "location": ("department", "region"),
    "lifecycle": ("last_confirmed_at",),
    "links": ("raw_record", "created_at", "updated_at"),
}
ADMIN_GROUPS = ("identity", "description", "location", "lifecycle", "links")


def admin_fieldsets(titles):
    """The admin's fieldsets: every editable field in its group, then the group's staff-only fields.

    `titles` maps each of ADMIN_GROUPS to its title (the admin is a French-only staff tool).
    """
    fieldsets = []
    for group in ADMIN_GROUPS:
        title = titles[group]
        names = [f.name for f in FIELDS if f.group == group]
        extra = list(_ADMIN_EXTRA.get(group, ()))
        if group == "identity":
            names.insert(1, extra.pop())  # the slug right after the name
        fieldsets.append((title, {"fields": (*names, *extra)}))
    return tuple(fieldsets)
