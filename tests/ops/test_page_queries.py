"""Query-count guardrails of the map and network pages (and graph data), and of the main pages from the page cache.

The fiche and the directory list have theirs in tests/directory/test_query_counts.py, the map's
data endpoint in tests/cartography/test_query_counts.py (see tests/querycount.py).
"""

import pytest
from django.test import override_settings

from tests.querycount import actor_with_history, cold_get, queries, relate

pytestmark = pytest.mark.django_db

MAP_PAGE_MAX = 12
NETWORK_PAGE_MAX = 8
GRAPH_DATA_MAX = 7  # built and laid out (cache empty): data version, actors, relations, motivations, types…
# From the page cache: the session-less visitor's page costs the data version read alone.
CACHED_PAGE_MAX = 1


def _ecosystem(extra=0):
    parent = actor_with_history()
    actor = actor_with_history(parent=parent)
    relate(actor, [actor_with_history(parent=parent) for _ in range(1 + extra)])
    return actor


def test_the_map_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    _ecosystem()
    before = queries(client, "/carte/")
    _ecosystem(extra=3)
    assert queries(client, "/carte/") == before
    with django_assert_max_num_queries(MAP_PAGE_MAX):
        cold_get(client, "/carte/")


def test_the_network_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    _ecosystem()
    before = queries(client, "/reseau/")
    _ecosystem(extra=3)
    assert queries(client, "/reseau/") == before
    with django_assert_max_num_queries(NETWORK_PAGE_MAX):
        cold_get(client, "/reseau/")


def test_the_network_graph_data_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    _ecosystem()
    before = queries(client, "/reseau/graphe.json")
    _ecosystem(extra=3)
    assert queries(client, "/reseau/graphe.json") == before
    with django_assert_max_num_queries(GRAPH_DATA_MAX):
        cold_get(client, "/reseau/graphe.json")


def test_the_network_graph_data_from_the_cache_costs_one_query(client, django_assert_max_num_queries):
    _ecosystem(extra=2)
    client.get("/reseau/graphe.json")
    with django_assert_max_num_queries(CACHED_PAGE_MAX):
        assert client.get("/reseau/graphe.json").status_code == 200


@pytest.mark.parametrize("page", ["fiche", "/acteurs/", "/carte/", "/reseau/"])
def test_a_cached_page_costs_one_query(client, page, django_assert_max_num_queries, settings):
    actor = _ecosystem(extra=2)
    url = actor.get_absolute_url() if page == "fiche" else page
    views = ["directory:actor_list", "directory:actor_detail", "cartography:map", "network:network"]
    with override_settings(PAGE_CACHE_VIEWS=views):
        client.get(url)
        with django_assert_max_num_queries(CACHED_PAGE_MAX):
            assert client.get(url)["X-Page-Cache"] == "hit"
