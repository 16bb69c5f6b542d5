"""Two moderators deciding the same proposal at once, in real concurrent PostgreSQL transactions."""

import threading
import time

import pytest
from django.db import connection

from maillage.contributions import services
from maillage.contributions.models import Proposal
from maillage.contributions.snapshots import actor_snapshot
from maillage.directory.models import Actor

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent transactions (PostgreSQL)")


def run_concurrently(*calls):
    """Start each call in its own thread (own connection) at the same moment; collect outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def worker(index, call):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            call()
            outcomes[index] = "won"
        except services.AlreadyDecided as error:
            outcomes[index] = error.message
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def make_proposal(actor, name):
    return services.create_proposal(
        kind="change_actor", email="a@exemple.invalid", actor=actor, payload={**actor_snapshot(actor), "name": name}
    )


def confirmed(actor, name):
    proposal = make_proposal(actor, name)
    services.confirm_email(proposal.pk, proposal.email)
    return proposal


@pytest.mark.parametrize("round_", range(3))
def test_accept_and_reject_at_once_exactly_one_wins(actor, moderator, regional_moderator, round_):
    proposal = confirmed(actor, f"Nom {round_}")
    outcomes = run_concurrently(
        lambda: services.accept(proposal.pk, moderator),
        lambda: services.reject(proposal.pk, regional_moderator, "Non"),
    )
    assert sorted(o == "won" for o in outcomes) == [False, True]
    loser = next(o for o in outcomes if o != "won")
    assert "déjà été traitée" in loser
    proposal.refresh_from_db()
    actor.refresh_from_db()
    if outcomes[0] == "won":
        assert (proposal.status, actor.name, actor.version) == ("accepted", f"Nom {round_}", 2)
    else:
        assert (proposal.status, actor.name, actor.version) == ("rejected", "Labo 63", 1)


def test_second_decision_blocked_behind_the_first_transaction_loses(actor, moderator, regional_moderator):
    """The first moderator's transaction is still applying when the second one decides."""
    proposal = confirmed(actor, "Nom lent")
    original_apply = services._apply
    applying = threading.Event()

    def slow_apply(*args, **kwargs):
        applying.set()
        time.sleep(0.5)  # keep the first transaction open while the second UPDATE waits on the row lock
        return original_apply(*args, **kwargs)

    def first():
        services._apply = slow_apply
        services.accept(proposal.pk, moderator)

    def second():
        applying.wait(5)
        services.reject(proposal.pk, regional_moderator, "Non")

    try:
        outcomes = run_concurrently(first, second)
    finally:
        services._apply = original_apply
    assert outcomes[0] == "won"
    assert "déjà été traitée" in outcomes[1]
    assert Proposal.objects.get(pk=proposal.pk).status == "accepted"
    assert Actor.objects.get(pk=actor.pk).version == 2


def test_two_proposals_on_one_fiche_accepted_at_once_never_overwrite(actor, moderator, regional_moderator):
    """Both made against version 1 on the same field: one applies, the other stops on the conflict."""
    first, second = confirmed(actor, "Nom A"), confirmed(actor, "Nom B")
    results = []

    def decide(proposal, user):
        def call():
            try:
                services.accept(proposal.pk, user)
                results.append("applied")
            except services.ConflictUnresolved:
                results.append("conflict")

        return call

    run_concurrently(decide(first, moderator), decide(second, regional_moderator))
    actor.refresh_from_db()
    assert sorted(results) == ["applied", "conflict"]
    assert actor.version == 2
    assert Proposal.objects.filter(status="pending").count() == 1
