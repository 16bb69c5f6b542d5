"""Network legibility in a real browser: isolated actors hidden with a switch, "Centrer" offers choices, empty state."""

import pytest

from tests.directory.factories import ActorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CANVAS = "#network-canvas"


def _open(page, url):
    page.goto(url)
    page.wait_for_selector(f"{CANVAS}[data-drawn=true]", timeout=20000)


def test_isolated_actors_are_hidden_by_default_and_counted(live_server, page, small_network):
    ActorFactory(name="Seul au monde", slug="seul")
    _open(page, live_server.url + "/reseau/")
    canvas = page.locator(CANVAS)
    assert (canvas.get_attribute("data-node-count"), canvas.get_attribute("data-visible-count")) == ("5", "4")
    assert "1 sans relation, masqués par défaut" in page.locator("#network-isolated").inner_text()


def test_the_switch_shows_isolated_actors(live_server, page, small_network):
    ActorFactory(name="Seul au monde", slug="seul")
    _open(page, live_server.url + "/reseau/")
    page.get_by_label("Afficher les acteurs isolés").check()
    assert page.locator(CANVAS).get_attribute("data-visible-count") == "5"
    assert page.console_errors == []


def test_centrer_offers_the_matching_actors_to_choose_from(live_server, page, small_network):
    _open(page, live_server.url + "/reseau/")
    page.fill("#network-focus-input", "i")  # matches several actors
    page.get_by_role("button", name="Centrer", exact=True).click()
    choices = page.locator("#network-matches li button").all_inner_texts()
    assert len(choices) > 1 and page.locator(CANVAS).get_attribute("data-focus") == ""
    page.get_by_role("button", name="CISCA").click()
    assert page.locator(CANVAS).get_attribute("data-focus") == "cisca"
    assert page.console_errors == []


def test_an_empty_network_says_why_and_what_to_do(live_server, page, axe):
    ActorFactory(name="Seul au monde", slug="seul")
    _open(page, live_server.url + "/reseau/")
    empty = page.locator("#network-empty")
    assert empty.is_visible()
    assert "aucun acteur de ces filtres n’a de relation" in empty.inner_text()
    assert page.get_by_role("link", name="Voir tout le réseau (sans filtre)").is_visible()
    assert axe(page) == []
