"""GoGoCarto's files, old and new, full and compact, JSON and CSV, read into the same records."""

import pytest

from maillage.imports import gogocarto
from maillage.imports.formats import read_file
from tests.imports.conftest import sample

TAXONOMY = gogocarto.taxonomy_names(sample("gogocarto-taxonomy.json"))
CISCA = "Centre d'Innovations Sociales Clermont Auvergne (CISCA)"


def by_id(dataset):
    return {record.source_id: record for record in dataset.actors}


def test_taxonomy_names_every_option_of_the_tree():
    assert TAXONOMY == {
        "20": "Cellule d'innovation",
        "21": "Acteur de promotion et d'accompagnement",
        "22": "Acteur extérieur au territoire du Puy-de-Dôme",
        "40": "Innovation sociale",
    }


def test_recent_full_json_reads_names_positions_addresses_and_categories():
    cisca = by_id(gogocarto.read_json(sample("gogocarto-gogofull-v3.json")))["Xk3"]
    assert (cisca.name, cisca.locality, cisca.postal_code) == (CISCA, "Clermont-Ferrand", "63000")
    assert cisca.categories == ["Acteur de promotion et d'accompagnement", "Innovation sociale"]
    assert (cisca.values["latitude"], cisca.values["longitude"]) == (45.7772, 3.087)
    assert cisca.values["website"] == "https://cisca.fr/"


def test_personal_fields_are_left_out_and_said():
    dataset = gogocarto.read_json(sample("gogocarto-gogofull-v3.json"))
    cisca = by_id(dataset)["Xk3"]
    assert "email" not in cisca.raw and "telephone" not in cisca.raw
    assert any("email" in note and "telephone" in note for note in dataset.notes)


def test_a_deleted_element_is_marked_to_skip():
    deleted = by_id(gogocarto.read_json(sample("gogocarto-gogofull-v3.json")))["Del"]
    assert deleted.skip and deleted.notes


def test_2018_category_ids_are_named_through_the_taxonomy():
    records = by_id(gogocarto.read_json(sample("gogocarto-gogofull-2018.json"), TAXONOMY))
    assert records["10kw"].categories == ["Acteur de promotion et d'accompagnement", "Innovation sociale"]
    assert records["zw9"].categories == ["Cellule d'innovation"]


def test_2018_category_ids_without_taxonomy_stay_ids():
    records = by_id(gogocarto.read_json(sample("gogocarto-gogofull-2018.json")))
    assert records["zw9"].categories == ["20"]


def test_compact_json_is_decoded_through_its_mapping():
    records = by_id(gogocarto.read_json(sample("gogocarto-gogocompact.json"), TAXONOMY))
    cisca = records["Xk3"]
    assert (cisca.name, cisca.locality, cisca.postal_code) == (CISCA, "Clermont-Ferrand", "63000")
    assert cisca.categories == ["Acteur de promotion et d'accompagnement", "Innovation sociale"]
    assert (cisca.values["latitude"], cisca.values["longitude"]) == (45.7772, 3.087)


def test_compact_json_of_2018_reads_the_name_in_second_place():
    records = by_id(gogocarto.read_json(sample("gogocarto-gogocompact-2018.json"), TAXONOMY))
    assert records["Pq8"].name == "Ville de Riom - Mission innovation"
    assert records["Pq8"].categories == ["Cellule d'innovation"]


def test_csv_export_reads_the_same_element_as_the_json():
    from_csv = by_id(gogocarto.read_csv(sample("gogocarto-export.csv"), "export.csv"))["Xk3"]
    from_json = by_id(gogocarto.read_json(sample("gogocarto-gogofull-v3.json")))["Xk3"]
    fields = ("name", "categories", "locality", "postal_code")
    assert [getattr(from_csv, f) for f in fields] == [getattr(from_json, f) for f in fields]
    assert from_csv.values == from_json.values


@pytest.mark.parametrize(
    "payload",
    [b"{not json", b'{"foo": 1}', b'{"data": [["id-only"]]}'],
)
def test_unreadable_json_gives_a_french_file_error(payload):
    dataset = read_file("gogocarto", payload, "elements.json")
    assert dataset.errors and not dataset.actors
