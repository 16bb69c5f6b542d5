"""Free recall of an organisation the directory lacks: proposed as a new actor through contributions,
the answer kept with the proposal, the declared relation following the moderator's acceptance."""

import pytest

from maillage.contributions import services
from maillage.contributions.models import Proposal, ProposalKind, Revision
from maillage.directory.models import Actor
from maillage.network.models import Relation
from maillage.surveys import exports, reconciliation
from maillage.surveys.answers import AnswerError, AnswerInput, save_answers
from maillage.surveys.models import Answer, Outcome

from .conftest import token_of

pytestmark = pytest.mark.django_db


def declare_new(wave, actor, name="Tiers-lieu des Combrailles", submit=True, **extra):
    item = AnswerInput(partner_id=None, new_actor_name=name, kind="collaboration", verdict="declare", **extra)
    return save_answers(token_of(wave, actor), [item], submit=submit)


def accept_new_actor(moderator):
    proposal = Proposal.objects.get(kind=ProposalKind.NEW_ACTOR)
    services.accept(proposal.pk, moderator)
    return Actor.objects.get(name=proposal.payload["name"])


def test_a_new_actor_is_proposed_in_the_moderation_queue_with_the_answer_kept(eco, wave):
    declare_new(wave, eco.ville)
    proposal = Proposal.objects.get(kind=ProposalKind.NEW_ACTOR)
    answer = Answer.objects.get()
    assert answer.proposed_actor == proposal and answer.partner is None
    assert proposal.status == "pending" and proposal.payload == {"name": "Tiers-lieu des Combrailles"}


def test_the_moderator_sees_the_declared_relation_with_the_pending_actor(eco, wave):
    declare_new(wave, eco.ville)
    message = Proposal.objects.get(kind=ProposalKind.NEW_ACTOR).message
    assert "Ville de Clermont-Ferrand" in message and "Collaboration" in message and str(wave.label) in message


def test_saving_again_does_not_propose_the_actor_twice(eco, wave):
    declare_new(wave, eco.ville, submit=False)
    declare_new(wave, eco.ville, name="tiers-lieu des  combrailles", comment="Depuis le forum")
    assert Proposal.objects.filter(kind=ProposalKind.NEW_ACTOR).count() == 1
    assert Answer.objects.get().comment == "Depuis le forum"


def test_accepting_the_new_actor_puts_the_declared_relation_on_the_map(eco, wave):
    declare_new(wave, eco.ville, since_year=2021)
    actor = accept_new_actor(eco.staff)
    relation = Relation.objects.get(kind="collaboration", source__in=[eco.ville, actor], target__in=[eco.ville, actor])
    assert (relation.status, relation.declared_by, relation.origin) == ("declared", eco.ville, "survey")
    assert relation.start_year == 2021
    assert Answer.objects.get().partner == actor


def test_the_relation_that_follows_is_a_revision_with_the_wave_as_source(eco, wave):
    declare_new(wave, eco.ville)
    accept_new_actor(eco.staff)
    revision = Revision.objects.get(relation__kind="collaboration", relation__origin="survey")
    assert revision.comment == str(wave.label) and revision.author_email == "awa@ville.example"
    assert revision.proposal == Proposal.objects.get(kind=ProposalKind.NEW_ACTOR)


def test_a_draft_declaration_waits_for_the_answers_to_be_submitted(eco, wave):
    declare_new(wave, eco.ville, submit=False)
    actor = accept_new_actor(eco.staff)
    assert not Relation.objects.filter(source=actor).exists() and not Relation.objects.filter(target=actor).exists()
    save_answers(token_of(wave, eco.ville), [], submit=True)
    reconciliation.reconcile(wave, eco.staff)
    outcome = Outcome.objects.get()
    assert outcome.status == "declared" and outcome.proposal is not None  # a one-sided declaration: moderation


def test_a_rejected_new_actor_leaves_the_answer_without_a_partner(eco, wave):
    declare_new(wave, eco.ville)
    services.reject(Proposal.objects.get(kind=ProposalKind.NEW_ACTOR).pk, eco.staff, message="Hors champ")
    reconciliation.reconcile(wave, eco.staff)
    assert Answer.objects.get().partner is None and not Outcome.objects.exists()


def test_a_new_actor_needs_a_name(eco, wave):
    with pytest.raises(AnswerError, match="introuvable"):
        declare_new(wave, eco.ville, name="  ")
    assert not Proposal.objects.exists()


def test_the_questionnaire_proposes_an_unknown_partner_when_asked(eco, wave, client):
    token = token_of(wave, eco.ville)
    row = {"row-n1": "new", "rn1-partner": "Fablab de Riom", "rn1-kind": "information", "save": "1"}
    refused = client.post(f"/enquetes/r/{token}/", row)
    assert refused.status_code == 400 and not Proposal.objects.exists()
    client.post(f"/enquetes/r/{token}/", {**row, "rn1-new_actor": "1"})
    assert Answer.objects.get().proposed_actor.payload["name"] == "Fablab de Riom"
    page = client.get(f"/enquetes/r/{token}/").content.decode()
    assert "Fablab de Riom" in page


def test_the_export_names_the_proposed_organisation_or_its_pseudonym(eco, wave):
    declare_new(wave, eco.ville)
    assert "Tiers-lieu des Combrailles" in exports.to_csv(wave.campaign).decode("utf-8-sig")
    assert "Combrailles" not in exports.to_csv(wave.campaign, pseudonymise=True).decode("utf-8-sig")
