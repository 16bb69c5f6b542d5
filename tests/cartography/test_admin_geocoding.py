"""Staff saving an actor with an address: placed at the address when the geocoder is configured."""

import io
import json
from unittest import mock

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from maillage.directory.admin import ActorAdmin
from maillage.directory.models import Actor
from tests.contributions.factories import UserFactory
from tests.directory.factories import ActorFactory
from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db

ANSWER = {
    "features": [
        {
            "geometry": {"type": "Point", "coordinates": [3.0826, 45.7772]},
            "properties": {"label": "Place de Jaude 63000 Clermont-Ferrand", "score": 0.93, "citycode": "63113"},
        }
    ]
}


def save_with_admin(actor):
    request = RequestFactory().post("/admin/")
    request.session = {}
    request.user = UserFactory(username="equipe", is_staff=True)
    request._messages = FallbackStorage(request)
    ActorAdmin(Actor, admin.site).save_model(request, actor, form=None, change=True)
    return [str(m) for m in get_messages(request)]


def test_address_is_geocoded_when_the_geocoder_is_configured(settings):
    settings.ADDRESS_GEOCODER_URL = "https://adresse.example/search/"
    actor = ActorFactory(commune=CommuneFactory(), address="Place de Jaude")
    with mock.patch("urllib.request.urlopen", return_value=io.BytesIO(json.dumps(ANSWER).encode())):
        notes = save_with_admin(actor)
    actor.refresh_from_db()
    assert (actor.latitude, actor.longitude) == (45.7772, 3.0826)
    assert "Position calculée à partir de l'adresse" in notes[0]


def test_hand_placed_coordinates_are_kept(settings):
    settings.ADDRESS_GEOCODER_URL = "https://adresse.example/search/"
    actor = ActorFactory(address="Place de Jaude", latitude=45.0, longitude=3.0)
    with mock.patch("urllib.request.urlopen") as urlopen:
        save_with_admin(actor)
    urlopen.assert_not_called()
    actor.refresh_from_db()
    assert (actor.latitude, actor.longitude) == (45.0, 3.0)


def test_no_network_call_when_the_geocoder_is_off(settings):
    settings.ADDRESS_GEOCODER_URL = ""
    actor = ActorFactory(address="Place de Jaude")
    with mock.patch("urllib.request.urlopen") as urlopen:
        save_with_admin(actor)
    urlopen.assert_not_called()


def test_failed_geocoding_warns_in_french(settings):
    settings.ADDRESS_GEOCODER_URL = "https://adresse.example/search/"
    actor = ActorFactory(address="Nulle part")
    with mock.patch("urllib.request.urlopen", side_effect=OSError("hors ligne")):
        notes = save_with_admin(actor)
    assert notes == ["L'adresse n'a pas pu être géolocalisée ; l'acteur est placé au centre de sa commune."]
