"""Import of annex-like actor files: dry run, atomic real run, idempotent re-run, encodings."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from maillage.directory.importing import import_actors, parse_legal_status, parse_scope, parse_type
from maillage.directory.models import Actor, Contact

pytestmark = pytest.mark.django_db

HEADER = "Type d'acteur;Organisation - Service;Statut administratif;Missions;Portée;Site;Noms;Fonctions;Code INSEE"
GOOD_ROWS = [
    "1. Cellule d'innovation;Ville de Clermont-Ferrand - Direction Innovation et Participation;Collectivité "
    "territoriale;;Ville de Clermont-Ferrand;https://clermont-ferrand.fr/;Jean-Damien Colombeau;"
    "Directeur Innovation & Participation;63113",
    "2. Les acteurs de promotion et d'accompagnement;Centre d'Innovations Sociales Clermont Auvergne (CISCA);"
    "Association;CISCA est un espace;NI, Clermont Ferrand;https://cisca.fr/;Geoffrey Violat;Directeur;63113",
    "1. Cellule d'innovation;Département du Puy-de-Dôme - DADCT - Le Labo 63, (disparu);Collectivité territoriale;"
    ";Dépt. Puy-de-Dôme;;;;63113",
]
BROKEN_ROWS = [
    "9. Martiens;Organisation sans type;Association;;;;;;63113",
    ";;Association;;;;;;63113",
    "3. Faiseur d'intermédiation;Site cassé;Association;;;pas une adresse;;;63113",
    "4. Structure de formation-recherche;Commune inconnue;Université;;;;;;99999",
    "5. Prestataire;Statut bizarre;Royaume;;;;;;63113",
]


def csv_bytes(rows, encoding="utf-8", header=HEADER):
    return ("\n".join([header, *rows]) + "\n").encode(encoding)


@pytest.fixture
def clermont(places):
    return places["clermont"]


def test_dry_run_reports_creations_and_writes_nothing(clermont):
    report = import_actors(csv_bytes(GOOD_ROWS), "acteurs.csv", dry_run=True)
    assert not report.has_errors
    assert report.counts["created"] == 3
    assert Actor.objects.count() == 0


def test_dry_run_reports_each_broken_row_in_french(clermont):
    report = import_actors(csv_bytes(GOOD_ROWS + BROKEN_ROWS), "acteurs.csv", dry_run=True)
    errors = {row.line: [str(e) for e in row.errors] for row in report.rows if row.errors}
    assert set(errors) == {5, 6, 7, 8, 9}
    assert errors[5] == ["Type d'acteur : type d'acteur inconnu : « 9. Martiens »."]
    assert "Organisation - Service : le nom de l'organisation est obligatoire." in errors[6]
    assert errors[7] == ["Site : adresse de site invalide : « pas une adresse »."]
    assert errors[8] == ["Code INSEE : code INSEE inconnu : « 99999 »."]
    assert errors[9] == ["Statut administratif : statut administratif inconnu : « Royaume »."]
    assert report.counts["created"] == 3


def test_real_run_with_a_broken_row_writes_nothing(clermont):
    report = import_actors(csv_bytes(GOOD_ROWS + BROKEN_ROWS[:1]), "acteurs.csv", dry_run=False)
    assert report.has_errors and not report.applied
    assert Actor.objects.count() == 0
    assert Contact.objects.count() == 0


def test_real_run_creates_actors_with_their_columns(clermont):
    report = import_actors(csv_bytes(GOOD_ROWS), "acteurs.csv", dry_run=False)
    assert report.applied
    cisca = Actor.objects.get(name="Centre d'Innovations Sociales Clermont Auvergne (CISCA)")
    assert cisca.primary_type_id == "promotion"
    assert cisca.legal_status == "association"
    assert cisca.department.code == "63"
    assert cisca.raw_record["Portée"] == "NI, Clermont Ferrand"
    contact = cisca.contacts.get()
    assert (contact.name, contact.function, contact.publication_consent) == ("Geoffrey Violat", "Directeur", False)
    labo = Actor.objects.get(name="Département du Puy-de-Dôme - DADCT - Le Labo 63")
    assert (labo.lifecycle, labo.scope) == ("disappeared", "departmental")


def test_reimporting_the_same_file_changes_nothing(clermont):
    data = csv_bytes(GOOD_ROWS)
    import_actors(data, "acteurs.csv", dry_run=False)
    before = list(Actor.objects.order_by("pk").values("pk", "updated_at", "search_text"))
    report = import_actors(data, "acteurs.csv", dry_run=False)
    assert report.counts == {"created": 0, "updated": 0, "unchanged": 3, "skipped": 0, "errors": 0}
    assert list(Actor.objects.order_by("pk").values("pk", "updated_at", "search_text")) == before
    assert Contact.objects.count() == 2


def test_a_changed_cell_is_reported_as_an_update(clermont):
    import_actors(csv_bytes(GOOD_ROWS), "acteurs.csv", dry_run=False)
    changed = [GOOD_ROWS[0], GOOD_ROWS[1].replace("Association", "Coopérative"), GOOD_ROWS[2]]
    report = import_actors(csv_bytes(changed), "acteurs.csv", dry_run=True)
    assert [r.action for r in report.rows] == ["unchanged", "update", "unchanged"]
    assert report.rows[1].changes == ["statut"]


def test_latin1_file_with_semicolons_is_read(clermont):
    report = import_actors(csv_bytes(GOOD_ROWS, encoding="latin-1"), "acteurs.csv", dry_run=False)
    assert report.applied
    assert Actor.objects.filter(name__startswith="Département du Puy-de-Dôme").exists()


def test_bom_and_commas_are_read(clermont):
    header = HEADER.replace(";", ",")
    row = '"2. Acteur de promotion et d\'accompagnement","La 27e Région","Association","","Nationale","","","","63113"'
    data = "\ufeff".encode() + csv_bytes([row], header=header)
    report = import_actors(data, "acteurs.csv", dry_run=False)
    assert report.applied
    assert Actor.objects.get(slug="la-27e-region").scope == "national"


def test_bom_latin1_semicolon_file(clermont):
    data = b"\xef\xbb\xbf" + csv_bytes(GOOD_ROWS[:1], encoding="latin-1")
    # A UTF-8 BOM in front of Latin-1 text: the text is still read, accents included.
    report = import_actors(data, "acteurs.csv", dry_run=False)
    assert report.applied
    assert Actor.objects.get().legal_status == "collectivite"


def test_xlsx_file_is_read(clermont):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(
        [
            "6. Réseau et communauté d'acteurs",
            "Réseau des LABs AURA",
            "Collectif informel",
            "",
            "Régionale",
            "",
            "",
            "",
            63113,
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = import_actors(buffer.getvalue(), "acteurs.xlsx", dry_run=False)
    assert report.applied
    actor = Actor.objects.get()
    assert (actor.primary_type_id, actor.scope, actor.commune.code) == ("network", "regional", "63113")


def test_missing_required_column_is_a_file_error(clermont):
    report = import_actors(b"Nom;Ville\nA;B\n", "acteurs.csv")
    assert report.file_errors == [
        "Colonne(s) obligatoire(s) absente(s) en ligne 1 : « Type d'acteur », « Organisation - Service »."
    ]


def test_duplicate_rows_in_one_file_are_refused(clermont):
    report = import_actors(csv_bytes([GOOD_ROWS[1], GOOD_ROWS[1]]), "acteurs.csv")
    assert [r.action for r in report.rows] == ["create", "error"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1. Cellule d'innovation", "lab"),
        ("3. Les faiseurs d'intermédiation", "intermediation"),
        ("Autre acteur de l'écosystème", "other"),
        ("network", "network"),
    ],
)
def test_type_labels_of_the_annex(text, expected):
    assert parse_type(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("PETIR", "syndicat_mixte"),
        ("Entreprise Publique Locale", "epl"),
        ("Service déconcentré", "etat_deconcentre"),
        ("Université", "universite"),
    ],
)
def test_legal_statuses_of_the_annex(text, expected):
    assert parse_legal_status(text) == expected


def test_scope_of_the_annex():
    assert parse_scope("ARA, Lyon, Clermont Ferrand...") == "regional"


def test_command_dry_run_then_real_run(clermont, tmp_path):
    path = tmp_path / "acteurs.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS))
    out = io.StringIO()
    call_command("import_actors", str(path), "--dry-run", stdout=out)
    assert "3 à créer" in out.getvalue()
    assert Actor.objects.count() == 0
    call_command("import_actors", str(path), stdout=io.StringIO())
    assert Actor.objects.count() == 3


def test_command_fails_on_errors_and_writes_nothing(clermont, tmp_path):
    path = tmp_path / "acteurs.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS + BROKEN_ROWS))
    with pytest.raises(CommandError, match="rien n'a été enregistré"):
        call_command("import_actors", str(path), stdout=io.StringIO())
    assert Actor.objects.count() == 0
