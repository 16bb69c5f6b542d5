"""One declaration of an initiative's editable shape: its snapshot (plain JSON) and how it applies.

A snapshot is what the history stores, what a proposal carries and what the read side
(`reading.py`, the exports, the API) serialises: related rows travel by natural keys
(INSEE codes, tag and actor slugs, choice codes), so a snapshot survives renumbering and can
be compared field by field. `apply_values` is its inverse; the write path calls it.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.directory.models import Actor, Tag
from maillage.territories.models import Commune, Department, Region

from .models import (
    Indicator,
    Initiative,
    InitiativeLink,
    InitiativePublic,
    InitiativeSource,
    InitiativeType,
    InnovationType,
    LinkKind,
    Participation,
    Phase,
    PhaseEntry,
    Role,
    TargetPublic,
)

SCALAR_FIELDS = ("title", "summary", "description", "opsi_facet", "stage", "start_year", "end_year", "website")
CODE_LISTS = {"types": InnovationType, "publics": TargetPublic}
TERRITORY_LISTS = {"communes": Commune, "departments": Department, "regions": Region}
ROW_LISTS = ("actors", "phases", "indicators", "sources", "links")
# Display order of the page, the proposal form and the history.
FIELDS = (
    *SCALAR_FIELDS[:5],
    "types",
    "start_year",
    "end_year",
    "phases",
    "communes",
    "departments",
    "regions",
    "tags",
    "publics",
    "actors",
    "indicators",
    "links",
    "sources",
    "website",
)
LABELS = {
    "types": _("types d'innovation"),
    "publics": _("publics cibles"),
    "actors": _("acteurs et rôles"),
    "phases": _("historique des phases"),
    "indicators": _("indicateurs d'impact"),
    "sources": _("sources"),
    "links": _("liens avec d'autres initiatives"),
}


def label(name):
    """The French label of a snapshot key (the model field's verbose name, or the list's name)."""
    if name in LABELS:
        return capfirst(str(LABELS[name]))
    try:
        return capfirst(str(Initiative._meta.get_field(name).verbose_name))
    except Exception:  # noqa: BLE001 - an unknown key is shown as it is
        return name


def _decimal_text(value):
    return None if value is None else format(value.normalize(), "f")


def snapshot(initiative):
    """The editable state of an initiative as JSON-ready values (prefetches are used when present)."""
    data = {name: getattr(initiative, name) for name in SCALAR_FIELDS}
    data["types"] = sorted(row.code for row in initiative.type_rows.all())
    data["publics"] = sorted(row.code for row in initiative.public_rows.all())
    for name in TERRITORY_LISTS:
        data[name] = sorted(item.code for item in getattr(initiative, name).all())
    data["tags"] = sorted(tag.slug for tag in initiative.tags.all())
    data["actors"] = [
        {"actor": p.actor.slug, "role": p.role, "note": p.note}
        for p in sorted(initiative.participations.all(), key=lambda p: p.pk)
    ]
    data["phases"] = [
        {"phase": e.phase, "year": e.year, "note": e.note}
        for e in sorted(initiative.phases.all(), key=lambda e: (e.year, e.pk))
    ]
    data["indicators"] = [
        {"name": i.name, "unit": i.unit, "value": _decimal_text(i.value), "period": i.period, "method": i.method}
        for i in sorted(initiative.indicators.all(), key=lambda i: i.pk)
    ]
    data["sources"] = [
        {"reference": s.reference, "section": s.section, "quote": s.quote, "url": s.url}
        for s in sorted(initiative.sources.all(), key=lambda s: s.pk)
    ]
    data["links"] = [
        {"target": link.target.slug, "kind": link.kind, "year": link.year, "evidence": link.evidence}
        for link in sorted(initiative.links_out.all(), key=lambda link: link.pk)
    ]
    return data


def prefetch(queryset):
    """The related rows `snapshot` reads, in one query each."""
    return queryset.prefetch_related(
        "type_rows",
        "public_rows",
        "communes",
        "departments",
        "regions",
        "tags",
        "participations__actor__parent",
        "phases",
        "indicators",
        "sources",
        "links_out__target",
    )


# --- applying values ------------------------------------------------------------------


def _text(value, limit=None):
    text = "" if value is None else str(value).strip()
    return text[:limit] if limit else text


def _year(value, name):
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({name: gettext("« %(value)s » n'est pas une année.") % {"value": value}}) from None


def _rows(values, name):
    rows = values.get(name) or []
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise ValidationError({name: gettext("Liste de valeurs mal formée.")})
    return rows


def _codes(values, name, choices):
    codes = sorted(dict.fromkeys(str(v) for v in values.get(name) or []))
    unknown = [c for c in codes if c not in choices.values]
    if unknown:
        raise ValidationError({name: gettext("Valeurs inconnues : %(values)s.") % {"values": ", ".join(unknown)}})
    return codes


def _lookup(model, key, wanted, name, message):
    found = {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": wanted})}
    missing = [w for w in wanted if w not in found]
    if missing:
        raise ValidationError({name: message % {"values": ", ".join(missing)}})
    return found


def set_scalars(initiative, values):
    for name in SCALAR_FIELDS:
        if name not in values:
            continue
        value = values[name]
        value = _year(value, name) if name in ("start_year", "end_year") else _text(value)
        setattr(initiative, name, value)


def prepare_related(values):
    """Check and resolve the related values given (natural keys -> objects); nothing is written.

    Returns {name: resolved} for the keys present in `values`.
    """
    prepared = {}
    for name, choices in CODE_LISTS.items():
        if name in values:
            prepared[name] = _codes(values, name, choices)
    for name, model in TERRITORY_LISTS.items():
        if name in values:
            codes = sorted(dict.fromkeys(str(c).strip().upper() for c in values.get(name) or [] if str(c).strip()))
            found = _lookup(model, "code", codes, name, gettext("Codes INSEE inconnus : %(values)s."))
            prepared[name] = [found[c] for c in codes]
    if "tags" in values:
        slugs = sorted(dict.fromkeys(str(s) for s in values.get("tags") or []))
        found = _lookup(Tag, "slug", slugs, "tags", gettext("Étiquettes inconnues : %(values)s."))
        prepared["tags"] = [found[s] for s in slugs]
    if "actors" in values:
        rows = _rows(values, "actors")
        slugs = [str(row.get("actor", "")) for row in rows]
        found = _lookup(Actor, "slug", slugs, "actors", gettext("Acteurs inconnus de l'annuaire : %(values)s."))
        seen, participations = set(), []
        for row, slug in zip(rows, slugs, strict=True):
            role = str(row.get("role", ""))
            if role not in Role.values:
                raise ValidationError({"actors": gettext("Rôle inconnu : « %(role)s ».") % {"role": role}})
            if (slug, role) in seen:
                raise ValidationError({"actors": gettext("« %(actor)s » a deux fois le même rôle.") % {"actor": slug}})
            seen.add((slug, role))
            participations.append(Participation(actor=found[slug], role=role, note=_text(row.get("note"), 500)))
        prepared["actors"] = participations
    if "phases" in values:
        entries = []
        for row in _rows(values, "phases"):
            phase = str(row.get("phase", ""))
            if phase not in Phase.values:
                raise ValidationError({"phases": gettext("Phase inconnue : « %(phase)s ».") % {"phase": phase}})
            year = _year(row.get("year"), "phases")
            if year is None:
                raise ValidationError({"phases": gettext("Chaque phase a une année.")})
            entries.append(PhaseEntry(phase=phase, year=year, note=_text(row.get("note"), 500)))
        prepared["phases"] = sorted(entries, key=lambda e: e.year)
    if "indicators" in values:
        indicators = []
        for row in _rows(values, "indicators"):
            raw = row.get("value")
            try:
                value = None if raw in (None, "") else Decimal(str(raw).replace(",", ".").replace(" ", ""))
            except InvalidOperation:
                raise ValidationError(
                    {"indicators": gettext("« %(value)s » n'est pas un nombre.") % {"value": raw}}
                ) from None
            indicators.append(
                Indicator(
                    name=_text(row.get("name"), 255),
                    unit=_text(row.get("unit"), 50),
                    value=value,
                    period=_text(row.get("period"), 100),
                    method=_text(row.get("method"), 500),
                )
            )
        prepared["indicators"] = indicators
    if "sources" in values:
        prepared["sources"] = [
            InitiativeSource(
                reference=_text(row.get("reference"), 255),
                section=_text(row.get("section"), 50),
                quote=_text(row.get("quote")),
                url=_text(row.get("url"), 500),
            )
            for row in _rows(values, "sources")
        ]
    if "links" in values:
        rows = _rows(values, "links")
        slugs = [str(row.get("target", "")) for row in rows]
        found = _lookup(Initiative, "slug", slugs, "links", gettext("Initiatives inconnues : %(values)s."))
        links, seen = [], set()
        for row, slug in zip(rows, slugs, strict=True):
            kind = str(row.get("kind", ""))
            if kind not in LinkKind.values:
                raise ValidationError({"links": gettext("Nature de lien inconnue : « %(kind)s ».") % {"kind": kind}})
            if (slug, kind) in seen:
                raise ValidationError(
                    {"links": gettext("Le lien vers « %(slug)s » est donné deux fois.") % {"slug": slug}}
                )
            seen.add((slug, kind))
            links.append(
                InitiativeLink(
                    target=found[slug],
                    kind=kind,
                    year=_year(row.get("year"), "links"),
                    evidence=_text(row.get("evidence")),
                )
            )
        prepared["links"] = links
    return prepared


def latest_phase(entries):
    """The phase an initiative is in: the last of its dated history ("" without a history)."""
    return entries[-1].phase if entries else ""


def save_related(initiative, prepared):
    """Replace the related rows given; every row is validated with the model's rules first."""
    for name in CODE_LISTS:
        if name in prepared:
            model = InitiativeType if name == "types" else InitiativePublic
            model.objects.filter(initiative=initiative).delete()
            model.objects.bulk_create([model(initiative=initiative, code=code) for code in prepared[name]])
    for name in (*TERRITORY_LISTS, "tags"):
        if name in prepared:
            getattr(initiative, name).set(prepared[name])
    simple = {
        "actors": Participation,
        "phases": PhaseEntry,
        "indicators": Indicator,
        "sources": InitiativeSource,
    }
    for name, model in simple.items():
        if name in prepared:
            model.objects.filter(initiative=initiative).delete()
            for row in prepared[name]:
                row.initiative = initiative
                row.full_clean(exclude=["initiative"])
                row.save()
    if "links" in prepared:
        InitiativeLink.objects.filter(source=initiative).delete()
        for link in prepared["links"]:
            link.source = initiative
            link.full_clean(exclude=["source"], validate_unique=False)
            link.save()
