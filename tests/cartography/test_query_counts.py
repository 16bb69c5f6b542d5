"""Query-count guardrail of the map's data (see tests/querycount.py)."""

import pytest

from tests.querycount import actor_with_history, cold_get, queries

pytestmark = pytest.mark.django_db

MAP_DATA_MAX = 5  # with the data version read (maillage.core.dataversion), exact across processes


def test_the_map_data_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    parent = actor_with_history()
    actor_with_history(parent=parent)
    before = queries(client, "/carte/donnees/", warm=True)

    for _ in range(4):
        actor_with_history(parent=parent, promotion=True)

    assert queries(client, "/carte/donnees/", warm=True) == before
    with django_assert_max_num_queries(MAP_DATA_MAX):
        cold_get(client, "/carte/donnees/")
