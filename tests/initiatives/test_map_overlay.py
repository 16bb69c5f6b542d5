"""The initiatives layer of the main map /carte/: off by default, on with `initiatives=1`, the map's filters."""

import pytest
from django.test import override_settings
from django.urls import reverse

from maillage.cartography.overlays import check_map_overlays
from tests.initiatives.conftest import make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(bordeaux):
    return make_initiative("Rural Combo", types=["service"], communes=[bordeaux.code])


def overlay_section(html):
    start = html.index('data-map-overlay="initiatives"')
    return html[start : html.index("</section>", start)]


def test_the_map_offers_the_layer_switched_off(client, initiative):
    html = client.get(reverse("cartography:map")).content.decode()
    assert '<input type="checkbox" name="initiatives" value="1" aria-describedby="overlay-initiatives-help">' in html
    assert 'data-map-overlay="initiatives" hidden' in html
    assert initiative.title not in html


def test_switched_on_the_list_follows_the_maps_territory(client, initiative, elsewhere, clermont):
    url = reverse("cartography:map") + f"?initiatives=1&departement={clermont.department.code}"
    section = overlay_section(client.get(url).content.decode())
    assert initiative.title in section and elsewhere.title not in section
    assert 'data-map-overlay="initiatives" hidden' not in section


def test_actor_only_filters_do_not_hide_initiatives(client, initiative):
    section = overlay_section(client.get(reverse("cartography:map") + "?initiatives=1&type=lab").content.decode())
    assert initiative.title in section


def test_the_list_fragment_is_the_layers_text_alternative(client, initiative, elsewhere, clermont):
    html = client.get(reverse("initiatives:map_list") + f"?commune={clermont.code}").content.decode()
    assert initiative.get_absolute_url() in html and elsewhere.get_absolute_url() not in html
    assert f"/initiatives/?commune={clermont.code}" in html


def test_the_layer_data_reads_the_maps_query_string(client, initiative, elsewhere, bordeaux):
    url = reverse("initiatives:map_data") + f"?initiatives=1&type=lab&departement={bordeaux.department.code}"
    features = client.get(url).json()["features"]
    assert [f["properties"]["slug"] for f in features] == [elsewhere.slug]


@override_settings(MAP_OVERLAYS=["maillage.initiatives.overlay.map_overlay", "maillage.initiatives.overlay.nope"])
def test_a_misspelt_overlay_fails_the_system_check():
    errors = check_map_overlays(None)
    assert [e.id for e in errors] == ["cartography.E001"] and "overlay.nope" in errors[0].msg
