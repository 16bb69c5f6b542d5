"""Kumu's spreadsheet (workbook or CSV sheets, with or without IDs) and JSON blueprints."""

import io

from openpyxl import Workbook

from maillage.imports import kumu
from maillage.imports.formats import read_file
from tests.imports.conftest import sample


def workbook(with_ids=False):
    book = Workbook()
    elements = book.active
    elements.title = "Elements"
    prefix = ["ID"] if with_ids else []
    elements.append([*prefix, "Label", "Type", "Description", "Tags", "Email"])
    elements.append(
        [*(["e1"] if with_ids else []), "La Piste", "Cellule d'innovation", "Lab.", "design|coopération", ""]
    )
    elements.append(
        [*(["e2"] if with_ids else []), "DITP", "Acteur de promotion et d'accompagnement", "", "", "x@y.fr"]
    )
    connections = book.create_sheet("Connections")
    connections.append([*prefix, "From", "To", "Type", "Direction"])
    reference = (lambda i, label: i) if with_ids else (lambda i, label: label)
    connections.append(
        [*(["c1"] if with_ids else []), reference("e2", "DITP"), reference("e1", "La Piste"), "Financement", "directed"]
    )
    notes = book.create_sheet("Notes (ignore)")
    notes.append(["Label", "Type"])
    notes.append(["Ne pas importer", "x"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_workbook_reads_elements_and_connections_and_skips_ignored_sheets():
    dataset = kumu.read_spreadsheet(workbook(), "carte.xlsx")
    assert [r.name for r in dataset.actors] == ["La Piste", "DITP"]
    assert [(r.from_ref, r.to_ref, r.kind) for r in dataset.relations] == [("DITP", "La Piste", "Financement")]
    assert any("Notes (ignore)" in note for note in dataset.notes)


def test_pipe_separated_tags_become_a_list():
    piste = kumu.read_spreadsheet(workbook(), "carte.xlsx").actors[0]
    assert piste.tags == ["design", "coopération"]


def test_without_ids_an_element_is_keyed_on_label_and_type():
    piste = kumu.read_spreadsheet(workbook(), "carte.xlsx").actors[0]
    assert piste.source_id == "La Piste|Cellule d'innovation"


def test_with_ids_connections_refer_to_ids():
    dataset = kumu.read_spreadsheet(workbook(with_ids=True), "carte.xlsx")
    assert dataset.actors[0].source_id == "e1"
    assert (dataset.relations[0].from_ref, dataset.relations[0].to_ref, dataset.relations[0].source_id) == (
        "e2",
        "e1",
        "c1",
    )


def test_personal_columns_are_not_imported():
    dataset = kumu.read_spreadsheet(workbook(), "carte.xlsx")
    assert "Email" not in dataset.actors[1].raw
    assert any("Email" in note for note in dataset.notes)


def test_a_to_cell_with_several_elements_draws_one_connection_each():
    dataset = kumu.read_spreadsheet(sample("kumu-connections.csv"), "connections.csv")
    assert [(r.from_ref, r.to_ref) for r in dataset.relations] == [
        ("kumu-2", "kumu-1"),
        ("kumu-2", "kumu-3"),
        ("kumu-1", "kumu-3"),
    ]


def test_elements_csv_reads_places():
    piste = kumu.read_spreadsheet(sample("kumu-elements.csv"), "elements.csv").actors[0]
    assert (piste.source_id, piste.locality, piste.postal_code) == ("kumu-1", "Lyon", "69002")


def test_flat_blueprint_reads_elements_and_connections():
    dataset = kumu.read_blueprint(sample("kumu-blueprint.json"))
    assert [r.name for r in dataset.actors] == ["La Piste", "DITP", "Marie Exemple"]
    assert dataset.actors[1].values["website"] == "https://www.modernisation.gouv.fr/"
    assert [(r.from_ref, r.to_ref, r.direction) for r in dataset.relations][:2] == [
        ("DITP", "La Piste", "directed"),
        ("La Piste", "DITP", "mutual"),
    ]


def test_exported_blueprint_reads_attributes_and_ids():
    dataset = kumu.read_blueprint(sample("kumu-export.json"))
    assert [(r.source_id, r.name, r.categories) for r in dataset.actors] == [
        ("elem-a1", "La Piste", ["Cellule d'innovation"]),
        ("elem-b2", "DITP", ["Acteur de promotion et d'accompagnement"]),
    ]
    (connection,) = dataset.relations
    assert (connection.from_ref, connection.to_ref, connection.kind, connection.values["start_year"]) == (
        "elem-b2",
        "elem-a1",
        "Financement",
        2019,
    )


def test_a_sheet_kumu_would_not_read_is_a_file_error():
    dataset = read_file("kumu", b"Nom;Adresse\nA;B\n", "autre.csv")
    assert dataset.errors


def test_workbook_records_carry_their_sheet():
    dataset = kumu.read_spreadsheet(workbook(), "carte.xlsx")
    assert (dataset.actors[0].sheet, dataset.relations[0].sheet) == ("Elements", "Connections")


def test_a_csv_sheet_has_no_sheet_name():
    assert kumu.read_spreadsheet(sample("kumu-elements.csv"), "elements.csv").actors[0].sheet == ""
