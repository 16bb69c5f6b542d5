"""The staff import page in a real headless Chromium: dry run of a GoGoCarto file, axe clean."""

from tests.imports.conftest import SAMPLES, sample


def test_dry_run_of_a_gogocarto_file_passes_axe(live_server, page, axe, admin_user, gazetteer):
    page.goto(live_server.url + "/admin/login/?next=/gestion/imports/")
    page.fill("#id_username", admin_user.username)
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url("**/gestion/imports/")
    page.get_by_role("radio", name="GoGoCarto — elements.json", exact=False).check()
    page.set_input_files("#id_fichier", str(SAMPLES / "gogocarto-gogofull-v3.json"))
    page.fill("#id_source", "Carte TIPs")
    page.fill("#id_correspondances", sample("mapping.txt").decode())
    page.get_by_role("button", name="Faire un essai à blanc").click()
    page.wait_for_selector("#titre-rapport")
    assert "3 à créer" in page.locator("[role=status]").first.inner_text()
    assert page.locator(".report-table .warninglist li").count() >= 2
    assert axe(page) == []
    assert page.console_errors == []
