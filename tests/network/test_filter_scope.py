"""Map and network say what a territory filter includes: the network adds outside partners, the map on request."""

import pytest
from django.urls import reverse

from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def test_network_of_a_territory_says_it_counts_outside_partners(client):
    code = CommuneFactory().department.code
    html = client.get(reverse("network:network"), {"departement": code}).content.decode()
    assert "aussi leurs partenaires extérieurs" in html
    assert f"/carte/?departement={code}&amp;exterieurs=1" in html


def test_map_of_a_territory_points_to_the_outside_partners_switch(client):
    code = CommuneFactory().department.code
    html = client.get(reverse("cartography:map"), {"departement": code}).content.decode()
    assert "y ajoute leurs partenaires extérieurs" in html
    assert f'href="/reseau/?departement={code}"' in html


def test_map_without_territory_has_no_scope_note(client):
    assert "y ajoute leurs partenaires extérieurs" not in client.get(reverse("cartography:map")).content.decode()
