"""Query-count guardrails of the moderation pages and the history page (see tests/querycount.py)."""

import pytest

from maillage.contributions import services
from maillage.directory import writing
from maillage.directory.fields import snapshot
from tests.contributions.factories import UserFactory
from tests.querycount import CHANGE, actor_with_history, cold_get, queries, relate

pytestmark = pytest.mark.django_db

QUEUE_MAX = 6
MODERATE_MAX = 11
HISTORY_MAX = 11


def propose(actor, n):
    """A change proposal and a report on the actor, from a signed-in contributor."""
    author = UserFactory(username=f"contributeur-{actor.pk}-{n}")
    change = services.create_proposal(
        kind="change_actor", user=author, actor=actor, payload={**snapshot(actor), "missions": f"Proposé {n}."}
    )
    services.create_proposal(kind="report", user=author, actor=actor, report_reason="wrong", message="Erreur.")
    return change


@pytest.fixture
def staff(client):
    user = UserFactory(username="equipe", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_the_moderation_queue_runs_a_fixed_number_of_queries(client, staff, django_assert_max_num_queries):
    parent = actor_with_history()
    propose(actor_with_history(parent=parent), 1)
    before = queries(client, "/contributions/moderation/")

    for n in range(4):
        propose(actor_with_history(parent=parent), n)

    assert queries(client, "/contributions/moderation/") == before
    with django_assert_max_num_queries(QUEUE_MAX):
        cold_get(client, "/contributions/moderation/")


def test_a_proposal_page_runs_a_fixed_number_of_queries(client, staff, django_assert_max_num_queries):
    actor = actor_with_history(parent=actor_with_history())
    proposal = propose(actor, 1)
    url = f"/contributions/moderation/{proposal.pk}/"
    before = queries(client, url)

    relate(actor, [actor_with_history() for _ in range(3)])
    for n in range(2, 5):
        propose(actor, n)

    assert queries(client, url) == before
    with django_assert_max_num_queries(MODERATE_MAX):
        cold_get(client, url)


def test_the_history_page_runs_a_fixed_number_of_queries(client, staff, django_assert_max_num_queries):
    parent = actor_with_history()
    actor = actor_with_history(parent=parent)
    relate(actor, [actor_with_history(parent=parent)])
    url = f"/contributions/acteur/{actor.slug}/historique/"
    before = queries(client, url)

    relate(actor, [actor_with_history(parent=parent) for _ in range(3)])
    services.revert_actor(actor.pk, 2, staff)

    assert queries(client, url) == before
    with django_assert_max_num_queries(HISTORY_MAX):
        cold_get(client, url)


def test_the_history_page_costs_the_same_with_2_or_20_revisions(client, staff):
    actor = actor_with_history(parent=actor_with_history())
    relate(actor, [actor_with_history()])
    url = f"/contributions/acteur/{actor.slug}/historique/"
    before = queries(client, url)

    for n in range(18):
        writing.update_actor(actor, {"missions": f"Révision {n}.", "founded_year": 1990 + n}, change=CHANGE)

    assert queries(client, url) == before
