"""The hostile-input audit replayed against public forms, parameters, imports and exports.

Runs on SQLite and on PostgreSQL (the CI runs the suite on both); each case names the audit's
finding it guards. Every answer must be a page (no 500), bounded, inert and French.
"""

import csv
import io
import zipfile
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from icalendar import Calendar
from openpyxl import Workbook, load_workbook

from maillage.directory import importing
from maillage.directory.models import Actor
from maillage.events import services
from maillage.events.models import Proposal, Workshop
from tests.directory.factories import ActorFactory
from tests.events.factories import make_event
from tests.network.factories import RelationFactory

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://evil","x")', "=1+1", "@SUM(1)", "+1+1", "-1+1"]
IMPORT_HEADER = ["Type d'acteur", "Organisation - Service", "Statut administratif"]


def _csv(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


# --- Spreadsheet formula injection --------------------------------------------------------


@pytest.fixture
def formula_actors():
    return [ActorFactory(name=payload, slug=f"formule-{i}") for i, payload in enumerate(FORMULAS)]


def test_directory_csv_export_neutralises_formulas(client, formula_actors):
    rows = _csv(client.get("/acteurs/export/csv/").content)
    names = {row[2] for row in rows[1:]}
    assert names == {"'" + payload for payload in FORMULAS}


def test_directory_xlsx_export_writes_formulas_as_text_cells(client, formula_actors):
    sheet = load_workbook(io.BytesIO(client.get("/acteurs/export/xlsx/").content)).active
    cells = [row[2] for row in sheet.iter_rows(min_row=2)]
    assert {c.data_type for c in cells} == {"s"}
    assert {c.value for c in cells} == {"'" + payload for payload in FORMULAS}


def test_directory_ods_export_has_no_formula_cell(client, formula_actors):
    content = client.get("/acteurs/export/ods/").content
    xml = zipfile.ZipFile(io.BytesIO(content)).read("content.xml").decode()
    assert "table:formula" not in xml
    assert "&apos;=1+1" in xml or "'=1+1" in xml


def test_network_csv_export_neutralises_formulas(client, formula_actors):
    RelationFactory(source=formula_actors[0], target=formula_actors[1], description="=cmd|' /C calc'!A0")
    archive = zipfile.ZipFile(io.BytesIO(client.get("/reseau/export.csv").content))
    nodes = list(csv.reader(io.StringIO(archive.read("maillage-reseau-nodes.csv").decode("utf-8-sig"))))
    edges = list(csv.reader(io.StringIO(archive.read("maillage-reseau-edges.csv").decode("utf-8-sig"))))
    labels = {row[1] for row in nodes[1:]}
    assert "'" + FORMULAS[0] in labels and "'" + FORMULAS[1] in labels
    assert edges[1][11] == "'=cmd|' /C calc'!A0"


def test_exported_file_reimports_with_the_same_names(client, formula_actors):
    content = client.get("/acteurs/export/csv/").content
    report = importing.import_actors(content, "export.csv", dry_run=True)
    assert not report.has_errors
    assert {r.action for r in report.rows} == {"unchanged"}


def test_imported_xlsx_formula_is_stored_as_its_text():
    workbook = Workbook()
    workbook.active.append(IMPORT_HEADER)
    workbook.active.append(["1. Cellule d'innovation", "=1+1", "Association"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = importing.import_actors(buffer.getvalue(), "formule.xlsx", dry_run=False)
    assert report.applied, report.lines()
    assert Actor.objects.get().name == "=1+1"


# --- Bounded imports -----------------------------------------------------------------------


def _xlsx_declaring(dimension):
    """A tiny XLSX whose sheet declares a huge <dimension> (the audit's 1.5 kB file)."""
    workbook = Workbook()
    workbook.active.append(IMPORT_HEADER)
    workbook.active.append(["1. Cellule d'innovation", "Labo déclaré immense", "Association"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start = text.index("<dimension")
                end = text.index("/>", start) + 2
                data = (text[:start] + f'<dimension ref="{dimension}"/>' + text[end:]).encode()
            target.writestr(info, data)
    return out.getvalue()


def test_xlsx_declaring_a_huge_sheet_is_read_as_it_really_is():
    data = _xlsx_declaring("A1:XFD1048576")
    assert len(data) < 10_000
    rows = list(importing.read_rows(data, "immense.xlsx"))
    assert len(rows) == 2
    assert all(len(cells) <= importing.MAX_IMPORT_COLUMNS for _n, cells in rows)
    report = importing.import_actors(data, "immense.xlsx", dry_run=True)
    assert [r.action for r in report.rows] == ["create"]


def test_xlsx_that_unpacks_too_big_is_refused_in_french():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b" " * (importing.MAX_XLSX_UNPACKED_BYTES + 1))
    report = importing.import_actors(buffer.getvalue(), "bombe.xlsx", dry_run=True)
    assert report.file_errors == ["Le classeur décompressé est trop volumineux : découpez-le en plusieurs fichiers."]


def test_csv_with_too_many_rows_is_refused_before_any_row_is_processed():
    lines = [";".join(IMPORT_HEADER)] + [f"1;Labo {i};Association" for i in range(importing.MAX_IMPORT_ROWS + 1)]
    data = "\n".join(lines).encode()
    with mock.patch.object(importing, "_Row") as parse:
        report = importing.import_actors(data, "long.csv", dry_run=True)
    parse.assert_not_called()
    assert "plus de 5000 acteurs" in report.file_errors[0]


def test_file_over_the_size_limit_is_refused():
    data = b"x" * (importing.MAX_IMPORT_BYTES + 1)
    report = importing.import_actors(data, "gros.csv", dry_run=True)
    assert "dépasse 5 Mo" in report.file_errors[0]


def test_import_command_refuses_a_file_over_the_size_limit(tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "gros.csv"
    path.write_bytes(b"x" * (importing.MAX_IMPORT_BYTES + 1))
    with pytest.raises(CommandError, match="dépasse 5 Mo"):
        call_command("import_actors", str(path), "--dry-run")


def test_import_page_refuses_a_file_over_the_size_limit(admin_client):
    upload = SimpleUploadedFile("gros.csv", b"x" * (importing.MAX_IMPORT_BYTES + 1), "text/csv")
    response = admin_client.post("/acteurs/gestion/importer/", {"fichier": upload})
    assert response.status_code == 200
    assert "dépasse 5 Mo" in response.content.decode()


def test_nul_bytes_in_an_imported_csv_are_dropped():
    data = ";".join(IMPORT_HEADER).encode() + b"\n1. Cellule d'innovation;Labo\x00 nul;Association\n"
    report = importing.import_actors(data, "nul.csv", dry_run=False)
    assert report.applied, report.lines()
    assert Actor.objects.get().name == "Labo nul"


# --- Query parameters and public pages -------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/acteurs/?q=%00",
        "/carte/donnees/?tag=%00",
        "/reseau/?type=%00",
        "/acteurs/export/csv/?region=%00",
    ],
)
def test_nul_byte_in_a_parameter_is_dropped_not_a_500(client, url):
    ActorFactory(name="Labo")
    assert client.get(url).status_code == 200


def test_followup_of_an_actor_answers_on_every_database(client):
    event = make_event(themes=1)
    actor = ActorFactory()
    workshop = Workshop.objects.filter(session__event=event).first()
    carried = Proposal.objects.create(workshop=workshop, title="Portée par l'acteur")
    carried.carriers.add(actor)
    Proposal.objects.create(workshop=workshop, title="Possédée par l'acteur", owner=actor)
    Proposal.objects.create(workshop=workshop, title="Sans lien")
    response = client.get(f"/evenements/suivi/acteur/{actor.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Portée par l" in html and "Possédée par l" in html and "Sans lien" not in html


def test_line_breaks_in_a_registrant_name_do_not_break_the_parcours_calendar(client):
    event = make_event(themes=1)
    registration = services.register(
        event,
        name="Ada\r\nX-INJECTED:1\nLovelace",
        email="ada@example.org",
        organisation="",
        days=list(event.days.all()),
        theme_ranking=list(event.themes.all()),
    )
    response = client.get(f"/evenements/parcours/{registration.token}/parcours.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert "X-INJECTED" not in calendar
    assert str(calendar["x-wr-calname"]).endswith("Ada X-INJECTED:1 Lovelace")


def test_sign_up_retries_when_the_database_is_briefly_locked():
    event = make_event(themes=1, mode="on_arrival")
    registration = services.register(
        event,
        name="Ada",
        email="ada@example.org",
        organisation="",
        days=list(event.days.all()),
        theme_ranking=list(event.themes.all()),
    )
    workshop = Workshop.objects.get(session__event=event)
    real = services._sign_up_once
    calls = []

    def locked_once(*args):
        calls.append(args)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real(*args)

    with mock.patch.object(services, "_sign_up_once", locked_once), mock.patch.object(services.time, "sleep"):
        assignment = services.sign_up(registration, workshop.pk)
    assert len(calls) == 2
    assert assignment.workshop == workshop


def test_sign_up_still_locked_after_retries_gets_a_french_message():
    event = make_event(themes=1, mode="on_arrival")
    registration = services.register(
        event,
        name="Ada",
        email="ada@example.org",
        organisation="",
        days=list(event.days.all()),
        theme_ranking=list(event.themes.all()),
    )
    with (
        mock.patch.object(services, "_sign_up_once", side_effect=OperationalError("database is locked")),
        mock.patch.object(services.time, "sleep"),
        pytest.raises(services.SignupError, match="réessayez"),
    ):
        services.sign_up(registration, Workshop.objects.get(session__event=event).pk)


# --- Filters: many tags, odd values ------------------------------------------------------------


def test_many_tags_cost_one_query_and_are_capped(client, django_assert_max_num_queries):
    from maillage.directory.filtering import MAX_TAGS, ActorFilters
    from tests.directory.factories import TagFactory

    tags = [TagFactory(slug=f"t{i}", name=f"t{i}") for i in range(3)]
    both = ActorFactory(name="Deux étiquettes")
    both.tags.set(tags[:2])
    ActorFactory(name="Une étiquette").tags.set(tags[:1])
    filters = ActorFilters.from_query({"tag": ["t0", "t1", "t1"]})
    assert filters.tags == ("t0", "t1")
    with django_assert_max_num_queries(1):
        assert [a.name for a in filters.actors()] == ["Deux étiquettes"]
    many = ActorFilters.from_query({"tag": [f"t{i}" for i in range(70)]})
    assert len(many.tags) == MAX_TAGS
    sql_many, sql_two = str(many.actors().query), str(filters.actors().query)
    assert sql_many.count("JOIN") == sql_two.count("JOIN")  # the query does not grow with the tags


@pytest.mark.parametrize(
    "tags",
    [["a b"], ["<script>"], ["x" * 101], ["t0", "../etc"]],
    ids=["space", "html", "long", "dots"],
)
def test_tags_that_are_not_slugs_are_ignored(tags):
    from maillage.directory.filtering import ActorFilters

    assert set(ActorFilters.from_query({"tag": tags}).tags) <= {"t0"}


@pytest.mark.parametrize(
    "url",
    [
        "/acteurs/?" + "&".join(f"tag=t{i}" for i in range(70)),
        "/carte/donnees/?" + "&".join(f"tag=t{i}" for i in range(70)),
        "/reseau/?" + "&".join(f"tag=t{i}" for i in range(70)),
        "/acteurs/export/csv/?" + "&".join(f"tag=t{i}" for i in range(70)),
        "/acteurs/?region=" + "9" * 500 + "&departement=%27%3B--&commune=<b>",
        "/acteurs/?type=nope&statut=%FF&portee=&cycle=x&disparus=peut-etre&page=-1&tri=inconnu",
        "/carte/donnees/?bbox=a,b,c,d&zoom=999999999999",
        "/reseau/graphe.json?periode=abc&type=%0A",
        "/acteurs/?q=" + "a" * 5000,
    ],
)
def test_odd_filter_values_get_a_page_not_an_error(client, url):
    ActorFactory()
    assert client.get(url).status_code in {200, 400, 404}


@pytest.mark.parametrize("q", ["de", "la", "le de", "l'", "-", "'", '"', "%", "_", "\\", "*", "()", "&|!"])
def test_search_made_only_of_stop_words_or_punctuation_answers(client, q):
    ActorFactory(name="Laboratoire de la transition")
    response = client.get("/acteurs/", {"q": q})
    assert response.status_code == 200


def test_network_diagnosis_csv_neutralises_names_from_the_input_file(tmp_path):
    from django.core.management import call_command

    nodes, edges, out = tmp_path / "nodes.csv", tmp_path / "edges.csv", tmp_path / "metrics.csv"
    nodes.write_text('Id,Label,ActorType\na,"=HYPERLINK(""http://evil"",""x"")",lab\nb,@SUM(1),+1\n', encoding="utf-8")
    edges.write_text("Source,Target,Type,Kind\na,b,Undirected,collaboration\n", encoding="utf-8")
    call_command("diagnose_network", nodes=str(nodes), edges=str(edges), output=str(out), permutations=0)
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["Label"] for r in rows] == ['\'=HYPERLINK("http://evil","x")', "'@SUM(1)"]
    assert rows[1]["ActorType"] == "'+1"


# --- Public forms with hostile payloads ---------------------------------------------------------

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "formula": '=HYPERLINK("http://evil","x")',
    "crlf": "Nom\r\nBcc: victime@example.org",
    "long": "x" * 100_000,
    "rtl": "\u202eevil\u202c",
    "sql": "'; DROP TABLE directory_actor; --",
}


def _public_forms(actor, event):
    themes = list(event.themes.all())
    return {
        "/contributions/proposer/": lambda p: {
            "name": p,
            "primary_type": "lab",
            "legal_status": "collectivite",
            "scope": "local",
            "lifecycle": "active",
            "commune": p,
            "email": "visiteur@example.org",
            "message": p,
        },
        f"/contributions/acteur/{actor.slug}/signaler/": lambda p: {
            "reason": "wrong",
            "message": p,
            "email": "visiteur@example.org",
        },
        f"/evenements/{event.slug}/inscription/": lambda p: {
            "name": p,
            "email": "ada@example.org",
            "organisation": p,
            "accessibility_needs": p,
            "days": [event.days.first().pk],
            "rank_1": themes[0].pk,
            "rank_2": themes[1].pk,
        },
        "/contributions/inscription/": lambda p: {
            "email": "nouveau@example.org",
            "username": p,
            "password1": p,
            "password2": p,
        },
        "/contributions/connexion/": lambda p: {"username": p, "password": p},
        "/admin/login/": lambda p: {"username": p, "password": p},
        "/contributions/mot-de-passe/oublie/": lambda p: {"email": p},
    }


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_public_forms_answer_hostile_input_with_a_page_and_escape_it(client, payload):
    actor = ActorFactory(name="Labo visé")
    event = make_event(themes=2)
    for url, data in _public_forms(actor, event).items():
        response = client.post(url, data(payload))
        assert response.status_code in {200, 302, 400, 429}, url
        assert "<script>alert(1)</script>" not in response.content.decode(), url
    for registration in event.registrations.all():
        assert "\n" not in registration.name and "\r" not in registration.name
