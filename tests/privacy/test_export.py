"""Export of one's data as JSON: a signed-in account, or an address through its signed link; read back."""

import json

import pytest

from maillage.core.personal_data import address_token
from maillage.events import services as event_services
from tests.contributions.factories import UserFactory
from tests.directory.factories import ContactFactory
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


def download(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    return json.loads(b"".join(response.streaming_content) if response.streaming else response.content)


def export_url(email):
    return f"/donnees-personnelles/adresse/{address_token(email)}/donnees.json"


def register(email):
    event = make_event(themes=2)
    event_services.register(
        event,
        name="Ada Export",
        email=email,
        organisation="Lab",
        days=list(event.days.all()),
        theme_ranking=list(event.themes.all()),
        accessibility_needs="Boucle magnétique",
    )


def test_a_contact_downloads_their_data_through_the_link(client, actor):
    ContactFactory(actor=actor, name="Camille", email="camille@exemple.invalid", function="Cheffe de projet")
    register("CAMILLE@exemple.invalid")
    data = download(client.get(export_url("camille@exemple.invalid")))
    assert data["address"] == "camille@exemple.invalid"
    assert [c["function"] for c in data["tables"]["directory.contact"]] == ["Cheffe de projet"]
    assert [r["accessibility_needs"] for r in data["tables"]["events.registration"]] == ["Boucle magnétique"]
    assert data["row_count"] == sum(len(rows) for rows in data["tables"].values())


def test_the_export_holds_nothing_of_other_people(client, actor):
    ContactFactory(actor=actor, name="Autre", email="autre@exemple.invalid")
    data = download(client.get(export_url("camille@exemple.invalid")))
    assert data["tables"] == {}
    assert "autre@exemple.invalid" not in json.dumps(data)


def test_a_signed_in_user_downloads_their_account_and_contributions(client, actor):
    user = UserFactory(username="ada", email="ada@exemple.invalid")
    client.force_login(user)
    client.post(f"/contributions/acteur/{actor.slug}/signaler/", {"reason": "gone", "message": "Fermé depuis 2024"})
    data = download(client.get("/donnees-personnelles/mes-donnees.json"))
    assert data["account"] == "ada"
    (account,) = data["tables"]["auth.user"]
    assert account["username"] == "ada" and "password" not in account
    assert [p["message"] for p in data["tables"]["contributions.proposal"]] == ["Fermé depuis 2024"]


def test_the_account_download_needs_signing_in(client):
    response = client.get("/donnees-personnelles/mes-donnees.json")
    assert response.status_code == 302 and "/connexion/" in response.url
