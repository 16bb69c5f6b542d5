"""The map at territory scale in a real Chromium, with no tile server: co-located actors spread
with leader lines, approximate positions said, outlines drawn offline; desktop and phone."""

import pytest
from django.urls import reverse

from tests.conftest import ignore_offline_tile_errors
from tests.directory.factories import ActorFactory
from tests.territories.factories import CommuneFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def clermont_actors(db):
    clermont = CommuneFactory()
    for i in range(12):
        ActorFactory(name=f"Acteur clermontois {i:02d}", slug=f"acteur-{i:02d}", commune=clermont)
    ActorFactory(name="Sans lieu national", slug="sans-lieu", other=True, scope="national")


def open_map(page, live_server, size, query="?departement=63"):
    page.set_viewport_size(SIZES[size])
    page.goto(live_server.url + reverse("cartography:map") + query)
    page.locator("[data-map][data-state=ready][data-outlines=drawn]").wait_for(state="attached", timeout=20000)


@pytest.mark.parametrize("size", SIZES)
def test_actors_of_one_commune_are_spread_with_leader_lines(live_server, page, axe, clermont_actors, size):
    open_map(page, live_server, size)
    element = page.locator("[data-map]")
    assert element.get_attribute("data-spread") == "12"
    assert page.locator(".leaflet-marker-pane .map-marker").count() == 12
    assert page.locator(".leaflet-overlay-pane path").count() >= 12  # leader lines and the true point
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    assert axe(page) == []
    assert ignore_offline_tile_errors(page.console_errors) == []


def test_markers_on_screen_do_not_overlap(live_server, page, clermont_actors):
    open_map(page, live_server, "desktop")
    boxes = page.locator(".leaflet-marker-pane .map-marker").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })"
    )
    closest = min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert closest >= 20


def test_the_popup_says_the_position_is_approximate(live_server, page, clermont_actors):
    open_map(page, live_server, "desktop")
    page.locator(".leaflet-marker-pane .map-marker").first.click()
    popup = page.locator(".map-popup")
    assert "Position approchée : centre de la commune." in popup.inner_text()
    assert "le trait mène à la position" in popup.inner_text()


def test_outlines_are_drawn_under_the_markers_with_no_tile_server(live_server, page, clermont_actors):
    open_map(page, live_server, "desktop", query="")
    pane = page.locator(".leaflet-outlines-pane")
    assert pane.locator("path").count() == 2  # region and département borders
    box = pane.locator("svg").bounding_box()
    assert box["width"] > 100 and box["height"] > 100
    z_outlines = int(pane.evaluate("e => getComputedStyle(e).zIndex"))
    z_tiles = int(page.locator(".leaflet-tile-pane").evaluate("e => getComputedStyle(e).zIndex"))
    assert z_outlines < z_tiles


def test_the_list_says_how_each_actor_is_placed_and_why_some_are_not(live_server, page, clermont_actors):
    open_map(page, live_server, "desktop", query="")
    listing = page.locator("[data-map-list]")
    assert "approchée : centre de la commune" in listing.inner_text()
    assert "Sans lieu national — " in listing.inner_text()
    assert "portée nationale, sans commune de siège renseignée" in listing.inner_text()
