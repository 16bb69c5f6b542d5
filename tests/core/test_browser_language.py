"""The language switch in a real headless Chromium whose browser language is English."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english_browser_page(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_the_header_switch_shows_the_english_site_and_back(live_server, english_browser_page, axe):
    page = english_browser_page
    page.goto(live_server.url + "/")
    # French-first: the browser's English does not change the page; the switch does.
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_role("link", name="English").click()
    page.wait_for_url(live_server.url + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Who does what in public innovation?"
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Directory").click()
    page.wait_for_url(live_server.url + "/en/acteurs/")
    assert page.locator("h1").inner_text() == "Directory of actors"
    assert axe(page) == []
    page.get_by_role("link", name="Français").click()
    page.wait_for_url(live_server.url + "/acteurs/")
    assert page.locator("h1").inner_text() == "Annuaire des acteurs"
