"""Query-count guardrails of the fiche and the directory list (see tests/querycount.py)."""

import pytest

from maillage.directory import writing
from maillage.network import writing as relation_writing
from tests.querycount import CHANGE, actor_with_history, cold_get, queries, relate

pytestmark = pytest.mark.django_db

FICHE_MAX = 26  # panels included (relations, initiatives, events, contributions, diagnostics); caches empty
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


def _revise(actor, times):
    """`times` more revisions of the fiche, each changing several fields (text, year, scope)."""
    for n in range(times):
        writing.update_actor(
            actor,
            {"missions": f"Révision {n}.", "founded_year": 1990 + n, "scope": "regional" if n % 2 else "local"},
            change=CHANGE,
        )


def test_the_fiche_costs_the_same_with_2_or_20_revisions(client):
    parent = actor_with_history()
    actor = actor_with_history(parent=parent)  # 4 revisions
    relate(actor, [actor_with_history(parent=parent)])
    url = actor.get_absolute_url()
    before = queries(client, url)

    _revise(actor, 18)

    assert queries(client, url) == before


def test_the_fiche_costs_the_same_however_often_its_relations_changed(client):
    parent = actor_with_history()
    actor = actor_with_history(parent=parent)
    partner = actor_with_history(parent=parent)
    relation = relation_writing.create_relation(actor, partner, "collaboration", change=CHANGE).instance
    url = actor.get_absolute_url()
    before = queries(client, url)

    for year in range(2000, 2018):
        relation_writing.update_relation(relation, {"start_year": year, "description": f"Année {year}."}, change=CHANGE)

    assert queries(client, url) == before


def test_the_directory_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    parent = actor_with_history()
    actor_with_history(parent=parent)
    before = queries(client, "/acteurs/")

    for _ in range(4):
        actor_with_history(parent=parent, network=True)

    assert queries(client, "/acteurs/") == before
    with django_assert_max_num_queries(LIST_MAX):
        cold_get(client, "/acteurs/")
