"""The directory, a fiche and a search in a real headless Chromium: no console error, axe clean."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_directory_renders_and_passes_axe(live_server, page, axe, ecosystem):
    page.goto(live_server.url + "/acteurs/")
    assert page.locator("h1").inner_text() == "Annuaire des acteurs"
    assert page.locator("[role=status]").inner_text().startswith("4 acteurs trouvés")
    assert axe(page) == []
    assert page.console_errors == []


def test_facet_click_filters_the_list(live_server, page, ecosystem):
    page.goto(live_server.url + "/acteurs/")
    page.locator('a.facet-link[data-facet="type"][data-value="promotion"]').click()
    page.wait_for_url("**/acteurs/?type=promotion")
    assert page.locator("[role=status]").inner_text().startswith("1 acteur trouvé")
    assert page.locator(".actor-name").all_inner_texts() == ["Cité du design"]
    assert page.console_errors == []


def test_search_with_accents_and_a_typo(live_server, page, axe, ecosystem):
    page.goto(live_server.url + "/acteurs/")
    page.get_by_label("Rechercher un acteur, une ville, une mission").fill("CITE du desing")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url("**/acteurs/?q=*")
    assert page.locator(".actor-name").first.inner_text() == "Cité du design"
    assert axe(page) == []
    assert page.console_errors == []


def test_fiche_renders_and_passes_axe(live_server, page, axe, ecosystem):
    page.goto(live_server.url + ecosystem["dip"].get_absolute_url())
    assert "Direction Innovation et Participation" in page.locator("h1").inner_text()
    assert page.get_by_text("Jean-Damien Colombeau").is_visible()
    assert axe(page) == []
    assert page.console_errors == []


def test_directory_on_a_phone_shows_results_before_filters(live_server, page, ecosystem):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/acteurs/")
    results_top = page.locator(".results").bounding_box()["y"]
    filters_top = page.locator(".facets").bounding_box()["y"]
    assert results_top < filters_top
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_staff_import_dry_run_page_passes_axe(live_server, page, axe, admin_user, places, tmp_path):
    from tests.directory.test_importing import BROKEN_ROWS, GOOD_ROWS, csv_bytes

    upload = tmp_path / "acteurs.csv"
    upload.write_bytes(csv_bytes(GOOD_ROWS + BROKEN_ROWS[:2], encoding="latin-1"))
    page.goto(live_server.url + "/admin/login/?next=/acteurs/gestion/importer/")
    page.fill("#id_username", admin_user.username)
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url("**/acteurs/gestion/importer/")
    page.set_input_files("#fichier", str(upload))
    page.get_by_role("button", name="Faire un essai à blanc").click()
    page.wait_for_selector("#titre-rapport")
    assert "3 à créer" in page.locator("[role=status]").first.inner_text()
    assert page.locator(".report-table .errorlist li").count() >= 2
    assert axe(page) == []
    assert page.console_errors == []
