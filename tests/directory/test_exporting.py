"""Exports of the filtered directory, read back with csv and openpyxl."""

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from maillage.directory.exporting import HEADERS
from maillage.directory.importing import import_actors

pytestmark = pytest.mark.django_db


def test_csv_export_is_excel_friendly_and_keeps_filters(client, ecosystem):
    response = client.get("/acteurs/export/csv/", {"type": "lab"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADERS
    assert sorted(r[2] for r in rows[1:]) == ["Direction Innovation et Participation", "Ville de Clermont-Ferrand"]


def test_csv_export_only_has_consenting_contacts(client, ecosystem):
    content = client.get("/acteurs/export/csv/", {"q": "innovation participation"}).content.decode("utf-8-sig")
    assert "Jean-Damien Colombeau" in content
    assert "Personne Discrète" not in content


def test_xlsx_export_reads_back_with_openpyxl(client, ecosystem):
    response = client.get("/acteurs/export/xlsx/", {"disparus": "1"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    names = {r[2] for r in rows[1:]}
    assert "Le Labo 63" in names and "Cité du design" in names
    assert len(rows) == 6


def test_ods_export_is_an_opendocument_spreadsheet(client, ecosystem):
    response = client.get("/acteurs/export/ods/")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    assert "Cité du design" in archive.read("content.xml").decode()


def test_unknown_format_is_404(client, db):
    assert client.get("/acteurs/export/pdf/").status_code == 404


def test_an_export_reimports_without_any_change(client, ecosystem):
    content = client.get("/acteurs/export/csv/", {"disparus": "1"}).content
    report = import_actors(content, "export.csv", dry_run=True)
    assert not report.has_errors, report.lines()
    assert report.counts["unchanged"] == 5, report.lines()
