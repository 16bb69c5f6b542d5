"""Map page, accessible list, embed mode and snippet generator, rendered server-side."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_map_page_has_filters_legend_and_the_list_of_the_same_actors(client, ecosystem):
    html = client.get(reverse("cartography:map"), {"departement": "63"}).content.decode()
    assert 'name="type"' in html and "Cellule publique d&#x27;innovation" in html
    assert "Archipel test" in html and "Réseau test" not in html


def test_map_page_links_to_the_directory_with_the_same_query(client, ecosystem):
    html = client.get(reverse("cartography:map"), {"departement": "63", "type": "lab"}).content.decode()
    assert 'href="/acteurs/?type=lab&amp;departement=63"' in html


def test_territory_filter_shows_the_outside_legend_entry(client, ecosystem):
    without = client.get(reverse("cartography:map")).content.decode()
    with_territory = client.get(reverse("cartography:map"), {"departement": "63"}).content.decode()
    assert "<li data-legend-outside hidden>" in without
    assert "<li data-legend-outside>" in with_territory


def test_list_names_actors_without_coordinates(client, ecosystem):
    html = client.get(reverse("cartography:list")).content.decode()
    assert "Acteurs absents de la carte, et pourquoi" in html and "Sans lieu" in html


def test_list_hides_disappeared_actors_unless_asked(client, ecosystem):
    assert "Labo disparu" not in client.get(reverse("cartography:list")).content.decode()
    assert "Labo disparu" in client.get(reverse("cartography:list"), {"disparus": "1"}).content.decode()


def test_map_page_cannot_be_framed(client, ecosystem):
    assert client.get(reverse("cartography:map"))["X-Frame-Options"] == "DENY"


def test_embed_page_can_be_framed_and_has_no_site_chrome(client, ecosystem):
    response = client.get(reverse("cartography:embed"), {"departement": "63"})
    html = response.content.decode()
    assert "X-Frame-Options" not in response
    assert "site-header" not in html and "site-footer" not in html
    assert "Archipel test" in html


def test_embed_parameter_on_the_map_page_gives_the_embed_view(client, ecosystem):
    response = client.get(reverse("cartography:map"), {"embed": "1"})
    assert "X-Frame-Options" not in response and "site-header" not in response.content.decode()


def test_snippet_page_generates_an_iframe_with_the_current_filters(client, ecosystem):
    html = client.get(reverse("cartography:embed_snippet"), {"departement": "63"}).content.decode()
    assert "&lt;iframe src=&quot;http://testserver/carte/integration/?departement=63&quot;" in html or (
        '&lt;iframe src="http://testserver/carte/integration/?departement=63"' in html
    )


def test_tile_layer_comes_from_settings(client, ecosystem, settings):
    settings.MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    assert "https://tiles.example/{z}/{x}/{y}.png" in client.get(reverse("cartography:map")).content.decode()


def test_list_follows_the_text_search(client, ecosystem):
    html = client.get(reverse("cartography:list"), {"q": "archipel"}).content.decode()
    assert "Archipel test" in html and "Réseau test" not in html
