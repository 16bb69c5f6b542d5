"""Network labels in a real Chromium: by importance, inside the canvas, never over one another;
the page at desktop and phone widths with axe clean and no horizontal scroll."""

import pytest

from tests.directory.factories import ActorFactory
from tests.network.factories import RelationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CANVAS = "#network-canvas"
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def crowded_network(db):
    """A hub with 30 partners whose names are long: labels compete for room and reach the edges."""
    hub = ActorFactory(name="Centre de ressources au cœur du réseau", slug="hub")
    partners = [
        ActorFactory(name=f"Laboratoire d'innovation publique numéro {i:02d} du territoire", slug=f"lab-{i:02d}")
        for i in range(30)
    ]
    for i, partner in enumerate(partners):
        RelationFactory(source=partner, target=hub, kind="information")
        if i % 3 == 0:
            RelationFactory(source=partner, target=partners[(i + 1) % 30], kind="collaboration")
    return hub


def open_network(page, live_server, size):
    page.set_viewport_size(SIZES[size])
    page.goto(live_server.url + "/reseau/")
    page.wait_for_selector(f"{CANVAS}[data-drawn=true]", timeout=30000)


def labels(page):
    return page.evaluate("window.maillageNetwork.drawnLabels()")


def canvas_size(page):
    return page.locator(CANVAS).evaluate("e => [e.clientWidth, e.clientHeight]")


@pytest.mark.parametrize("size", SIZES)
def test_labels_stay_inside_the_canvas(live_server, page, crowded_network, size):
    open_network(page, live_server, size)
    width, height = canvas_size(page)
    drawn = labels(page)
    assert drawn
    for box in drawn:
        assert box["left"] >= 0 and box["left"] + box["width"] <= width, box
        assert box["top"] >= 0 and box["top"] + box["height"] <= height, box


@pytest.mark.parametrize("size", SIZES)
def test_labels_never_overlap(live_server, page, crowded_network, size):
    open_network(page, live_server, size)
    drawn = labels(page)
    for i, a in enumerate(drawn):
        for b in drawn[i + 1 :]:
            apart = (
                a["left"] + a["width"] <= b["left"]
                or b["left"] + b["width"] <= a["left"]
                or a["top"] + a["height"] <= b["top"]
                or b["top"] + b["height"] <= a["top"]
            )
            assert apart, (a, b)


@pytest.mark.parametrize("size", SIZES)
def test_the_most_connected_actor_is_always_labelled(live_server, page, crowded_network, size):
    open_network(page, live_server, size)
    assert "Centre de ressources au cœur du réseau" in [box["label"] for box in labels(page)]


@pytest.mark.parametrize("size", SIZES)
def test_network_page_fits_the_screen_and_passes_axe(live_server, page, axe, crowded_network, size):
    open_network(page, live_server, size)
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    assert axe(page) == []
    assert page.console_errors == []


def test_centring_labels_the_actor_and_its_neighbours_first(live_server, page, crowded_network):
    open_network(page, live_server, "desktop")
    page.evaluate(f"window.maillageNetwork.setFocus('a{crowded_network.pk}')")
    page.wait_for_timeout(600)  # the camera's animation
    drawn = [box["label"] for box in labels(page)]
    assert drawn[0] == "Centre de ressources au cœur du réseau"
