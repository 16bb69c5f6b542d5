"""Initiatives go through contributions exactly like actors: propose, moderate, history, revert, clean-up."""

import pytest
from django.urls import reverse

from maillage.contributions import services
from maillage.contributions.models import Proposal, ProposalKind, ProposalStatus, Revision
from maillage.initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def _propose_new(user, clermont, carrier, **extra):
    payload = {
        "title": "Lab partagé",
        "types": ["structure"],
        "communes": [clermont.code],
        "actors": [{"actor": carrier.slug, "role": "porteur", "note": ""}],
        **extra,
    }
    return services.create_proposal(kind=ProposalKind.NEW_SUBJECT, subject="initiative", user=user, payload=payload)


def test_a_proposed_initiative_waits_in_the_territory_queue(contributor, clermont, carrier):
    proposal = _propose_new(contributor, clermont, carrier)
    assert proposal.status == ProposalStatus.PENDING
    assert proposal.department_id == clermont.department_id
    assert not Initiative.objects.filter(title="Lab partagé").exists()


def test_accepting_creates_the_initiative_with_its_history(contributor, moderator, clermont, carrier):
    proposal = _propose_new(contributor, clermont, carrier)
    services.accept(proposal.pk, moderator)
    initiative = Initiative.objects.get(title="Lab partagé")
    proposal.refresh_from_db()
    assert proposal.subject_id == initiative.pk
    revision = Revision.objects.get(subject="initiative", subject_id=initiative.pk)
    assert (revision.kind, revision.author, revision.proposal_id) == ("create", contributor, proposal.pk)


def test_a_moderator_of_another_territory_cannot_decide(contributor, other_moderator, clermont, carrier):
    proposal = _propose_new(contributor, clermont, carrier)
    client_proposal = Proposal.objects.get(pk=proposal.pk)
    from maillage.contributions import permissions

    assert not permissions.can_decide(other_moderator, client_proposal)


def test_change_then_revert_round_trip(contributor, moderator, initiative):
    proposal = services.create_proposal(
        kind=ProposalKind.CHANGE_SUBJECT,
        subject="initiative",
        item=initiative,
        user=contributor,
        payload={"summary": "Des citoyens tirés au sort", "title": initiative.title},
    )
    assert proposal.payload == {"summary": "Des citoyens tirés au sort"}
    services.accept(proposal.pk, moderator)
    initiative.refresh_from_db()
    assert (initiative.summary, initiative.version) == ("Des citoyens tirés au sort", 2)
    services.revert_subject(proposal.subject_spec, initiative.pk, 1, moderator)
    initiative.refresh_from_db()
    assert (initiative.summary, initiative.version) == ("", 3)
    assert Revision.objects.get(subject="initiative", subject_id=initiative.pk, version=3).reverted_to == 1


def test_a_change_made_on_an_older_version_needs_a_choice(contributor, moderator, initiative):
    from maillage.directory.writing import Change
    from maillage.initiatives.writing import update_initiative

    proposal = services.create_proposal(
        kind=ProposalKind.CHANGE_SUBJECT,
        subject="initiative",
        item=initiative,
        user=contributor,
        payload={"summary": "A"},
    )
    update_initiative(initiative, {"summary": "B"}, change=Change())
    with pytest.raises(services.ConflictUnresolved):
        services.accept(proposal.pk, moderator)
    initiative.refresh_from_db()
    assert initiative.summary == "B"


def test_undo_contributor_removes_the_initiatives_they_created(contributor, moderator, clermont, carrier):
    proposal = _propose_new(contributor, clermont, carrier)
    services.accept(proposal.pk, moderator)
    summary = services.undo_contributor(moderator, user=contributor)
    assert summary["subjects"] == 1
    assert not Initiative.objects.filter(title="Lab partagé").exists()


def test_the_queue_shows_a_proposed_initiative_to_its_moderator(client, contributor, moderator, clermont, carrier):
    _propose_new(contributor, clermont, carrier)
    client.force_login(moderator)
    response = client.get(reverse("contributions:queue"))
    assert "Nouvelle initiative" in response.content.decode()
    assert "Lab partagé" in response.content.decode()


def test_the_public_form_sends_a_proposal(client, contributor, clermont, carrier):
    client.force_login(contributor)
    response = client.post(
        reverse("contributions:propose_subject", args=["initiative"]),
        {
            "title": "Comptabilité écologique",
            "types": ["practice"],
            "territories": clermont.code,
            "actor_0": carrier.slug,
            "role_0": "porteur",
            "phases": "2021 ; construction",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get(kind=ProposalKind.NEW_SUBJECT)
    assert proposal.payload["actors"] == [{"actor": carrier.slug, "role": "porteur", "note": ""}]
    assert proposal.payload["phases"] == [{"phase": "construction", "year": 2021, "note": ""}]


def test_the_public_form_refuses_an_actor_outside_the_directory(client, contributor):
    client.force_login(contributor)
    response = client.post(
        reverse("contributions:propose_subject", args=["initiative"]),
        {"title": "X", "actor_0": "inconnu", "role_0": "porteur"},
    )
    assert response.status_code == 400
    assert not Proposal.objects.exists()
    assert 'name="actor_0" aria-invalid="true"' in response.content.decode()


def test_history_page_lists_versions_and_only_moderators_may_revert(client, contributor, moderator, initiative):
    from maillage.directory.writing import Change
    from maillage.initiatives.writing import update_initiative

    update_initiative(initiative, {"summary": "B"}, change=Change())
    url = reverse("contributions:subject_history", args=["initiative", initiative.slug])
    assert "Version 2" in client.get(url).content.decode()
    revert = reverse("contributions:revert_subject", args=["initiative", initiative.slug, 1])
    client.force_login(contributor)
    assert client.post(revert).status_code == 403
    client.force_login(moderator)
    assert client.post(revert).status_code == 302
    initiative.refresh_from_db()
    assert initiative.summary == ""


def test_an_unknown_subject_is_not_found(client):
    assert client.get(reverse("contributions:propose_subject", args=["licorne"])).status_code == 404


def test_a_proposal_of_another_kind_cannot_carry_a_subject():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.create(kind=ProposalKind.REPORT, subject="initiative", email="a@example.org")


def test_the_moderation_page_shows_the_proposed_values_in_words(client, contributor, moderator, clermont, carrier):
    proposal = _propose_new(contributor, clermont, carrier)
    client.force_login(moderator)
    page = client.get(reverse("contributions:moderate", args=[proposal.pk])).content.decode()
    assert "Organisationnelle - structure" in page
    assert f"{carrier.name} (Porteur)" in page


def test_the_contributor_status_page_of_a_change_lists_the_changed_field(client, contributor, initiative):
    from maillage.contributions import tokens

    proposal = services.create_proposal(
        kind=ProposalKind.CHANGE_SUBJECT,
        subject="initiative",
        item=initiative,
        user=contributor,
        payload={"start_year": 2021},
    )
    page = client.get(reverse("contributions:status", args=[tokens.make_status_token(proposal)])).content.decode()
    assert "Année de début" in page and "2021" in page
    assert initiative.title in page
