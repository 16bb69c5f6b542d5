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


def test_the_proposal_form_picks_an_actor_by_typing_and_passes_axe(live_server, page, axe, carrier, partner):
    from maillage.contributions.models import Proposal

    page.goto(f"{live_server.url}/contributions/objet/initiative/proposer/")
    picker = page.get_by_role("combobox", name="Acteur 1 :", exact=True)
    picker.wait_for()
    assert page.locator("#id_actor_0").is_hidden()
    assert axe(page) == []
    page.get_by_label("Titre").fill("Lab partagé")
    picker.press_sequentially("CISC")
    page.get_by_role("option", name="CISCA").click()
    page.get_by_label("Rôle de l'acteur 1 :", exact=True).select_option("partenaire")
    page.get_by_label("Votre adresse électronique").fill("visiteur@exemple.invalid")
    page.get_by_role("button", name="Envoyer la proposition").click()
    page.get_by_role("heading", level=1, name="Vérifiez votre boîte de réception").wait_for()
    assert Proposal.objects.get().payload["actors"] == [{"actor": partner.slug, "role": "partenaire", "note": ""}]


def test_the_main_map_shows_initiatives_when_asked_and_passes_axe(live_server, page, axe, linked):
    page.goto(live_server.url + "/carte/")
    page.locator("[data-map][data-state=ready]").wait_for(state="attached")
    assert page.locator("[data-map-overlay='initiatives']").is_hidden()
    page.get_by_label("Montrer les initiatives (ce que les acteurs innovent)").check()
    page.wait_for_function("() => document.querySelector('[data-map]').dataset.overlayInitiatives === '1'")
    section = page.locator("[data-map-overlay='initiatives']")
    section.get_by_role("link", name=linked.title).wait_for()
    assert page.locator(".leaflet-overlay-points-pane path").count() == 1
    assert "initiatives=1" in page.url
    assert axe(page) == []
    assert ignore_offline_tile_errors(page.console_errors) == []
    page.get_by_label("Montrer les initiatives (ce que les acteurs innovent)").uncheck()
    page.wait_for_function("() => document.querySelector('[data-map]').dataset.overlayInitiatives === 'off'")
    assert section.is_hidden() and page.locator(".leaflet-overlay-points-pane path").count() == 0
    # Let the map's last requests end before the live server's database is flushed: a request still
    # reading the data version locks its table on SQLite and the flush fails (seen once in CI).
    page.wait_for_load_state("networkidle")
