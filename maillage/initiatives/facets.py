"""Facet counts of the catalogue, the directory's way: each multi-choice facet is counted with every
filter but its own (so a count says what choosing that value gives); tags combine with AND."""

from django.db.models import Count
from django.utils.translation import gettext as _

from maillage.directory.facets import Facet, FacetValue
from maillage.directory.models import Tag
from maillage.territories.models import Department

from .models import (
    Initiative,
    InitiativePublic,
    InitiativeType,
    InnovationType,
    Participation,
    Phase,
    Role,
    TargetPublic,
)


def _grouped(model, column, initiatives):
    rows = (
        model.objects.filter(initiative__in=initiatives).values(column).annotate(n=Count("initiative", distinct=True))
    )
    return {row[column]: row["n"] for row in rows}


def _choice_facet(param, label, choices, counts, selected):
    values = [
        FacetValue(code, str(text), counts.get(code, 0), code in selected)
        for code, text in choices.choices
        if counts.get(code) or code in selected
    ]
    return Facet(param, label, values)


def _department_counts(initiatives):
    """Initiatives per département: their own départements and those of their communes."""
    pairs = set(initiatives.filter(departments__isnull=False).values_list("pk", "departments__code"))
    pairs |= set(initiatives.filter(communes__isnull=False).values_list("pk", "communes__department__code"))
    counts = {}
    for _pk, code in pairs:
        counts[code] = counts.get(code, 0) + 1
    return counts


def compute_facets(filters):
    """The catalogue's facets for the current filters, in the page's order."""
    facets = [
        _choice_facet(
            "type",
            _("Type d'innovation"),
            InnovationType,
            _grouped(InitiativeType, "code", filters.replace(types=()).initiatives()),
            set(filters.types),
        ),
        _choice_facet(
            "phase",
            _("Étape du cycle de vie"),
            Phase,
            {
                row["stage"]: row["n"]
                for row in filters.replace(stages=()).initiatives().values("stage").annotate(n=Count("pk"))
            },
            set(filters.stages),
        ),
        _choice_facet(
            "role",
            _("Rôle d'un acteur"),
            Role,
            _grouped(Participation, "role", filters.replace(roles=()).initiatives()),
            set(filters.roles),
        ),
        _choice_facet(
            "public",
            _("Public cible"),
            TargetPublic,
            _grouped(InitiativePublic, "code", filters.replace(publics=()).initiatives()),
            set(filters.publics),
        ),
    ]
    counts = _department_counts(filters.replace(departments=(), communes=()).initiatives())
    departments = Department.objects.filter(code__in=set(counts) | set(filters.departments)).order_by("code")
    facets.append(
        Facet(
            "departement",
            _("Département"),
            [
                FacetValue(d.code, f"{d.name} ({d.code})", counts.get(d.code, 0), d.code in filters.departments)
                for d in departments
            ],
        )
    )
    tag_counts = {
        row["tag__slug"]: row["n"]
        for row in Initiative.tags.through.objects.filter(initiative__in=filters.initiatives())
        .values("tag__slug")
        .annotate(n=Count("initiative", distinct=True))
    }
    tags = Tag.objects.filter(slug__in=set(tag_counts) | set(filters.tags)).order_by("name")
    facets.append(
        Facet(
            "tag",
            _("Méthodes et thèmes"),
            [FacetValue(t.slug, t.name, tag_counts.get(t.slug, 0), t.slug in filters.tags) for t in tags],
        )
    )
    return facets
