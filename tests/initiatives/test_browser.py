"""The catalogue, an initiative page and the reuse graph in a real headless Chromium: axe clean, usable at 390 px."""

import pytest

from tests.conftest import ignore_offline_tile_errors
from tests.initiatives.conftest import make_initiative

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def linked(initiative):
    origin = make_initiative("Le designer manager de Saint-Étienne", start_year=2010, types=["structure"])
    make_initiative(
        "Le design dans les territoires ruraux",
        start_year=2015,
        links=[{"target": origin.slug, "kind": "inspiree_de", "evidence": "La dynamique du design a essaimé"}],
    )
    return initiative


@pytest.mark.parametrize(
    "path", ["/initiatives/", "/initiatives/?q=convantion", "/initiatives/essaimage/", "/initiatives/carte/"]
)
def test_pages_pass_axe(live_server, page, axe, linked, path):
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    assert ignore_offline_tile_errors(page.console_errors) == []
    assert axe(page) == []


def test_initiative_page_passes_axe_and_links_its_actor(live_server, page, axe, linked, carrier):
    page.goto(live_server.url + linked.get_absolute_url())
    assert axe(page) == []
    page.get_by_role("link", name=carrier.name).click()
    page.wait_for_url("**" + carrier.get_absolute_url())  # is_visible() does not wait for the navigation
    assert page.get_by_role("heading", name="Ce qu'il innove").is_visible()


def test_catalogue_at_390_px_has_no_horizontal_scroll(live_server, browser, linked):
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(live_server.url + "/initiatives/")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert phone.get_by_role("link", name=linked.title).is_visible()
    context.close()


def test_the_map_draws_a_marker_per_located_initiative(live_server, page, linked):
    page.goto(live_server.url + "/initiatives/carte/")
    page.wait_for_selector(".leaflet-interactive")
    assert page.locator(".leaflet-interactive").count() == 1
