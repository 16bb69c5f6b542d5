"""The organiser's allocation page explains itself in plain French."""

import pytest
from django.contrib.auth import get_user_model

from maillage.events import services

from .factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client):
    """Signed in as a site administrator (administrators organise every event)."""
    client.force_login(get_user_model().objects.create_user("orga", password="x", is_superuser=True))
    return client


def allocated_event():
    event = make_event(themes=2, capacity=2)
    services.register(
        event,
        name="Ada",
        email="ada@example.org",
        organisation="",
        days=list(event.days.all()),
        theme_ranking=list(event.themes.all()),
    )
    services.run_allocation(event)
    return event


def test_allocation_results_speak_plain_french(organiser_client):
    event = allocated_event()
    html = organiser_client.get(f"/evenements/{event.slug}/organisation/").content.decode()
    assert "Score d’insatisfaction (plus bas = mieux)" in html
    assert "un 1er choix compte 1, un 2e choix 4, un 3e choix 9" in html


def test_allocation_page_no_longer_speaks_of_squared_ranks(organiser_client):
    event = allocated_event()
    html = organiser_client.get(f"/evenements/{event.slug}/organisation/").content.decode()
    assert "rangs au carré" not in html and "pire rang" not in html
