"""`InitiativeFilters`: the catalogue's query string, built like the directory's `ActorFilters`.

Same conventions (and the same `Param` machinery, imported from `directory.filtering`): French
parameter names, repeated parameters are alternatives, parameters combine with AND, tags
must all apply, bad values are ignored and listed in `ignored`. The territory parameters are
the directory's (`region`, `departement`, `commune`), so a link keeps its territory when one
goes from the directory to the catalogue and back; an initiative is in a territory when one
of its territories is, or lies inside it.

Query parameters:
    q            text search (accents, case and typos tolerated)
    type         innovation type code (service, structure, practice, technology, conceptual, governance)
    phase        life-cycle stage (investigation, construction, …, transferred, abandoned)
    public       target public code
    role         an actor role (porteur, partenaire…): initiatives with at least one actor in that role
    acteur       an actor's slug: initiatives it takes part in
    opsi         OPSI facet code
    region, departement, commune   INSEE codes
    tag          method or theme slug
"""

import dataclasses
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from maillage.core.text import normalize
from maillage.directory.filtering import MAX_TAGS, param
from maillage.directory.search import correct_words, query_words

from .models import Initiative, InitiativeType, InnovationType, OpsiFacet, Phase, Role, TargetPublic


def _codes(choices):
    return tuple(choices.values)


@dataclass(frozen=True)
class InitiativeFilters:
    """The catalogue's filters, parsed and validated; immutable and hashable."""

    q: str = field(default="", metadata=param("q", many=False))
    types: tuple = field(default=(), metadata=param("type", choices=_codes(InnovationType)))
    stages: tuple = field(default=(), metadata=param("phase", choices=_codes(Phase)))
    publics: tuple = field(default=(), metadata=param("public", choices=_codes(TargetPublic)))
    roles: tuple = field(default=(), metadata=param("role", choices=_codes(Role)))
    actors: tuple = field(default=(), metadata=param("acteur", pattern=r"[-\w]{1,255}"))
    opsi: tuple = field(default=(), metadata=param("opsi", choices=_codes(OpsiFacet)))
    regions: tuple = field(default=(), metadata=param("region", pattern=r"\d{2}"))
    departments: tuple = field(default=(), metadata=param("departement", pattern=r"\d{2}|2[AB]|9[78]\d", upper=True))
    communes: tuple = field(default=(), metadata=param("commune", pattern=r"\d{5}|2[AB]\d{3}", upper=True))
    tags: tuple = field(default=(), metadata=param("tag", pattern=r"[-\w]{1,100}", max_values=MAX_TAGS))
    ignored: tuple = field(default=(), compare=False, repr=False)

    def __post_init__(self):
        for name, spec in self.params():
            value = getattr(self, name)
            if spec.many and not isinstance(value, tuple):
                value = (value,) if isinstance(value, str) else tuple(value)
                object.__setattr__(self, name, tuple(sorted(dict.fromkeys(value))))

    @classmethod
    def params(cls):
        return [(f.name, f.metadata["param"]) for f in dataclasses.fields(cls) if "param" in f.metadata]

    @classmethod
    def from_query(cls, params):
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
        return [
            (spec.key, value)
            for name, spec in self.params()
            if spec.key not in exclude
            for value in spec.encode(getattr(self, name))
        ]

    def urlencode(self, *, exclude=()):
        return urlencode(self.items(exclude=exclude))

    @property
    def query(self):
        encoded = self.urlencode()
        return f"?{encoded}" if encoded else ""

    def replace(self, **changes):
        return dataclasses.replace(self, **changes)

    @property
    def is_empty(self):
        return self == type(self)()

    def ignored_message(self):
        if not self.ignored:
            return ""
        listed = ", ".join(f"{key}={value}" for key, value in self.ignored)
        return _("Filtres non reconnus, ignorés : %(values)s.") % {"values": listed}

    # -- the queryset --------------------------------------------------------------------

    def initiatives(self, queryset=None):
        """The initiatives these filters select."""
        qs = Initiative.objects.all() if queryset is None else queryset
        if self.types:
            qs = qs.filter(pk__in=InitiativeType.objects.filter(code__in=self.types).values("initiative_id"))
        if self.stages:
            qs = qs.filter(stage__in=self.stages)
        if self.publics:
            qs = qs.filter(public_rows__code__in=self.publics)
        if self.roles:
            qs = qs.filter(participations__role__in=self.roles)
        if self.actors:
            qs = qs.filter(participations__actor__slug__in=self.actors)
        if self.opsi:
            qs = qs.filter(opsi_facet__in=self.opsi)
        if self.regions:
            qs = qs.filter(
                Q(regions__code__in=self.regions)
                | Q(departments__region__code__in=self.regions)
                | Q(communes__department__region__code__in=self.regions)
            )
        if self.departments:
            qs = qs.filter(
                Q(departments__code__in=self.departments) | Q(communes__department__code__in=self.departments)
            )
        if self.communes:
            qs = qs.filter(communes__code__in=self.communes)
        if self.tags:
            tagged = (
                Initiative.tags.through.objects.filter(tag__slug__in=self.tags)
                .values("initiative_id")
                .annotate(matched=Count("tag_id", distinct=True))
                .filter(matched=len(self.tags))
                .values("initiative_id")
            )
            qs = qs.filter(pk__in=tagged)
        if self.q:
            qs = search(qs, self.q)
        # Joins on to-many rows may repeat an initiative: one row each, by primary key.
        return Initiative.objects.filter(pk__in=qs.values("pk"))


def vocabulary():
    """Sorted distinct words of the catalogue (a few thousand at most): the typo corrections' dictionary."""
    words = set()
    for text in Initiative.objects.values_list("search_text", flat=True):
        words.update(text.split())
    return sorted(words)


def corrected_words(query):
    """(words as typed, words searched): a word that starts no word of the catalogue becomes the closest one."""
    words = query_words(query)
    if not words:
        return [], []
    return words, correct_words(words, vocab=vocabulary())


def search(queryset, query):
    """Every meaningful word of the query starts a word of the title, summary or description.

    Accents and case are folded by `normalize` (stored in `search_text`); typos are corrected
    against the catalogue's own words with the directory's rules (`correct_words`).
    """
    _typed, words = corrected_words(query)
    if not words:
        normalized = normalize(query)
        return queryset.filter(search_text__contains=normalized) if normalized else queryset
    for word in words:
        queryset = queryset.filter(Q(search_text__startswith=word) | Q(search_text__contains=f" {word}"))
    return queryset
