"""Concurrent submissions for one actor, in real concurrent PostgreSQL transactions: no answer is lost;
the invitation run from two workers at once sends each e-mail once."""

import threading

import pytest
from django.db import connection

from maillage.surveys import invitations
from maillage.surveys.answers import AnswerInput, save_answers
from maillage.surveys.models import Answer, EmailKind, Response
from tests.directory.factories import ActorFactory

from .conftest import token_of

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent transactions (PostgreSQL)")


def run_concurrently(*calls):
    barrier = threading.Barrier(len(calls))
    errors = []

    def worker(call):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            call()
        except Exception as error:  # noqa: BLE001 - reported to the test
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.parametrize("round_", range(3))
def test_concurrent_submissions_for_one_actor_keep_every_answer(eco, wave, round_):
    token = token_of(wave, eco.ville)
    partners = [ActorFactory() for _ in range(4)]

    def submit(partner):
        return lambda: save_answers(
            token, [AnswerInput(partner_id=partner.pk, kind="information", verdict="declare")], submit=True
        )

    assert run_concurrently(*[submit(p) for p in partners]) == []
    assert Response.objects.count() == 1
    assert set(Answer.objects.values_list("partner_id", flat=True)) == {p.pk for p in partners}


def test_two_workers_delivering_the_same_invitation_send_it_once(eco, wave, mailoutbox):
    invitation = wave.invitations.get(actor=eco.ville)
    errors = run_concurrently(*[lambda: invitations.deliver(invitation.pk, EmailKind.INVITATION, 0)] * 3)
    assert errors == [] and len(mailoutbox) == 1
