"""Facet counts for the directory list, computed for the current filters.

Standard faceted behaviour: the counts of a multi-choice facet (type, statut, portée,
cycle, territoire) are computed with every filter except that facet's own, so each value
says how many actors one would get by choosing it; tags combine with AND, so their
counts use every filter.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from maillage.territories.models import Department, Region

from .models import ActorType, LegalStatus, Lifecycle, Scope, Tag
from .search import data_version


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    color: str = ""


@dataclass
class Facet:
    param: str
    label: str
    values: list = field(default_factory=list)

    @property
    def has_selection(self):
        return any(v.selected for v in self.values)


def _counts(filters, search, field_name, **changes):
    qs = filters.replace(**changes).actors(search=search).order_by()
    # Only the tag facet joins a to-many relation; elsewhere a plain count is exact and cheaper.
    rows = qs.values(field_name).annotate(n=Count("pk", distinct=field_name == "tags")).order_by()
    return {row[field_name]: row["n"] for row in rows if row[field_name] is not None}


def _choice_facet(filters, search, param, label, field_name, attr, choices, **extra_changes):
    counts = _counts(filters, search, field_name, **{attr: ()}, **extra_changes)
    selected = set(getattr(filters, attr))
    values = [
        FacetValue(value, str(text), counts.get(value, 0), value in selected)
        for value, text in choices.choices
        if counts.get(value) or value in selected
    ]
    return Facet(param, label, values)


# Facet counts are cached per filters until the directory changes (see search.data_version).
FACETS_TIMEOUT = 3600


def compute_facets(filters, search=None):
    """All facets of the directory list, in display order; exact after any write."""
    name = f"{getattr(search, '__module__', '')}.{getattr(search, '__name__', '')}"
    raw = f"{data_version()}:{get_language()}:{name}:{filters!r}"
    key = "directory:facets:" + hashlib.sha1(raw.encode()).hexdigest()  # noqa: S324 - a cache key
    facets = cache.get(key)
    if facets is None:
        facets = _compute_facets(filters, search)
        cache.set(key, facets, FACETS_TIMEOUT)
    return facets


def _compute_facets(filters, search=None):
    facets = []

    type_counts = _counts(filters, search, "primary_type", types=())
    facets.append(
        Facet(
            "type",
            _("Type d'acteur"),
            [
                FacetValue(t.code, t.label, type_counts.get(t.code, 0), t.code in filters.types, t.color)
                for t in ActorType.objects.order_by("position")
                if type_counts.get(t.code) or t.code in filters.types
            ],
        )
    )

    # Territories and tags are grouped by foreign key (no join), then named in one query each.
    region_counts = _counts(filters, search, "region", regions=(), departments=(), communes=())
    regions = Region.objects.filter(Q(pk__in=region_counts) | Q(code__in=filters.regions)).order_by("name")
    facets.append(
        Facet(
            "region",
            _("Région"),
            [FacetValue(r.code, r.name, region_counts.get(r.pk, 0), r.code in filters.regions) for r in regions],
        )
    )

    dept_counts = _counts(filters, search, "department", departments=(), communes=())
    departments = Department.objects.filter(Q(pk__in=dept_counts) | Q(code__in=filters.departments)).order_by("code")
    facets.append(
        Facet(
            "departement",
            _("Département"),
            [
                FacetValue(d.code, f"{d.name} ({d.code})", dept_counts.get(d.pk, 0), d.code in filters.departments)
                for d in departments
            ],
        )
    )

    facets.append(
        _choice_facet(
            filters, search, "statut", _("Statut administratif"), "legal_status", "legal_statuses", LegalStatus
        )
    )
    facets.append(_choice_facet(filters, search, "portee", _("Portée"), "scope", "scopes", Scope))
    # Disappeared actors are counted here even when hidden, so that one can ask for them.
    facets.append(
        _choice_facet(
            filters, search, "cycle", _("Cycle de vie"), "lifecycle", "lifecycles", Lifecycle, include_disappeared=True
        )
    )

    tag_counts = _counts(filters, search, "tags")
    tags = Tag.objects.filter(Q(pk__in=tag_counts) | Q(slug__in=filters.tags)).order_by("name")
    facets.append(
        Facet(
            "tag",
            _("Méthodes et thèmes"),
            sorted(
                (FacetValue(t.slug, t.name, tag_counts.get(t.pk, 0), t.slug in filters.tags) for t in tags),
                key=lambda v: (-v.count, v.label),
            ),
        )
    )
    return facets
