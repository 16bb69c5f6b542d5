"""Catalogue, initiative page, fiche panel and exports (exports re-read by the tools they are for)."""

import csv
import io
import json

import pytest
import tablib
from django.urls import reverse

from tests.initiatives.conftest import make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(clermont, carrier, partner):
    make_initiative(
        "Évaluation de l'impact socio-environnemental des dépenses",
        types=["practice"],
        communes=[clermont.code],
        actors=[{"actor": carrier.slug, "role": "porteur"}],
    )
    make_initiative(
        '=HYPERLINK("x") Comptabilité écologique',
        types=["practice"],
        actors=[{"actor": partner.slug, "role": "financeur"}],
    )
    make_initiative("Le « Airbnb » des espaces publics", types=["technology"])


def _titles(response):
    return [i.title for i in response.context["page_obj"]]


def test_search_ignores_accents_and_case(client, catalogue):
    response = client.get(reverse("initiatives:catalogue"), {"q": "EVALUATION impact"})
    assert _titles(response) == ["Évaluation de l'impact socio-environnemental des dépenses"]


def test_search_tolerates_a_typo(client, catalogue):
    response = client.get(reverse("initiatives:catalogue"), {"q": "comptabilte"})
    assert _titles(response) == ['=HYPERLINK("x") Comptabilité écologique']
    assert response.context["corrected_query"] == "comptabilite"


def test_type_facet_filters_and_counts(client, catalogue):
    response = client.get(reverse("initiatives:catalogue"), {"type": "practice"})
    assert len(_titles(response)) == 2
    type_facet = next(f for f in response.context["facets"] if f.param == "type")
    assert {v.value: v.count for v in type_facet.values} == {"practice": 2, "technology": 1}


def test_department_filter_uses_the_directorys_parameter(client, catalogue, clermont):
    response = client.get(reverse("initiatives:catalogue"), {"departement": clermont.department.code})
    assert _titles(response) == ["Évaluation de l'impact socio-environnemental des dépenses"]


def test_a_bad_filter_value_is_ignored_and_said(client, catalogue):
    response = client.get(reverse("initiatives:catalogue"), {"type": "magie"})
    assert len(_titles(response)) == 3
    assert "Filtres non reconnus, ignorés : type=magie." in response.content.decode()


def test_the_initiative_page_shows_actors_roles_and_the_reports_definition(client, initiative, carrier):
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert carrier.name in page and "Porteur" in page
    assert "Elle concerne le développement de relations et de processus partenariaux" in page


def test_the_actor_fiche_says_what_it_innovates(client, initiative, carrier):
    page = client.get(carrier.get_absolute_url()).content.decode()
    assert "Ce qu&#x27;il innove" in page or "Ce qu'il innove" in page
    assert initiative.title in page


def test_csv_export_reads_back_with_inert_cells(client, catalogue):
    response = client.get(reverse("initiatives:export", args=["csv"]), {"type": "practice"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3
    titles = {row[1] for row in rows[1:]}
    assert '\'=HYPERLINK("x") Comptabilité écologique' in titles


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_spreadsheet_exports_read_back(client, catalogue, fmt):
    response = client.get(reverse("initiatives:export", args=[fmt]))
    data = tablib.Dataset().load(response.content, format=fmt)
    assert sorted(data["Titre"]) == sorted(
        [
            "Évaluation de l'impact socio-environnemental des dépenses",
            '\'=HYPERLINK("x") Comptabilité écologique',
            "Le « Airbnb » des espaces publics",
        ]
    )


def test_json_export_is_the_read_side_shape(client, catalogue, carrier):
    response = client.get(reverse("initiatives:export", args=["json"]), {"acteur": carrier.slug})
    data = json.loads(response.content)
    (item,) = data["initiatives"]
    assert item["actors"][0]["actor"] == carrier.slug and item["actors"][0]["role_label"] == "Porteur"
    assert item["types"] == [{"code": "practice", "label": "Organisationnelle - pratique"}]


def test_reuse_page_lists_links_in_a_table(client):
    origin = make_initiative("Origine", start_year=2010)
    make_initiative(
        "Suite", start_year=2015, links=[{"target": origin.slug, "kind": "inspiree_de", "evidence": "dit le rapport"}]
    )
    page = client.get(reverse("initiatives:reuse")).content.decode()
    assert "inspirée de" in page and "dit le rapport" in page and "<svg" in page


def test_the_map_layer_places_an_initiative_at_its_commune(client, initiative, clermont):
    data = client.get(reverse("initiatives:map_data")).json()
    (feature,) = data["features"]
    assert feature["geometry"]["coordinates"] == [round(clermont.longitude, 5), round(clermont.latitude, 5)]
    assert (feature["properties"]["slug"], feature["properties"]["approximate"]) == (initiative.slug, False)


def test_a_department_is_placed_at_the_centre_of_its_communes_and_said_approximate(client, clermont):
    make_initiative("Plan départemental", departments=[clermont.department.code])
    (feature,) = client.get(reverse("initiatives:map_data")).json()["features"]
    assert feature["properties"]["approximate"] is True


def test_the_map_layer_follows_the_catalogue_filters(client, initiative):
    make_initiative("Autre", types=["service"], communes=[initiative.communes.get().code])
    data = client.get(reverse("initiatives:map_data"), {"type": "service"}).json()
    assert [f["properties"]["title"] for f in data["features"]] == ["Autre"]


def test_the_map_page_lists_the_same_initiatives_and_the_unlocated_count(client, initiative):
    make_initiative("Sans territoire")
    page = client.get(reverse("initiatives:map")).content.decode()
    assert initiative.title in page
    assert "1 initiative de la sélection n'a pas de territoire situé" in page
