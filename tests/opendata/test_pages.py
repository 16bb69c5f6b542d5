"""The « Données ouvertes » page: the datasets, schemas, licence, linked from every page's footer."""

import pytest

from maillage.opendata import schemas

pytestmark = pytest.mark.django_db


def test_the_page_links_every_published_file(client, published):
    page = client.get("/donnees/").content.decode()
    for url in (
        "/donnees/acteurs.csv",
        "/donnees/relations.csv",
        "/donnees/acteurs.geojson",
        "/donnees/schemas/acteurs.json",
        "/donnees/schemas/relations.json",
        "/donnees/datapackage.json",
        "/donnees/catalogue.jsonld",
    ):
        assert f'href="http://testserver{url}"' in page, url
    assert "Licence Ouverte / Open Licence version 2.0" in page
    assert "5 acteurs organisés" in page


def test_the_page_documents_every_column_of_both_schemas(client, published):
    page = client.get("/donnees/").content.decode()
    for field in [*schemas.actor_fields(), *schemas.relation_fields()]:
        assert f"<code>{field['name']}</code>" in page


def test_the_footer_links_to_the_page_in_both_languages(client, published):
    assert 'href="/donnees/"' in client.get("/").content.decode()
    english = client.get("/en/donnees/")
    assert english.status_code == 200
    assert 'href="/en/donnees/"' in client.get("/en/").content.decode()
    # The published files keep their stable French addresses from the English page.
    assert 'href="http://testserver/donnees/acteurs.csv"' in english.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_page_passes_axe_and_fits_a_phone(live_server, page, axe, published):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/donnees/")
    assert page.locator("h1").inner_text() == "Données ouvertes"
    assert axe(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_fiche_json_ld_passes_the_csp_with_no_console_error(live_server, page, published):
    """A data block is not a script: Chromium neither runs it nor reports a CSP violation."""
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto(live_server.url + published.lab.get_absolute_url())
    data = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert data["@type"] == "Organization"
    assert data["name"] == "Direction Innovation et Participation (Ville de Clermont-Ferrand)"
    assert page.console_errors == [] and violations == []
