"""The relations list finds its page in several ways (by the few actors' ids, from the actors when
there are not many, or walking the relations in order): each must give exactly the network's relations."""

import pytest
from django.http import QueryDict

from maillage.api import views
from maillage.network.filtering import NetworkFilters
from maillage.network.models import Relation
from maillage.network.writing import Change, create_relation
from tests.directory.factories import ActorFactory, TagFactory

QUERIES = [
    "",
    "departement=63",
    "departement=33&type=lab",
    "commune=63113",
    "region=75&type=lab&type=network",
    "type=lab",
    "tag=design",
    "tag=design&departement=63",
    "q=laboratoire",
    "relation=funding&departement=63",
]


@pytest.fixture
def small_network(lab63, lab33, clermont, bordeaux):
    design = TagFactory(slug="design", name="design")
    lab63.tags.add(design)
    network33 = ActorFactory(network=True, slug="reseau-33", commune=bordeaux)
    other63 = ActorFactory(promotion=True, slug="autre-63", commune=clermont)
    other63.tags.add(design)
    gone63 = ActorFactory(disappeared=True, slug="disparu-63", commune=clermont)
    for source, target, kind in [
        (lab63, lab33, "collaboration"),
        (lab63, other63, "funding"),
        (other63, network33, "membership"),
        (lab33, network33, "collaboration"),
        (gone63, lab33, "collaboration"),
        (network33, other63, "funding"),
    ]:
        create_relation(source, target, kind, change=Change())


def expected(query):
    """The definition: both ends pass the filters but the territory, and one end is inside it."""
    filters = NetworkFilters.from_query(QueryDict(query))
    allowed = set(filters.without_territory().actors().values_list("pk", flat=True))
    inside = set(filters.actors().values_list("pk", flat=True))
    return sorted(
        r.pk
        for r in filters.relations(Relation.objects.all())
        if {r.source_id, r.target_id} <= allowed and (r.source_id in inside or r.target_id in inside)
    )


@pytest.mark.parametrize(
    ("few_actors", "some_actors"),
    [(0, 0), (1, 1), (1000, 10_000)],
    ids=["walk", "walk-after-one", "by-ids-and-from-actors"],
)
@pytest.mark.parametrize("query", QUERIES)
def test_every_way_gives_the_networks_relations(api, small_network, monkeypatch, few_actors, some_actors, query):
    monkeypatch.setattr(views, "FEW_ACTORS", few_actors)
    monkeypatch.setattr(views, "SOME_ACTORS", some_actors)
    rows = api.get(f"/api/v1/relations/?{query}&page_size=200").json()["results"]
    assert sorted(row["id"] for row in rows) == expected(query)
