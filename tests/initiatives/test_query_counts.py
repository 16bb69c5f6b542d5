"""The catalogue, an initiative page, the reuse page and the map run a fixed number of queries."""

import pytest

from tests.directory.factories import ActorFactory
from tests.initiatives.conftest import make_initiative
from tests.querycount import queries

pytestmark = pytest.mark.django_db


def _rich(n, clermont, previous=None):
    actors = [ActorFactory(commune=clermont) for _ in range(2)]
    return make_initiative(
        f"Initiative {n}",
        start_year=2015 + n,
        types=["service", "governance"],
        publics=["agents"],
        communes=[clermont.code],
        departments=[clermont.department.code],
        actors=[{"actor": a.slug, "role": "porteur"} for a in actors],
        phases=[{"phase": "construction", "year": 2015 + n}],
        sources=[{"reference": "Rapport", "section": "2.1", "quote": "x"}],
        links=[{"target": previous.slug, "kind": "inspiree_de"}] if previous else [],
    )


@pytest.mark.parametrize(
    "url", ["/initiatives/", "/initiatives/essaimage/", "/initiatives/carte/", "/initiatives/export.json"]
)
def test_pages_do_not_run_one_query_per_initiative(client, clermont, url):
    first = _rich(0, clermont)
    _rich(1, clermont, first)
    before = queries(client, url)
    previous = first
    for n in range(2, 6):
        previous = _rich(n, clermont, previous)
    assert queries(client, url) == before


def test_the_initiative_page_does_not_run_one_query_per_actor(client, clermont):
    initiative = _rich(0, clermont)
    before = queries(client, initiative.get_absolute_url())
    from maillage.directory.writing import Change
    from maillage.initiatives.writing import update_initiative

    more = [ActorFactory(commune=clermont) for _ in range(4)]
    update_initiative(
        initiative,
        {"actors": [{"actor": a.slug, "role": "partenaire"} for a in more]},
        change=Change(),
    )
    assert queries(client, initiative.get_absolute_url()) == before
