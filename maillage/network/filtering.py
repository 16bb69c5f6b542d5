"""`NetworkFilters`: the shared actor filters plus the network's relation filters.

The network reads one object from the query string: every `ActorFilters` parameter, plus
    relation     relation kind code, repeatable (either kind)
    debut        relations still active in or after this year
    fin          relations already started in or before this year
    confirmation relation status code, repeatable (e.g. `confirmation=confirmed`: relations
                 confirmed by both actors only; the diagnostics run on that choice too)
A relation without a known period counts as "at some time" and is always kept.
"""

import dataclasses
from dataclasses import dataclass, field

from django.db.models import Q

from maillage.directory.filtering import ActorFilters, param
from maillage.directory.models import YEAR_MAX, YEAR_MIN

from .models import Relation, RelationKind, RelationStatus

# The one year range of the ecosystem, declared by the directory's model.
MIN_YEAR, MAX_YEAR = YEAR_MIN, YEAR_MAX


def year_param(key):
    return param(key, many=False, min_year=MIN_YEAR, max_year=MAX_YEAR)


@dataclass(frozen=True)
class NetworkFilters(ActorFilters):
    kinds: tuple = field(default=(), metadata=param("relation", choices=tuple(RelationKind.values)))
    year_from: int | None = field(default=None, metadata=year_param("debut"))
    year_to: int | None = field(default=None, metadata=year_param("fin"))
    statuses: tuple = field(default=(), metadata=param("confirmation", choices=tuple(RelationStatus.values)))

    @classmethod
    def extend(cls, filters):
        """`filters` as NetworkFilters: unchanged if they are, else with every relation kind and period."""
        if isinstance(filters, cls):
            return filters
        return cls(**{f.name: getattr(filters, f.name) for f in dataclasses.fields(ActorFilters)})

    def relations(self, queryset=None):
        """The relations of the chosen kinds and period (from all relations by default)."""
        qs = Relation.objects.all() if queryset is None else queryset
        if self.kinds:
            qs = qs.filter(kind__in=self.kinds)
        if self.statuses:
            qs = qs.filter(status__in=self.statuses)
        if self.year_from is not None:
            qs = qs.filter(Q(end_year__isnull=True) | Q(end_year__gte=self.year_from))
        if self.year_to is not None:
            qs = qs.filter(Q(start_year__isnull=True) | Q(start_year__lte=self.year_to))
        return qs
