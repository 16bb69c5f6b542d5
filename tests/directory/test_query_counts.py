"""Query-count guardrails of the fiche and the directory list (see tests/querycount.py)."""

import pytest

from tests.querycount import actor_with_history, cold_get, queries, relate

pytestmark = pytest.mark.django_db

FICHE_MAX = 27  # + 1: the « Ce qu'il innove » panel of initiatives
LIST_MAX = 14


def test_the_fiche_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    parent = actor_with_history()
    actor = actor_with_history(parent=parent)
    relate(actor, [actor_with_history(parent=parent)])
    url = actor.get_absolute_url()
    before = queries(client, url)

    relate(actor, [actor_with_history(parent=parent) for _ in range(3)])
    actor_with_history(parent=actor)

    assert queries(client, url) == before
    with django_assert_max_num_queries(FICHE_MAX):
        cold_get(client, url)


def test_the_directory_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    parent = actor_with_history()
    actor_with_history(parent=parent)
    before = queries(client, "/acteurs/")

    for _ in range(4):
        actor_with_history(parent=parent, network=True)

    assert queries(client, "/acteurs/") == before
    with django_assert_max_num_queries(LIST_MAX):
        cold_get(client, "/acteurs/")
