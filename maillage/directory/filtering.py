"""The filters shared by the directory list, the map and the network view.

One query string drives them all, so a filtered view is a link one can share
and the list, the map and the network can be toggled without losing filters.

Query parameters (French, as they appear in shared links):
    q            text search (accents and case ignored)
    type         actor type code, repeatable (lab, promotion, …)
    region       région INSEE code (e.g. 84)
    departement  département INSEE code (e.g. 63)
    commune      commune INSEE code (e.g. 63113)
    statut       legal status code, repeatable
    portee       scope code, repeatable
    cycle        life-cycle code, repeatable
    tag          tag slug, repeatable
    disparus     "1" to include disappeared actors (hidden by default)
"""

from dataclasses import dataclass, field, fields

from django.db.models import Q

from maillage.core.text import normalize

from .models import Actor, ActorTypeCode, LegalStatus, Lifecycle, Scope

MULTI_PARAMS = {"type": ActorTypeCode, "statut": LegalStatus, "portee": Scope, "cycle": Lifecycle}


@dataclass
class ActorFilters:
    q: str = ""
    types: list = field(default_factory=list)
    region: str = ""
    department: str = ""
    commune: str = ""
    legal_statuses: list = field(default_factory=list)
    scopes: list = field(default_factory=list)
    lifecycles: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    include_disappeared: bool = False

    @property
    def is_empty(self):
        return self == ActorFilters()

    def to_query_dict(self):
        """The filters back as query parameters (for links and exports)."""
        params = {}
        for name, key in PARAM_NAMES.items():
            value = getattr(self, name)
            if value:
                params[key] = "1" if value is True else value
        return params


PARAM_NAMES = {
    "q": "q",
    "types": "type",
    "region": "region",
    "department": "departement",
    "commune": "commune",
    "legal_statuses": "statut",
    "scopes": "portee",
    "lifecycles": "cycle",
    "tags": "tag",
    "include_disappeared": "disparus",
}
assert set(PARAM_NAMES) == {f.name for f in fields(ActorFilters)}


def _valid(values, choices):
    allowed = set(choices.values)
    return [v for v in values if v in allowed]


def parse_filters(params):
    """Read filters from a QueryDict (or a plain dict); unknown values are ignored, never an error."""

    def get_list(key):
        if hasattr(params, "getlist"):
            values = params.getlist(key)
        else:
            raw = params.get(key, [])
            values = raw if isinstance(raw, list | tuple) else [raw]
        return [str(v).strip() for v in values if str(v).strip()]

    def get_one(key, max_length=200):
        values = get_list(key)
        return values[0][:max_length] if values else ""

    return ActorFilters(
        q=get_one("q"),
        types=_valid(get_list("type"), ActorTypeCode),
        region=get_one("region", 3),
        department=get_one("departement", 3),
        commune=get_one("commune", 5),
        legal_statuses=_valid(get_list("statut"), LegalStatus),
        scopes=_valid(get_list("portee"), Scope),
        lifecycles=_valid(get_list("cycle"), Lifecycle),
        tags=[t[:100] for t in get_list("tag")],
        include_disappeared=get_one("disparus") in {"1", "true", "oui", "on"},
    )


def text_search(queryset, query):
    """Portable text search: every word of the query must appear (accents and case ignored).

    The directory's search module replaces this with a ranked, typo-tolerant search.
    """
    for word in normalize(query).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def filter_actors(filters, queryset=None, *, search=None):
    """Apply the filters to a queryset of actors (all actors by default).

    `search(queryset, q)` may replace the portable text search.
    """
    qs = Actor.objects.all() if queryset is None else queryset
    if filters.types:
        qs = qs.filter(primary_type__in=filters.types)
    if filters.region:
        qs = qs.filter(region__code=filters.region)
    if filters.department:
        qs = qs.filter(department__code=filters.department)
    if filters.commune:
        qs = qs.filter(commune__code=filters.commune)
    if filters.legal_statuses:
        qs = qs.filter(legal_status__in=filters.legal_statuses)
    if filters.scopes:
        qs = qs.filter(scope__in=filters.scopes)
    if filters.lifecycles:
        qs = qs.filter(lifecycle__in=filters.lifecycles)
    elif not filters.include_disappeared:
        qs = qs.filter(~Q(lifecycle=Lifecycle.DISAPPEARED))
    for tag in filters.tags:
        qs = qs.filter(tags__slug=tag)
    if filters.q:
        qs = (search or text_search)(qs, filters.q)
    return qs
