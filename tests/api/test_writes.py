"""Partner writes go through the site's contribution path: moderated unless the partner owns the fiche."""

import threading

import pytest
from django.db import connection

from maillage.contributions.models import Proposal, Revision
from maillage.directory.models import Actor
from maillage.network.models import Relation
from tests.contributions.factories import OwnershipFactory
from tests.directory.factories import ActorFactory

NEW_ACTOR = {
    "name": "Laboratoire clermontois",
    "primary_type": "lab",
    "legal_status": "collectivite",
    "scope": "local",
    "lifecycle": "active",
    "commune": "63113",
}


def test_anonymous_writes_are_refused_with_401(api, lab63):
    response = api.post("/api/v1/actors/", NEW_ACTOR, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_new_actor_becomes_a_pending_proposal(partner_api, partner, clermont):
    response = partner_api.post(
        "/api/v1/actors/", {**NEW_ACTOR, "message": "Vu sur le site de la ville."}, format="json"
    )
    assert response.status_code == 202
    body = response.json()
    assert (body["kind"], body["status"], body["applied"]) == ("new_actor", "pending", False)
    proposal = Proposal.objects.get(pk=body["id"])
    assert proposal.author == partner and proposal.payload["commune"] == "63113"
    assert proposal.flags["api_token"]
    assert not Actor.objects.filter(name="Laboratoire clermontois").exists()
    assert partner_api.get(f"/api/v1/proposals/{body['id']}/").json()["id"] == body["id"]


def test_a_write_outside_the_tokens_territory_is_a_french_403(partner_api, bordeaux):
    response = partner_api.post("/api/v1/actors/", {**NEW_ACTOR, "commune": "33063"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Ce jeton ne permet pas d'écrire dans ce territoire.")
    assert not Proposal.objects.exists()


def test_invalid_values_get_the_sites_french_messages_per_field(partner_api, clermont):
    response = partner_api.post(
        "/api/v1/actors/", {**NEW_ACTOR, "founded_year": 2020, "ended_year": 2010}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["ended_year"] == ["L'année de fin précède l'année de création."]


def test_a_likely_duplicate_needs_confirmation(partner_api, lab63):
    response = partner_api.post("/api/v1/actors/", {**NEW_ACTOR, "name": "Labo 63"}, format="json")
    assert response.status_code == 409
    assert "labo-63" in response.json()["detail"]
    confirmed = partner_api.post(
        "/api/v1/actors/", {**NEW_ACTOR, "name": "Labo 63", "confirm_not_duplicate": True}, format="json"
    )
    assert confirmed.status_code == 202


def test_an_owners_change_is_applied_through_the_write_path(partner_api, partner, lab63):
    OwnershipFactory(user=partner, actor=lab63)
    response = partner_api.patch(
        "/api/v1/actors/labo-63/",
        {"missions": "Innovation publique."},
        format="json",
        HTTP_IF_MATCH=f'"{lab63.version}"',
    )
    assert response.status_code == 200
    assert response.json()["applied"] is True
    lab63.refresh_from_db()
    assert lab63.missions == "Innovation publique."
    revision = Revision.objects.get(actor=lab63, version=lab63.version)
    assert revision.author == partner


def test_a_non_owners_change_waits_for_moderation(partner_api, lab63):
    before = lab63.version
    response = partner_api.patch(
        "/api/v1/actors/labo-63/", {"missions": "Autre chose."}, format="json", HTTP_IF_MATCH=f'"{before}"'
    )
    assert response.status_code == 202
    proposal = Proposal.objects.get(pk=response.json()["id"])
    assert proposal.payload == {"missions": "Autre chose."} and proposal.base_version == before
    lab63.refresh_from_db()
    assert lab63.version == before and lab63.missions == ""


def test_a_change_needs_if_match(partner_api, lab63):
    response = partner_api.patch("/api/v1/actors/labo-63/", {"missions": "x"}, format="json")
    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"


def test_a_change_against_an_older_version_is_refused_not_merged(partner_api, partner, lab63):
    OwnershipFactory(user=partner, actor=lab63)
    stale = f'"{lab63.version}"'
    first = partner_api.patch("/api/v1/actors/labo-63/", {"missions": "Première."}, format="json", HTTP_IF_MATCH=stale)
    assert first.status_code == 200
    second = partner_api.patch("/api/v1/actors/labo-63/", {"missions": "Seconde."}, format="json", HTTP_IF_MATCH=stale)
    assert second.status_code == 412
    lab63.refresh_from_db()
    assert lab63.missions == "Première."


def test_changing_nothing_is_refused(partner_api, lab63):
    response = partner_api.patch(
        "/api/v1/actors/labo-63/", {"name": "Labo 63"}, format="json", HTTP_IF_MATCH=f'"{lab63.version}"'
    )
    assert response.status_code == 400


def test_moving_a_fiche_out_of_the_territory_is_refused(partner_api, lab63, bordeaux):
    response = partner_api.patch(
        "/api/v1/actors/labo-63/", {"commune": "33063"}, format="json", HTTP_IF_MATCH=f'"{lab63.version}"'
    )
    assert response.status_code == 403


def test_a_fiche_outside_the_territory_cannot_be_changed(partner_api, lab33):
    response = partner_api.patch(
        "/api/v1/actors/labo-33/", {"missions": "x"}, format="json", HTTP_IF_MATCH=f'"{lab33.version}"'
    )
    assert response.status_code == 403


def test_a_new_relation_is_a_moderated_proposal(partner_api, lab63, lab33):
    response = partner_api.post(
        "/api/v1/relations/",
        {"source": "labo-63", "target": "labo-33", "kind": "collaboration", "motivations": ["expertise"]},
        format="json",
    )
    assert response.status_code == 202
    proposal = Proposal.objects.get(pk=response.json()["id"])
    assert proposal.kind == "new_relation" and proposal.payload["target"] == "labo-33"
    assert not Relation.objects.exists()


def test_a_relation_between_two_actors_outside_the_territory_is_refused(partner_api, lab33, bordeaux):
    other = ActorFactory(slug="autre-33", commune=bordeaux)
    response = partner_api.post(
        "/api/v1/relations/", {"source": "labo-33", "target": other.slug, "kind": "funding"}, format="json"
    )
    assert response.status_code == 403


def test_a_partner_sees_only_its_own_proposals(partner_api, lab63, db):
    from tests.contributions.factories import ProposalFactory, UserFactory

    ProposalFactory(author=UserFactory(username="quelquun"), actor=lab63)
    assert partner_api.get("/api/v1/proposals/").json()["results"] == []


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_owner_edits_with_the_same_etag_apply_once(partner, clermont, issued):
    if connection.vendor != "postgresql":
        pytest.skip("row locks across connections: PostgreSQL")
    from rest_framework.test import APIClient

    actor = ActorFactory(slug="labo-concurrent", commune=clermont)
    OwnershipFactory(user=partner, actor=actor)
    etag = f'"{actor.version}"'
    codes, barrier = [], threading.Barrier(2)

    def edit(text):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {issued[1]}")
        barrier.wait()
        codes.append(
            client.patch(
                f"/api/v1/actors/{actor.slug}/", {"missions": text}, format="json", HTTP_IF_MATCH=etag
            ).status_code
        )
        connection.close()

    threads = [threading.Thread(target=edit, args=(t,)) for t in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [200, 412]
