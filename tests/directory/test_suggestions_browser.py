"""Suggestions as one types (ARIA 1.2 combobox) in a real headless Chromium: keyboard, screen reader attributes, axe."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def type_slowly(page, selector, text):
    page.locator(selector).click()
    page.keyboard.type(text, delay=20)


def test_directory_box_suggests_and_the_keyboard_picks(live_server, page, axe, ecosystem):
    page.goto(live_server.url + "/acteurs/")
    box = page.get_by_role("combobox", name="Rechercher un acteur, une ville, une mission")
    type_slowly(page, "#recherche-annuaire", "cité du")
    listbox = page.get_by_role("listbox")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("option").first.inner_text().startswith("Cité du design")
    assert "1 suggestion" in page.locator("[data-suggest-status-for]").inner_text()
    assert axe(page) == []
    page.keyboard.press("ArrowDown")
    first_option = page.get_by_role("option").first
    assert box.get_attribute("aria-activedescendant") == first_option.get_attribute("id")
    assert first_option.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/acteurs/\?q=Cit.*"))
    assert page.locator(".actor-name").first.inner_text() == "Cité du design"
    assert page.console_errors == []


def test_escape_closes_then_clears(live_server, page, ecosystem):
    page.goto(live_server.url + "/acteurs/")
    type_slowly(page, "#recherche-annuaire", "dessein")
    page.get_by_role("listbox").wait_for(state="visible")
    page.keyboard.press("Escape")
    assert page.locator("#recherche-annuaire").get_attribute("aria-expanded") == "false"
    assert page.locator("#recherche-annuaire").input_value() == "dessein"
    page.keyboard.press("Escape")
    assert page.locator("#recherche-annuaire").input_value() == ""
    assert page.console_errors == []


@pytest.mark.parametrize(("path", "box"), [("/carte/", "#filtre-q"), ("/reseau/", "#filtre-q")])
def test_map_and_network_boxes_suggest(live_server, page, axe, ecosystem, path, box):
    from tests.conftest import ignore_offline_tile_errors

    page.goto(live_server.url + path)
    type_slowly(page, box, "dessein")
    page.get_by_role("listbox").wait_for(state="visible")
    assert page.get_by_role("option").first.inner_text().startswith("Dessein Public")
    assert page.locator(box).get_attribute("role") == "combobox"
    assert axe(page) == []
    assert ignore_offline_tile_errors(page.console_errors) == []
