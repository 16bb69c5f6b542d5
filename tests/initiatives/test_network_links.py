"""The network page leads to the initiatives' reuse graph and actor × initiative view, same territory."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_network_page_links_the_reuse_graph_with_its_territory(client, initiative):
    html = client.get(reverse("network:network") + "?departement=63&type=lab&relation=collaboration").content.decode()
    assert 'href="/initiatives/essaimage/?departement=63"' in html
    assert 'href="/initiatives/essaimage/?departement=63#acteurs-initiatives"' in html


def test_the_linked_page_shows_the_territorys_initiatives_and_their_actors(client, initiative, carrier):
    html = client.get("/initiatives/essaimage/?departement=63").content.decode()
    assert 'id="acteurs-initiatives"' in html and carrier.name in html and initiative.title in html
