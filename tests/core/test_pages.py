"""The home page and the legal pages answer in French."""

import pytest
from django.urls import reverse

from tests.directory.factories import ActorFactory

pytestmark = pytest.mark.django_db


def test_home_shows_the_ecosystem_numbers(client):
    ActorFactory.create_batch(3)
    ActorFactory(lifecycle="disappeared")
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert response.context["actor_count"] == 3
    assert response.context["disappeared_count"] == 1


@pytest.mark.parametrize(
    "name, title",
    [
        ("core:accessibility", "Déclaration d'accessibilité"),
        ("core:legal_notice", "Mentions légales"),
        ("core:privacy", "Données personnelles"),
    ],
)
def test_legal_pages_exist(client, name, title):
    response = client.get(reverse(name))
    assert title in response.content.decode()


def test_pages_are_in_french(client):
    assert '<html lang="fr">' in client.get(reverse("core:home")).content.decode()
