"""Reading the initiatives catalogue through the API: public, the catalogue's filters, cursor pages."""

import pytest

from maillage.initiatives.reading import as_dict, published
from tests.initiatives.conftest import make_initiative


@pytest.fixture
def convention(clermont, lab63):
    return make_initiative(
        "Convention citoyenne",
        types=["governance"],
        start_year=2020,
        communes=[clermont.code],
        actors=[{"actor": lab63.slug, "role": "porteur"}],
        sources=[{"reference": "Rapport", "section": "2.1", "quote": "une convention citoyenne"}],
    )


@pytest.fixture
def combo(bordeaux, lab33):
    return make_initiative(
        "Rural Combo",
        types=["service"],
        start_year=2018,
        departments=[bordeaux.department.code],
        actors=[{"actor": lab33.slug, "role": "partenaire"}],
    )


def slugs(response):
    return [row["slug"] for row in response.json()["results"]]


def test_the_list_is_public_json_with_cursor_pages(api, convention, combo):
    first = api.get("/api/v1/initiatives/?page_size=1")
    assert first.status_code == 200 and set(first.json()) == {"next", "previous", "results"}
    second = api.get(first.json()["next"])
    assert sorted(slugs(first) + slugs(second)) == sorted([convention.slug, combo.slug])


def test_the_list_reads_the_catalogues_query_string(api, convention, combo):
    assert slugs(api.get("/api/v1/initiatives/?departement=63")) == [convention.slug]
    assert slugs(api.get("/api/v1/initiatives/?type=service")) == [combo.slug]
    assert slugs(api.get("/api/v1/initiatives/?role=porteur&q=convention")) == [convention.slug]


def test_an_unknown_filter_value_is_refused_by_name(api, convention):
    response = api.get("/api/v1/initiatives/?type=martien&phase=construction")
    assert response.status_code == 400
    assert response.json()["errors"] == {"type": ["Valeur non reconnue : « martien »."]}


def test_the_detail_is_the_read_side_shape_with_the_apis_links(api, convention):
    body = api.get(f"/api/v1/initiatives/{convention.slug}/").json()
    expected = as_dict(published().get(pk=convention.pk))
    assert body["url"].endswith(f"/api/v1/initiatives/{convention.slug}/")
    assert body["page"] == f"http://testserver{expected['url']}"
    assert {k: v for k, v in body.items() if k not in ("url", "page")} == {
        k: v for k, v in expected.items() if k != "url"
    }


def test_an_unknown_initiative_is_a_json_404(api, db):
    response = api.get("/api/v1/initiatives/nulle-part/")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")


def test_writing_is_not_offered(api, convention):
    assert api.post("/api/v1/initiatives/", {}, format="json").status_code == 405
    assert api.patch(f"/api/v1/initiatives/{convention.slug}/", {}, format="json").status_code == 405


def test_the_catalogue_filters_are_documented_from_their_declaration(api, db):
    from maillage.initiatives.filtering import InitiativeFilters

    schema = api.get("/api/v1/schema/?format=json").json()
    names = {p["name"] for p in schema["paths"]["/api/v1/initiatives/"]["get"]["parameters"]}
    assert InitiativeFilters.keys() <= names
