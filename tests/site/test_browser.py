"""The home page in a real headless Chromium: no console error, no serious axe violation."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_renders_without_console_error_and_passes_axe(live_server, page, axe):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Qui fait quoi dans l'innovation publique ?"
    assert axe(page) == []
    assert page.console_errors == []


def test_skip_link_moves_focus_to_the_content(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
