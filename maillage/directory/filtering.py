"""`ActorFilters`: the one query string shared by the directory list, the map and the network.

One query string drives them all, so a filtered view is a link one can share and the
list, the map and the network can be toggled without losing filters. This module is the
only place that knows the parameters: each is one field of `ActorFilters` whose metadata
says how it is read from the query string and (for the plain ones) how it selects actors.
Adding a filter is adding a field here (and its control in `directory/_filter_form.html`).

Query parameters (French, as they appear in shared links):
    q            text search (accents and case ignored)
    type         actor type code (lab, promotion, …)
    region       région INSEE code (e.g. 84)
    departement  département INSEE code (e.g. 63, 2A, 974)
    commune      commune INSEE code (e.g. 63113)
    statut       legal status code
    portee       scope code
    cycle        life-cycle code
    tag          tag slug
    disparus     "1" to include disappeared actors (hidden by default)

Every parameter but `q` and `disparus` may repeat: `departement=63&departement=69` means
either département (values of one parameter are alternatives, parameters combine with AND;
tags are the exception, a selection of methods and themes that must all apply). Bad values
(unknown codes, malformed territory codes, out-of-range years) are ignored, never an error;
`ActorFilters.ignored` lists them so a page can say so in French.
"""

import dataclasses
import re
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from maillage.core.text import normalize
from maillage.territories.models import Commune, Department, Region

from .models import Actor, ActorType, ActorTypeCode, LegalStatus, Lifecycle, Scope, Tag
from .search import match_actors

MAX_TAG_CHOICES = 200
MAX_VALUES = 50  # more values of one parameter than any form offers are ignored
MAX_TAGS = 10  # tags combine with AND: no real filter needs more
TRUE_VALUES = frozenset({"1", "true", "oui", "on"})


@dataclass(frozen=True)
class Param:
    """How one filter field reads from and writes to the query string.

    `key` is the query parameter; `many` makes the field a tuple of values; a value is
    kept when it is one of `choices`, matches `pattern` (after `upper`), or, for a year,
    lies in [`min_year`, `max_year`]; `lookup` is the `__in` lookup that selects actors
    (fields without one are applied by hand in `ActorFilters.actors`).
    """

    key: str
    many: bool = True
    choices: tuple = ()
    pattern: str = ""
    upper: bool = False
    max_length: int = 200
    lookup: str = ""
    flag: bool = False
    min_year: int | None = None
    max_year: int | None = None
    max_values: int = MAX_VALUES

    @property
    def is_year(self):
        return self.min_year is not None

    def accepts(self, value):
        if self.choices:
            return value in self.choices
        if self.pattern:
            return re.fullmatch(self.pattern, value) is not None
        if self.is_year:
            return value.isdigit() and self.min_year <= int(value) <= self.max_year
        return len(value) <= self.max_length

    def parse(self, raw_values):
        """(value of the field, the values that were ignored)."""
        values = [v.strip() for v in raw_values if v is not None and str(v).strip()]
        values = [v.upper() if self.upper else v for v in map(str, values)]
        if self.flag:
            return (bool(values) and values[0].lower() in TRUE_VALUES), ()
        if not self.many:
            if not values:
                return (None if self.is_year else ""), ()
            value = values[0] if self.is_year else values[0][: self.max_length]
            if self.accepts(value):
                return (int(value) if self.is_year else value), ()
            return None, (value,)
        kept = [v for v in values if self.accepts(v)]
        ignored = tuple(v for v in values if not self.accepts(v))
        return tuple(sorted(dict.fromkeys(kept)))[: self.max_values], ignored

    def encode(self, value):
        """The query-string values of a field value ([] when it is the default)."""
        if self.flag:
            return ["1"] if value else []
        if self.many:
            return [str(v) for v in value]
        return [] if value in (None, "") else [str(value)]


def param(key, **options):
    return {"param": Param(key, **options)}


def choice_param(key, choices, **options):
    """`param` whose values are the codes of a Django `choices` enumeration."""
    return param(key, choices=tuple(choices.values), **options)


# The territory and tag parameters, spelled once: every filter object of the site reads them alike,
# so a link keeps its territory and its tags from the directory to the catalogue and back.
REGION = {"key": "region", "pattern": r"\d{2}"}
DEPARTMENT = {"key": "departement", "pattern": r"\d{2}|2[AB]|9[78]\d", "upper": True}
COMMUNE = {"key": "commune", "pattern": r"\d{5}|2[AB]\d{3}", "upper": True}
TAG = {"key": "tag", "pattern": r"[-\w]{1,100}", "max_values": MAX_TAGS}


# What every filter object reads alike (text, territory, tags): a link from one page to another
# catalogue (the network's to the initiatives) carries these and drops the rest.
SHARED_KEYS = frozenset({"q", REGION["key"], DEPARTMENT["key"], COMMUNE["key"], TAG["key"]})


def shared_param(spec, **options):
    """`param` for one of the shared parameters above (`lookup` and the like may be added)."""
    return {"param": Param(**spec, **options)}


def with_all_tags(through, owner, tags):
    """The ids (`owner` column of the `through` table) of the rows carrying every tag of `tags`.

    One grouped subquery whatever the number of tags (not one join per tag); one tag needs no
    grouping, and without it the database can estimate how many rows carry it.
    """
    if len(tags) == 1:
        return through.objects.filter(tag__slug=tags[0]).values(owner)
    return (
        through.objects.filter(tag__slug__in=tags)
        .values(owner)
        .annotate(matched=Count("tag_id", distinct=True))
        .filter(matched=len(tags))
        .values(owner)
    )


@dataclass(frozen=True)
class QueryFilters:
    """What every filter object of the site shares: reading, validating and writing its query string.

    A subclass is a frozen dataclass whose filter fields carry `param(...)` metadata; this base
    reads them from a QueryDict, encodes them back canonically and names what it ignored.
    """

    # (query parameter, value) pairs that were ignored; not a filter, so not compared.
    ignored: tuple = field(default=(), compare=False, repr=False, kw_only=True)

    def __post_init__(self):
        # Accept lists (and a lone string) from callers; store sorted, de-duplicated tuples.
        for name, spec in self.params():
            value = getattr(self, name)
            if spec.many and not isinstance(value, tuple):
                value = (value,) if isinstance(value, str) else tuple(value)
                object.__setattr__(self, name, tuple(sorted(dict.fromkeys(value))))

    @classmethod
    def params(cls):
        """(field name, Param) of every filter, in query-string order."""
        return [(f.name, f.metadata["param"]) for f in dataclasses.fields(cls) if "param" in f.metadata]

    @classmethod
    def keys(cls):
        """The query parameters these filters own."""
        return {spec.key for _name, spec in cls.params()}

    @classmethod
    def from_query(cls, params):
        """Read the filters from a QueryDict or a plain dict (a value may be a list)."""
        values, ignored = {}, []
        for name, spec in cls.params():
            if hasattr(params, "getlist"):
                raw = params.getlist(spec.key)
            else:
                raw = params.get(spec.key, [])
                raw = list(raw) if isinstance(raw, list | tuple) else [raw]
            values[name], bad = spec.parse(raw)
            ignored += [(spec.key, value) for value in bad]
        return cls(**values, ignored=tuple(ignored))

    def items(self, *, exclude=()):
        """The filters as (parameter, value) pairs, in a canonical order."""
        return [
            (spec.key, value)
            for name, spec in self.params()
            if spec.key not in exclude
            for value in spec.encode(getattr(self, name))
        ]

    def urlencode(self, *, exclude=()):
        """The canonical query string of these filters, without "?" ("" when there is none)."""
        return urlencode(self.items(exclude=exclude))

    @property
    def query(self):
        """ "?…" for links in templates ("" when no filter is on)."""
        encoded = self.urlencode()
        return f"?{encoded}" if encoded else ""

    @property
    def shared_query(self):
        """ "?…" of the shared parameters only (SHARED_KEYS), for links to a page with other filters."""
        encoded = self.urlencode(exclude=self.keys() - SHARED_KEYS)
        return f"?{encoded}" if encoded else ""

    def replace(self, **changes):
        return dataclasses.replace(self, **changes)

    @property
    def is_empty(self):
        return self == type(self)()

    def ignored_message(self):
        """A French sentence naming the ignored values, or ""."""
        if not self.ignored:
            return ""
        listed = ", ".join(f"{key}={value}" for key, value in self.ignored)
        return _("Filtres non reconnus, ignorés : %(values)s.") % {"values": listed}


@dataclass(frozen=True)
class ActorFilters(QueryFilters):
    """The shared filters, parsed and validated; immutable and hashable (a cache key)."""

    q: str = field(default="", metadata=param("q", many=False))
    types: tuple = field(default=(), metadata=choice_param("type", ActorTypeCode, lookup="primary_type__in"))
    # Territories select by primary key (`territory_q`), not by a lookup on their codes.
    regions: tuple = field(default=(), metadata=shared_param(REGION))
    departments: tuple = field(default=(), metadata=shared_param(DEPARTMENT))
    communes: tuple = field(default=(), metadata=shared_param(COMMUNE))
    legal_statuses: tuple = field(default=(), metadata=choice_param("statut", LegalStatus, lookup="legal_status__in"))
    scopes: tuple = field(default=(), metadata=choice_param("portee", Scope, lookup="scope__in"))
    lifecycles: tuple = field(default=(), metadata=choice_param("cycle", Lifecycle, lookup="lifecycle__in"))
    tags: tuple = field(default=(), metadata=shared_param(TAG))
    include_disappeared: bool = field(default=False, metadata=param("disparus", many=False, flag=True))

    TERRITORY_FIELDS = ("regions", "departments", "communes")
    # Filter field -> (territory model, the actor's foreign key to it).
    TERRITORY_COLUMNS = {
        "regions": (Region, "region"),
        "departments": (Department, "department"),
        "communes": (Commune, "commune"),
    }

    # -- territory -----------------------------------------------------------------------

    @property
    def has_territory(self):
        return any(getattr(self, name) for name in self.TERRITORY_FIELDS)

    @property
    def narrows_actors(self):
        """Whether a filter other than the territory selects actors (text, type, status, tags…)."""
        return any(
            getattr(self, name)
            for name, _spec in ActorFilters.params()
            if name not in self.TERRITORY_FIELDS and name != "include_disappeared"
        )

    @cached_property
    def territory_pks(self):
        """{filter field: primary keys} of the territories selected, read once per filter object.

        Why: actors are then selected on their own foreign-key columns (`department_id IN (…)`), so
        the database weighs each territory with its statistics. Joined on the codes instead, a
        département holding most actors looks like an average one to PostgreSQL, which then sorts
        all its actors for a page of 50 instead of walking the list in order (38 ms -> 0.7 ms at
        100,000 actors). An unknown code selects nothing, as the join did.
        """
        return {
            name: list(model.objects.filter(code__in=getattr(self, name)).values_list("pk", flat=True))
            for name, (model, _column) in self.TERRITORY_COLUMNS.items()
            if getattr(self, name)
        }

    def territory_q(self, prefix=""):
        """The territory filters as a Q on an actor reached through `prefix` ("source__", or "" for actors)."""
        condition = Q()
        for name, pks in self.territory_pks.items():
            condition &= Q(**{f"{prefix}{self.TERRITORY_COLUMNS[name][1]}_id__in": pks})
        return condition

    def without_territory(self):
        """The same filters on every territory (for partners outside the territory)."""
        return self.replace(**dict.fromkeys(self.TERRITORY_FIELDS, ()))

    def territory_label(self):
        """Human name of the territory filter, for captions ("Puy-de-Dôme", "tous territoires").

        The narrowest level set wins; several values of it are listed.
        """
        for model, codes in ((Commune, self.communes), (Department, self.departments), (Region, self.regions)):
            if codes:
                names = dict(model.objects.filter(code__in=codes).values_list("code", "name"))
                return ", ".join(names.get(code, code) for code in codes)
        return _("tous territoires")

    # -- the queryset --------------------------------------------------------------------

    def actors(self, queryset=None, *, search=match_actors):
        """The actors these filters select (from all actors by default).

        `search(queryset, q)` is the text search: the directory's typo-tolerant match by
        default, so list, map and network agree; the list page passes its ranked search.
        """
        qs = Actor.objects.all() if queryset is None else queryset
        for name, spec in self.params():
            value = getattr(self, name)
            if spec.lookup and value:
                qs = qs.filter(**{spec.lookup: value})
        if self.has_territory:
            qs = qs.filter(self.territory_q())
        if not self.lifecycles and not self.include_disappeared:
            qs = qs.filter(~Q(lifecycle=Lifecycle.DISAPPEARED))
        if self.tags:
            qs = qs.filter(pk__in=with_all_tags(Actor.tags.through, "actor_id", self.tags))
        if self.q:
            qs = (search or text_search)(qs, self.q)
        return qs


def filter_form_context(filters):
    """What `directory/_filter_form.html` offers, the same on every page: the territories
    that have actors (plus any selected one), types, statuses, scopes, cycles and tags."""
    return {
        "filter_choices": {
            "actor_types": ActorType.objects.order_by("position"),
            "regions": Region.objects.filter(Q(actors__isnull=False) | Q(code__in=filters.regions))
            .distinct()
            .order_by("name"),
            "departments": Department.objects.filter(Q(actors__isnull=False) | Q(code__in=filters.departments))
            .distinct()
            .order_by("code"),
            "legal_statuses": LegalStatus.choices,
            "scopes": Scope.choices,
            # Disappeared actors have their own switch (`disparus`).
            "lifecycles": [c for c in Lifecycle.choices if c[0] != Lifecycle.DISAPPEARED],
            "tags": Tag.objects.filter(
                Q(pk__in=Tag.objects.order_by("name")[:MAX_TAG_CHOICES]) | Q(slug__in=filters.tags)
            ).order_by("name"),
        }
    }


def text_search(queryset, query):
    """Plain substring search: every word of the query must appear (accents and case ignored).

    The baseline the directory's ranked, typo-tolerant search is measured against.
    """
    for word in normalize(query).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset
