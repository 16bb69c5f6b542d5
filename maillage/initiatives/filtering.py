"""`InitiativeFilters`: the catalogue's query string, built like the directory's `ActorFilters`.

Same conventions and the same machinery (`QueryFilters`, with the shared territory and tag
parameters, from `directory.filtering`): French parameter names, repeated parameters are
alternatives, parameters combine with AND, tags must all apply, bad values are ignored and
listed in `ignored`. The territory parameters are
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

from dataclasses import dataclass, field

from django.db.models import Q

from maillage.core.text import normalize
from maillage.directory.filtering import (
    COMMUNE,
    DEPARTMENT,
    REGION,
    TAG,
    QueryFilters,
    choice_param,
    param,
    shared_param,
    with_all_tags,
)
from maillage.directory.search import correct_words, query_words

from .models import Initiative, InitiativeType, InnovationType, OpsiFacet, Phase, Role, TargetPublic


@dataclass(frozen=True)
class InitiativeFilters(QueryFilters):
    """The catalogue's filters, parsed and validated; immutable and hashable."""

    q: str = field(default="", metadata=param("q", many=False))
    types: tuple = field(default=(), metadata=choice_param("type", InnovationType))
    stages: tuple = field(default=(), metadata=choice_param("phase", Phase))
    publics: tuple = field(default=(), metadata=choice_param("public", TargetPublic))
    roles: tuple = field(default=(), metadata=choice_param("role", Role))
    actors: tuple = field(default=(), metadata=param("acteur", pattern=r"[-\w]{1,255}"))
    opsi: tuple = field(default=(), metadata=choice_param("opsi", OpsiFacet))
    regions: tuple = field(default=(), metadata=shared_param(REGION))
    departments: tuple = field(default=(), metadata=shared_param(DEPARTMENT))
    communes: tuple = field(default=(), metadata=shared_param(COMMUNE))
    tags: tuple = field(default=(), metadata=shared_param(TAG))

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
            qs = qs.filter(pk__in=with_all_tags(Initiative.tags.through, "initiative_id", self.tags))
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
