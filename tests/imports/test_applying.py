"""Imports from GoGoCarto and Kumu written through the one write path: dry run, idempotence, mapping."""

import io
import json

import pytest

from maillage.contributions.models import Revision
from maillage.directory.models import Actor, Contact
from maillage.imports.applying import Options, apply_dataset
from maillage.imports.formats import read_file
from maillage.imports.mapping import parse_mapping
from maillage.imports.models import ImportedActor
from maillage.network.models import Relation
from tests.directory.factories import ActorFactory
from tests.imports.conftest import sample

pytestmark = pytest.mark.django_db

CISCA = "Centre d'Innovations Sociales Clermont Auvergne (CISCA)"
MAPPING, _ERRORS = parse_mapping(sample("mapping.txt").decode())


def run(fmt, name, *, dry_run=False, mapping=MAPPING, taxonomy=None, source="Carte TIPs", **options):
    dataset = read_file(fmt, sample(name), name, taxonomy=sample(taxonomy) if taxonomy else None)
    return apply_dataset(dataset, Options(source=source, mapping=mapping, dry_run=dry_run, **options), name)


def row(report, name):
    return next(r for r in report.rows if r.name == name)


def test_the_mapping_file_is_read_without_errors():
    assert _ERRORS == [] and len(MAPPING) == 4


def test_dry_run_reports_each_row_and_writes_nothing(gazetteer):
    report = run("gogocarto", "gogocarto-gogofull-v3.json", dry_run=True)
    assert not report.has_errors, report.lines()
    assert [r.action for r in report.rows] == ["create", "create", "create", "skip"]
    assert Actor.objects.count() == 0 and not report.applied


def test_elements_become_actors_with_types_tags_communes_and_positions(gazetteer):
    run("gogocarto", "gogocarto-gogofull-v3.json")
    cisca = Actor.objects.get(name=CISCA)
    assert (cisca.primary_type_id, cisca.commune, cisca.latitude, cisca.longitude) == (
        "promotion",
        gazetteer["clermont_ferrand"],
        45.7772,
        3.087,
    )
    assert list(cisca.tags.values_list("name", flat=True)) == ["innovation sociale"]
    assert Actor.objects.get(name="Ville de Riom - Mission innovation").commune == gazetteer["riom"]


def test_an_unknown_commune_is_a_warning_naming_the_row(gazetteer):
    report = run("gogocarto", "gogocarto-gogofull-v3.json", dry_run=True)
    trifouillis = row(report, "Lab de Trifouillis")
    assert trifouillis.line == 3 and "Trifouillis-les-Oies" in trifouillis.warnings[0].message
    assert any(line.startswith("ligne 3 —") and "Trifouillis" in line for line in report.lines())


def test_no_contact_is_created_from_personal_fields(gazetteer):
    report = run("gogocarto", "gogocarto-gogofull-v3.json")
    assert Contact.objects.count() == 0
    assert any("email" in warning for warning in report.file_warnings)


def test_importing_the_same_file_again_changes_nothing(gazetteer):
    run("gogocarto", "gogocarto-gogofull-v3.json")
    versions = dict(Actor.objects.values_list("name", "version"))
    report = run("gogocarto", "gogocarto-gogofull-v3.json")
    assert [r.action for r in report.rows] == ["unchanged", "unchanged", "unchanged", "skip"]
    assert dict(Actor.objects.values_list("name", "version")) == versions


def test_other_shapes_of_the_same_source_find_the_same_fiches(gazetteer):
    run("gogocarto", "gogocarto-gogofull-v3.json")
    report = run("gogocarto", "gogocarto-gogocompact.json", taxonomy="gogocarto-taxonomy.json")
    assert {r.action for r in report.rows} <= {"unchanged", "update"}
    assert Actor.objects.count() == 3


def test_a_renamed_element_updates_its_fiche(gazetteer):
    run("gogocarto", "gogocarto-gogofull-v3.json")
    renamed = sample("gogocarto-gogofull-v3.json").replace(b"Ville de Riom - Mission innovation", b"Riom Lab")
    dataset = read_file("gogocarto", renamed, "elements.json")
    report = apply_dataset(dataset, Options(source="Carte TIPs", mapping=MAPPING, dry_run=False))
    assert row(report, "Riom Lab").action == "update"
    assert Actor.objects.filter(name="Riom Lab").count() == 1 and Actor.objects.count() == 3


def test_every_write_is_versioned_in_the_history_with_the_import_as_comment(gazetteer):
    run("gogocarto", "gogocarto-gogofull-v3.json")
    cisca = Actor.objects.get(name=CISCA)
    revision = Revision.objects.get(actor=cisca)
    assert revision.comment == "Import gogocarto « Carte TIPs »"


def test_an_unmapped_category_is_reported_and_its_element_refused(gazetteer):
    report = run("gogocarto", "gogocarto-gogofull-2018.json", taxonomy=None, mapping={})
    assert report.has_errors and Actor.objects.count() == 0
    assert any("« 20 »" in warning for warning in report.file_warnings)
    assert "aucune catégorie" in row(report, "Ville de Riom - Mission innovation").errors[0].message


def test_a_default_type_takes_elements_no_category_maps(gazetteer):
    report = run("gogocarto", "gogocarto-gogofull-2018.json", mapping={}, default_type="other")
    assert not report.has_errors
    assert Actor.objects.get(name="Ville de Riom - Mission innovation").primary_type_id == "other"


def test_automatic_correspondences_are_said(gazetteer):
    report = run("gogocarto", "gogocarto-gogofull-v3.json", dry_run=True)
    assert any("Correspondance automatique : « Cellule d'innovation »" in w for w in report.file_warnings)


def test_an_actor_of_the_directory_with_the_same_name_is_linked_not_duplicated(gazetteer):
    existing = ActorFactory(name=CISCA)
    report = run("gogocarto", "gogocarto-gogofull-v3.json")
    assert Actor.objects.filter(name=CISCA).count() == 1
    assert ImportedActor.objects.get(source_id="Xk3").actor == existing
    assert "rapproché" in row(report, CISCA).warnings[0].message


def test_kumu_blueprint_gives_actors_and_typed_relations(gazetteer):
    report = run("kumu", "kumu-blueprint.json")
    assert not report.has_errors, report.lines()
    ends = {
        (r.kind, (r.source.name, r.target.name) if r.is_directed else frozenset({r.source.name, r.target.name}))
        for r in Relation.objects.select_related("source", "target")
    }
    assert ends == {("funding", ("DITP", "La Piste")), ("information", frozenset({"DITP", "La Piste"}))}


def test_kumu_elements_mapped_to_ignore_and_their_connections_are_skipped(gazetteer):
    report = run("kumu", "kumu-blueprint.json")
    assert row(report, "Marie Exemple").action == "skip"
    assert not Actor.objects.filter(name="Marie Exemple").exists()
    assert row(report, "Marie Exemple → La Piste").action == "skip"


def test_kumu_connections_file_finds_the_elements_of_an_earlier_import_by_id(gazetteer):
    run("kumu", "kumu-elements.csv")
    report = run("kumu", "kumu-connections.csv")
    assert not report.has_errors, report.lines()
    assert Relation.objects.count() == 3
    assert Actor.objects.get(name="La Piste").commune == gazetteer["lyon"]


def test_kumu_connections_import_is_idempotent(gazetteer):
    run("kumu", "kumu-elements.csv")
    run("kumu", "kumu-connections.csv")
    report = run("kumu", "kumu-connections.csv")
    assert {r.action for r in report.rows} == {"unchanged"} and Relation.objects.count() == 3


def test_an_unknown_connection_type_is_an_error_asking_for_a_correspondence(gazetteer):
    run("kumu", "kumu-elements.csv")
    data = b"From,To,Type\nkumu-1,kumu-2,Cousinage\n"
    report = apply_dataset(read_file("kumu", data, "c.csv"), Options(source="Carte TIPs", dry_run=False))
    assert report.has_errors and "Cousinage" in report.rows[0].errors[0].message


def test_an_import_needs_a_source_name(gazetteer):
    report = run("kumu", "kumu-blueprint.json", source=" ")
    assert report.file_errors and Actor.objects.count() == 0


# --- Homonymous elements: one fiche per element of a source -----------------------------------

FABLABS = [
    {
        "id": "f1",
        "name": "Fablab",
        "categories": ["Cellule d'innovation"],
        "address": {"addressLocality": "Riom", "postalCode": "63200"},
    },
    {
        "id": "f2",
        "name": "Fablab",
        "categories": ["Cellule d'innovation"],
        "address": {"addressLocality": "Lyon", "postalCode": "69001"},
    },
]


def run_elements(elements, *, dry_run=False, fmt="gogocarto", source="Homonymes"):
    data = json.dumps({"data": elements}).encode() if fmt == "gogocarto" else elements
    name = "elements.json" if fmt == "gogocarto" else "elements.csv"
    return apply_dataset(read_file(fmt, data, name), Options(source=source, dry_run=dry_run), name)


def test_two_elements_with_the_same_name_become_two_fiches(gazetteer):
    report = run_elements(FABLABS)
    assert report.applied, report.lines()
    fablabs = Actor.objects.filter(name="Fablab").order_by("slug")
    assert [(a.slug, a.commune) for a in fablabs] == [("fablab", gazetteer["riom"]), ("fablab-2", gazetteer["lyon"])]


def test_the_dry_run_says_the_second_homonym_gets_its_own_fiche(gazetteer):
    report = run_elements(FABLABS, dry_run=True)
    second = report.rows[1]
    assert second.action == "create"
    assert "même nom (ligne 1)" in second.warnings[0].message and "fiche distincte" in second.warnings[0].message


def test_importing_homonyms_again_changes_nothing(gazetteer):
    run_elements(FABLABS)
    versions = dict(Actor.objects.values_list("slug", "version"))
    report = run_elements(FABLABS)
    assert [r.action for r in report.rows] == ["unchanged", "unchanged"], report.lines()
    assert dict(Actor.objects.values_list("slug", "version")) == versions


def test_a_fiche_linked_to_another_id_of_the_source_is_not_matched_by_name(gazetteer):
    run_elements(FABLABS[:1])
    report = run_elements(FABLABS[1:])
    assert report.rows[0].action == "create" and Actor.objects.filter(name="Fablab").count() == 2
    assert "« f1 »" in report.rows[0].warnings[0].message


def test_a_directory_fiche_of_that_name_is_matched_by_the_first_homonym_only(gazetteer):
    existing = ActorFactory(name="Fablab")
    run_elements(FABLABS)
    assert ImportedActor.objects.get(source_id="f1").actor == existing
    assert ImportedActor.objects.get(source_id="f2").actor != existing


def test_two_ids_linked_to_one_fiche_by_an_earlier_import_are_told_apart(gazetteer):
    run_elements(FABLABS[:1])
    ImportedActor.objects.create(source="gogocarto:Homonymes", source_id="f2", actor=Actor.objects.get())
    run_elements(FABLABS)
    assert sorted(Actor.objects.values_list("commune__code", flat=True)) == ["63300", "69123"]


KUMU_HOMONYMS = b"Label,Type\nFablab,Cellule d'innovation\nFablab,Acteur de promotion et d'accompagnement\n"


def test_kumu_elements_sharing_a_label_with_different_types_become_two_fiches(gazetteer):
    data = KUMU_HOMONYMS
    run_elements(data, fmt="kumu")
    assert sorted(Actor.objects.values_list("primary_type", flat=True)) == ["lab", "promotion"]


def test_kumu_label_homonyms_imported_again_change_nothing(gazetteer):
    data = KUMU_HOMONYMS
    run_elements(data, fmt="kumu")
    versions = dict(Actor.objects.values_list("slug", "version"))
    report = run_elements(data, fmt="kumu")
    assert {r.action for r in report.rows} == {"unchanged"} and dict(
        Actor.objects.values_list("slug", "version")
    ) == versions


# --- Rows of a workbook name their sheet --------------------------------------------------------


def test_workbook_rows_name_their_sheet_in_the_report(gazetteer):
    from tests.imports.test_kumu import workbook

    report = apply_dataset(read_file("kumu", workbook(), "carte.xlsx"), Options(source="Carte", dry_run=True))
    lines = report.lines()
    assert any(line.startswith("feuille Elements, ligne 2 — La Piste") for line in lines), lines
    assert any(line.startswith("feuille Connections, ligne 2 — ") for line in lines), lines


def test_a_connection_naming_a_label_several_elements_share_is_a_warning(gazetteer):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Elements"
    for cells in (
        ["Label", "Type"],
        ["Fablab", "Cellule d'innovation"],
        ["Fablab", "Acteur de promotion et d'accompagnement"],
        ["DITP", "Acteur de promotion et d'accompagnement"],
    ):
        book.active.append(cells)
    connections = book.create_sheet("Connections")
    connections.append(["From", "To", "Type"])
    connections.append(["DITP", "Fablab", "Financement"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = apply_dataset(read_file("kumu", buffer.getvalue(), "carte.xlsx"), Options(source="Carte", dry_run=True))
    (connection,) = [r for r in report.rows if r.sheet == "Connections"]
    assert "feuille Elements, ligne 2 ; feuille Elements, ligne 3" in connection.warnings[0].message


# --- SIRET from another tool: kept when valid, dropped with a warning when not ---------------------

LA_POSTE_HEAD_OFFICE = "356 000 000 00048"


def with_siret(siret):
    return [{**FABLABS[0], "siret": siret}]


def test_a_valid_siret_typed_with_spaces_is_kept_compact(gazetteer):
    report = run_elements(with_siret(LA_POSTE_HEAD_OFFICE))
    assert report.applied, report.lines()
    assert Actor.objects.get(name="Fablab").siret == "35600000000048"


def test_an_invalid_siret_is_a_warning_and_the_element_is_still_imported(gazetteer):
    report = run_elements(with_siret("356 000 000 00049"))
    assert report.applied, report.lines()
    assert Actor.objects.get(name="Fablab").siret == ""
    assert any("SIRET non importé" in line and "clé de contrôle" in line for line in report.lines())
