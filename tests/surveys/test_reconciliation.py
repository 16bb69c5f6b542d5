"""Both sides' answers read together, and taken into the map through the one write path."""

import pytest

from maillage.contributions import services
from maillage.contributions.models import Proposal, Revision
from maillage.network.models import Relation
from maillage.surveys import invitations, reconciliation
from maillage.surveys.answers import AnswerInput, save_answers
from maillage.surveys.models import Outcome

from .conftest import token_of
from .test_answers import confirm

pytestmark = pytest.mark.django_db


def both_answer(eco, wave, ville_verdict="confirm", cisca_verdict="confirm"):
    save_answers(token_of(wave, eco.ville), [confirm(eco.collab, eco.ville, verdict=ville_verdict)], submit=True)
    save_answers(token_of(wave, eco.cisca), [confirm(eco.collab, eco.cisca, verdict=cisca_verdict)], submit=True)


def test_a_relation_both_sides_confirm_becomes_confirmed_by_both(eco, wave):
    both_answer(eco, wave)
    reconciliation.reconcile(wave, eco.staff)
    eco.collab.refresh_from_db()
    assert eco.collab.status == "confirmed" and eco.collab.status_source == wave.label


def test_the_status_change_is_a_revision_with_the_wave_as_source(eco, wave):
    both_answer(eco, wave)
    reconciliation.reconcile(wave, eco.staff)
    revision = Revision.objects.filter(relation=eco.collab).order_by("-version").first()
    assert revision.comment == str(wave.label) and revision.snapshot["status"] == "confirmed"
    assert revision.author == eco.staff


def test_a_draft_is_not_read_until_it_is_submitted(eco, wave):
    save_answers(token_of(wave, eco.ville), [confirm(eco.collab, eco.ville)])
    reconciliation.reconcile(wave, eco.staff)
    eco.collab.refresh_from_db()
    assert eco.collab.status == "sourced"


def test_one_side_confirming_makes_the_relation_declared_by_that_side(eco, wave):
    save_answers(token_of(wave, eco.cisca), [confirm(eco.collab, eco.cisca)], submit=True)
    reconciliation.reconcile(wave, eco.staff)
    eco.collab.refresh_from_db()
    assert (eco.collab.status, eco.collab.declared_by) == ("declared", eco.cisca)


def test_a_confirmation_and_a_denial_make_a_dispute_that_keeps_both_answers(eco, wave):
    both_answer(eco, wave, cisca_verdict="deny")
    reconciliation.reconcile(wave, eco.staff)
    eco.collab.refresh_from_db()
    outcome = Outcome.objects.get()
    assert eco.collab.status == "disputed" and outcome.state == "pending"
    assert outcome.answers["source"]["verdict"] == "confirm" and outcome.answers["target"]["verdict"] == "deny"


def test_a_moderator_keeps_a_disputed_relation_as_declared_by_the_side_that_stands_by_it(eco, wave):
    both_answer(eco, wave, cisca_verdict="deny")
    reconciliation.reconcile(wave, eco.staff)
    reconciliation.settle(Outcome.objects.get(), eco.staff, keep=True)
    eco.collab.refresh_from_db()
    assert (eco.collab.status, eco.collab.declared_by) == ("declared", eco.ville)


def test_a_moderator_removes_a_disputed_relation_through_the_write_path(eco, wave):
    both_answer(eco, wave, cisca_verdict="deny")
    reconciliation.reconcile(wave, eco.staff)
    pk = eco.collab.pk
    reconciliation.settle(Outcome.objects.get(), eco.staff, keep=False)
    assert not Relation.objects.filter(pk=pk).exists()
    assert Revision.objects.filter(kind="delete", snapshot__status="disputed").exists()


def test_a_settled_dispute_is_not_settled_twice(eco, wave):
    both_answer(eco, wave, cisca_verdict="deny")
    reconciliation.reconcile(wave, eco.staff)
    outcome = Outcome.objects.get()
    reconciliation.settle(outcome, eco.staff, keep=True)
    with pytest.raises(ValueError, match="déjà été tranché"):
        reconciliation.settle(outcome, eco.staff, keep=False)


def declare_funding(eco, wave, *, both):
    save_answers(
        token_of(wave, eco.ville),
        [AnswerInput(partner_id=eco.drelab.pk, kind="funding", direction="out", verdict="declare")],
        submit=True,
    )
    if both:
        save_answers(
            token_of(wave, eco.drelab),
            [AnswerInput(partner_id=eco.ville.pk, kind="funding", direction="in", verdict="confirm")],
            submit=True,
        )


def test_a_new_relation_declared_by_one_side_goes_to_the_moderation_queue(eco, wave):
    declare_funding(eco, wave, both=False)
    reconciliation.reconcile(wave, eco.staff)
    proposal = Proposal.objects.get()
    assert (proposal.kind, proposal.status) == ("new_relation", "pending")
    assert not Relation.objects.filter(kind="funding").exists()


def test_accepting_a_declared_relation_keeps_its_side_and_wave(eco, wave):
    declare_funding(eco, wave, both=False)
    reconciliation.reconcile(wave, eco.staff)
    services.accept(Proposal.objects.get().pk, eco.staff)
    relation = Relation.objects.get(kind="funding")
    assert (relation.source, relation.target) == (eco.ville, eco.drelab)
    assert (relation.origin, relation.status, relation.declared_by) == ("survey", "declared", eco.ville)
    assert relation.status_source == wave.label


def test_reconciling_twice_proposes_once(eco, wave):
    declare_funding(eco, wave, both=False)
    reconciliation.reconcile(wave, eco.staff)
    reconciliation.reconcile(wave, eco.staff)
    assert Proposal.objects.count() == 1


def test_a_new_relation_confirmed_by_both_is_applied_directly_when_the_campaign_says_so(eco, wave):
    wave.campaign.apply_confirmed_directly = True
    wave.campaign.save()
    declare_funding(eco, wave, both=True)
    reconciliation.reconcile(wave, eco.staff)
    relation = Relation.objects.get(kind="funding")
    assert (relation.status, relation.origin) == ("confirmed", "survey")
    assert not Proposal.objects.exists()


def test_a_new_relation_confirmed_by_both_is_proposed_when_the_campaign_does_not_apply_directly(eco, wave):
    declare_funding(eco, wave, both=True)
    reconciliation.reconcile(wave, eco.staff)
    proposal = Proposal.objects.get()
    assert proposal.payload["provenance"]["confirmed"] is True


def test_a_relation_not_reconfirmed_in_the_next_closed_wave_is_marked_so(eco, wave):
    both_answer(eco, wave)
    invitations.close_wave(wave)
    reconciliation.reconcile(wave, eco.staff)
    second = invitations.open_wave(wave.campaign)
    invitations.close_wave(second)
    done = reconciliation.reconcile(second, eco.staff)
    eco.collab.refresh_from_db()
    assert done["stale"] == 1 and eco.collab.status == "stale"


def test_wave_two_is_pre_filled_with_the_previous_answers(eco, wave, client):
    both_answer(eco, wave, cisca_verdict="deny")
    declare_funding(eco, wave, both=False)
    invitations.close_wave(wave)
    second = invitations.open_wave(wave.campaign)
    page = client.get(f"/enquetes/r/{token_of(second, eco.ville)}/").content.decode()
    assert "Pré-rempli avec votre réponse à la vague précédente" in page
    assert 'value="confirm" checked' in page
    assert "Reprises de votre réponse à la vague précédente" in page and "Financement" in page
