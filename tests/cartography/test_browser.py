"""The map in a real headless Chromium, with no tile server reachable."""

import pytest
from django.urls import reverse

from tests.conftest import ignore_offline_tile_errors
from tests.directory.factories import ActorFactory
from tests.territories.factories import CommuneFactory, DepartmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def located(db):
    clermont = CommuneFactory()
    rhone = DepartmentFactory(code="69", name="Rhône")
    lyon = CommuneFactory(code="69123", name="Lyon", department=rhone, latitude=45.7676, longitude=4.8344)
    ActorFactory(name="Archipel test", slug="archipel-test", commune=clermont)
    ActorFactory(name="Promoteur test", slug="promoteur-test", commune=clermont, promotion=True,
                 latitude=45.80, longitude=3.10)  # fmt: skip
    ActorFactory(name="Réseau test", slug="reseau-test", commune=lyon, network=True)
    ActorFactory(name="Sans lieu", slug="sans-lieu", other=True)


def wait_drawn(target):
    target.locator("[data-map][data-state=ready]").wait_for(state="attached")


def test_map_renders_markers_without_console_error_and_passes_axe(live_server, page, axe, located):
    page.goto(live_server.url + reverse("cartography:map"))
    wait_drawn(page)
    assert page.locator("[data-map]").get_attribute("data-markers") == "3"
    assert page.locator(".map-marker, .map-cluster").count() >= 1
    assert axe(page) == []
    assert ignore_offline_tile_errors(page.console_errors) == []


def test_filter_change_updates_markers_list_and_address(live_server, page, located):
    page.goto(live_server.url + reverse("cartography:map"))
    wait_drawn(page)
    page.get_by_label("Réseau et communauté d'acteurs").check()
    page.wait_for_function("() => document.querySelector('[data-map]').dataset.markers === '1'")
    page.wait_for_function("() => !document.querySelector('[data-map-list]').textContent.includes('Archipel test')")
    assert "Réseau test" in page.locator("[data-map-list]").inner_text()
    assert "type=network" in page.url
    assert (
        page.get_by_role("link", name="Voir en liste dans l'annuaire").get_attribute("href") == "/acteurs/?type=network"
    )
    assert ignore_offline_tile_errors(page.console_errors) == []


def test_popup_links_to_the_fiche(live_server, page, located):
    page.goto(live_server.url + reverse("cartography:map") + "?type=network")
    wait_drawn(page)
    page.locator(".map-marker").first.click()
    link = page.locator(".leaflet-popup").get_by_role("link", name="Voir la fiche")
    assert link.get_attribute("href") == "/acteurs/reseau-test/"
    assert "Lyon" in page.locator(".leaflet-popup").inner_text()


def test_embed_map_works_inside_an_iframe_with_its_preset_filter(live_server, page, axe, located):
    host_url = live_server.url + "/partenaire-test/"
    embed_url = live_server.url + reverse("cartography:embed") + "?departement=63"
    page.route(
        host_url,
        lambda route: route.fulfill(
            content_type="text/html",
            body=f'<!doctype html><html lang="fr"><title>Partenaire</title><main><h1>Partenaire</h1>'
            f'<iframe src="{embed_url}" title="Carte" width="800" height="600"></iframe></main></html>',
        ),
    )
    page.goto(host_url)
    frame = page.frame_locator("iframe")
    wait_drawn(frame)
    assert frame.locator("[data-map]").get_attribute("data-markers") == "2"
    assert frame.locator(".site-header").count() == 0
    embedded = next(f for f in page.frames if "integration" in f.url)
    assert axe(embedded) == []
    assert ignore_offline_tile_errors(page.console_errors) == []
