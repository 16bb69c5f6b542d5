"""Exports of the (filtered) catalogue: CSV (French Excel), XLSX, ODS and JSON.

Spreadsheets have one row per initiative, lists joined with « ; », every cell text made inert
against formula injection (`maillage.core.spreadsheet.safe_cell`). JSON is the read side's
shape (`reading.as_dict`), the same one the API serves.
"""

import csv
import io
import json

from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.spreadsheet import safe_cell

from .reading import as_dict

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "json": "application/json; charset=utf-8",
}


def headers():
    return [
        _("Identifiant"),
        _("Titre"),
        _("Résumé"),
        _("Types d'innovation"),
        _("Facette OPSI"),
        _("Étape du cycle de vie"),
        _("Année de début"),
        _("Année de fin"),
        _("Historique des phases"),
        _("Territoires (codes INSEE)"),
        _("Méthodes et thèmes"),
        _("Publics cibles"),
        _("Acteurs et rôles"),
        _("Liens avec d'autres initiatives"),
        _("Sources"),
        _("Adresse de la page"),
    ]


def rows(initiatives, base_url=""):
    """One list of cells per initiative, in `headers()` order."""
    for initiative in initiatives:
        data = as_dict(initiative)
        yield [
            data["slug"],
            data["title"],
            data["summary"],
            " ; ".join(t["label"] for t in data["types"]),
            data["opsi_facet_label"],
            data["stage_label"],
            data["start_year"] or "",
            data["end_year"] or "",
            " ; ".join(f"{p['year']} {p['label']}" for p in data["phases"]),
            " ; ".join([*data["communes"], *data["departments"], *data["regions"]]),
            " ; ".join(t.name for t in initiative.tags.all()),
            " ; ".join(p["label"] for p in data["publics"]),
            " ; ".join(f"{a['name']} ({a['role_label']})" for a in data["actors"]),
            " ; ".join(f"{link['label']} {link['target']}" for link in data["links"]),
            " ; ".join(f"{s['reference']} {s['section']}".strip() for s in data["sources"]),
            base_url.rstrip("/") + data["url"],
        ]


def export_initiatives(initiatives, fmt, base_url=""):
    """(bytes, content type, file name) of the catalogue in `fmt`."""
    filename = f"initiatives-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "json":
        payload = {"initiatives": [as_dict(i) for i in initiatives]}
        return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"), FORMATS[fmt], filename
    table = [[safe_cell(str(cell)) for cell in row] for row in rows(initiatives, base_url)]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers())
        writer.writerows(table)
        return buffer.getvalue().encode("utf-8-sig"), FORMATS[fmt], filename
    if fmt in ("xlsx", "ods"):
        import tablib

        dataset = tablib.Dataset(*table, headers=headers(), title="Initiatives")
        return dataset.export(fmt), FORMATS[fmt], filename
    raise ValueError(fmt)
