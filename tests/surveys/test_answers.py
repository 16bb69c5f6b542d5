"""The questionnaire's rules: own actor only, bounded, resumable, refused links write nothing."""

import pytest
from django.test import override_settings

from maillage.surveys import invitations, tokens
from maillage.surveys.answers import AnswerError, AnswerInput, save_answers
from maillage.surveys.models import Answer, Response
from tests.directory.factories import ActorFactory

from .conftest import token_of

pytestmark = pytest.mark.django_db


def confirm(relation, actor, **extra):
    partner = relation.target_id if relation.source_id == actor.pk else relation.source_id
    direction = ""
    if relation.is_directed:
        direction = "out" if relation.source_id == actor.pk else "in"
    return AnswerInput(partner_id=partner, kind=relation.kind, direction=direction, relation_id=relation.pk, **extra)


def test_a_respondent_confirms_a_relation_of_its_actor(eco, wave):
    response = save_answers(token_of(wave, eco.ville), [confirm(eco.collab, eco.ville)], submit=True)
    answer = response.answers.get()
    assert (answer.partner, answer.verdict, answer.relation) == (eco.cisca, "confirm", eco.collab)


def test_an_answer_about_another_pairs_relation_is_refused_and_nothing_is_written(eco, wave):
    forged = AnswerInput(partner_id=eco.drelab.pk, kind="information", relation_id=eco.info.pk)
    with pytest.raises(AnswerError, match="que sur les relations de votre organisation"):
        save_answers(token_of(wave, eco.ville), [forged])
    assert not Response.objects.exists()


def test_a_respondent_cannot_confirm_for_the_other_side(eco, wave):
    """The link's actor is the only respondent: naming the partner's side still answers as the link's actor."""
    save_answers(token_of(wave, eco.ville), [confirm(eco.collab, eco.ville)], submit=True)
    assert set(Answer.objects.values_list("response__invitation__actor__slug", flat=True)) == {"ville"}
    cisca_answers = Answer.objects.filter(response__invitation__actor=eco.cisca)
    assert not cisca_answers.exists()


def test_a_relation_with_oneself_is_refused(eco, wave):
    with pytest.raises(AnswerError):
        save_answers(
            token_of(wave, eco.ville), [AnswerInput(partner_id=eco.ville.pk, kind="information", verdict="declare")]
        )


def test_confirming_a_relation_nobody_declared_is_refused(eco, wave):
    with pytest.raises(AnswerError, match="rien à confirmer"):
        save_answers(token_of(wave, eco.ville), [AnswerInput(partner_id=eco.drelab.pk, kind="information")])


def test_a_directed_declaration_needs_its_direction(eco, wave):
    item = AnswerInput(partner_id=eco.drelab.pk, kind="service", verdict="declare")
    with pytest.raises(AnswerError, match="sens"):
        save_answers(token_of(wave, eco.ville), [item])


def test_a_comment_is_bounded(eco, wave):
    item = confirm(eco.collab, eco.ville, comment="x" * 501)
    with pytest.raises(AnswerError, match="500 caractères"):
        save_answers(token_of(wave, eco.ville), [item])


@override_settings()
def test_answers_are_bounded_in_number(eco, wave, monkeypatch):
    monkeypatch.setattr("maillage.surveys.answers.MAX_ANSWERS_PER_RESPONSE", 2)
    partners = [ActorFactory() for _ in range(3)]
    items = [AnswerInput(partner_id=p.pk, kind="information", verdict="declare") for p in partners]
    with pytest.raises(AnswerError, match="Au plus 2 relations"):
        save_answers(token_of(wave, eco.ville), items)
    assert not Answer.objects.exists()


def test_a_later_save_keeps_the_answers_it_does_not_carry(eco, wave):
    token = token_of(wave, eco.cisca)
    save_answers(token, [confirm(eco.collab, eco.cisca)])
    save_answers(token, [confirm(eco.info, eco.cisca)])
    assert Answer.objects.filter(response__invitation__actor=eco.cisca).count() == 2


def test_submitted_answers_can_be_amended_while_the_wave_is_open(eco, wave):
    token = token_of(wave, eco.ville)
    save_answers(token, [confirm(eco.collab, eco.ville)], submit=True)
    save_answers(token, [confirm(eco.collab, eco.ville, verdict="deny")], submit=True)
    assert Answer.objects.get().verdict == "deny"


def test_a_closed_wave_refuses_answers(eco, wave):
    token = token_of(wave, eco.ville)
    invitations.close_wave(wave)
    with pytest.raises(tokens.LinkError, match="close"):
        save_answers(token, [confirm(eco.collab, eco.ville)])


def test_a_forged_link_gets_a_french_message_and_writes_nothing(eco, wave, client):
    response = client.post("/enquetes/r/faux-jeton/", {"row-e1": "1|information||", "re1-verdict": "confirm"})
    assert response.status_code == 403
    assert "Ce lien n&#x27;est pas valide" in response.content.decode()
    assert not Response.objects.exists()


@override_settings(SURVEYS_LINK_MAX_AGE=-1)
def test_an_expired_link_gets_a_french_message(eco, wave, client):
    response = client.get(f"/enquetes/r/{token_of(wave, eco.ville)}/")
    assert response.status_code == 403 and "Ce lien a expiré" in response.content.decode()


def test_a_revoked_link_gets_a_french_message_and_writes_nothing(eco, wave, client):
    token = token_of(wave, eco.ville)
    invitations.revoke(wave.invitations.get(actor=eco.ville))
    response = client.post(f"/enquetes/r/{token}/", {"submit": "1"})
    assert response.status_code == 403 and "révoqué" in response.content.decode()
    assert not Response.objects.exists()


def test_the_questionnaire_lists_the_actors_relations_and_resumes_a_draft(eco, wave, client):
    token = token_of(wave, eco.cisca)
    page = client.get(f"/enquetes/r/{token}/").content.decode()
    assert "Ville de Clermont-Ferrand" in page and "Dre&#x27;lab" in page
    key = f"{eco.ville.pk}|collaboration||{eco.collab.pk}"
    rows = [k for k in page.split('name="row-')[1:] if k.startswith("e")]
    row = next(r.split('"')[0] for r in rows if key in r)
    client.post(f"/enquetes/r/{token}/", {f"row-{row}": key, f"r{row}-verdict": "deny", "save": "1"})
    resumed = client.get(f"/enquetes/r/{token}/").content.decode()
    assert f'name="r{row}-verdict" value="deny" checked' in resumed
    assert "Brouillon enregistré" in resumed


def test_a_new_relation_is_declared_by_the_partners_name(eco, wave, client):
    token = token_of(wave, eco.ville)
    client.post(
        f"/enquetes/r/{token}/",
        {"row-n1": "new", "rn1-partner": "Dre'lab", "rn1-kind": "funding", "rn1-direction": "out", "submit": "1"},
    )
    answer = Answer.objects.get()
    assert (answer.partner, answer.kind, answer.direction, answer.verdict) == (eco.drelab, "funding", "out", "declare")


def test_an_unknown_partner_is_named_in_a_french_message_and_nothing_is_saved(eco, wave, client):
    response = client.post(
        f"/enquetes/r/{token_of(wave, eco.ville)}/",
        {"row-n1": "new", "rn1-partner": "Organisation imaginaire", "rn1-kind": "information", "submit": "1"},
    )
    assert response.status_code == 400
    assert "Partenaire introuvable : « Organisation imaginaire »" in response.content.decode()
    assert not Response.objects.exists()


def test_the_partner_sees_a_declaration_made_about_it_and_can_confirm_it(eco, wave):
    from maillage.surveys.answers import relations_to_review

    save_answers(
        token_of(wave, eco.ville),
        [AnswerInput(partner_id=eco.drelab.pk, kind="funding", direction="out", verdict="declare")],
        submit=True,
    )
    invitation = wave.invitations.get(actor=eco.drelab)
    item = next(i for i in relations_to_review(invitation) if i["declared_by_partner"])
    assert item["key"] == (eco.ville.pk, "funding", "in")
    save_answers(
        token_of(wave, eco.drelab),
        [AnswerInput(partner_id=eco.ville.pk, kind="funding", direction="in", verdict="confirm")],
    )
