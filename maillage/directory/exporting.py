"""Export of the (filtered) directory as CSV (Excel-friendly), XLSX and ODS.

Columns are the annex actor file's, plus what the import reads back (identifier,
commune code, life cycle, years, tags, SIRET), so an export can be edited and re-imported.
Only contacts who consented to publication are exported.
"""

import csv
import io

from django.db.models import Prefetch
from django.utils import timezone

from maillage.core.spreadsheet import safe_cell

from .fields import column_label
from .models import Contact

# The columns, in the annex file's order then what the import reads back; headers come from the
# one declaration of an actor's fields (fields.py), shared with the import.
COLUMNS = (
    "slug",
    "primary_type",
    "name",
    "legal_status",
    "missions",
    "scope",
    "website",
    "names",
    "functions",
    "commune",
    "insee",
    "department",
    "region",
    "lifecycle",
    "founded_year",
    "ended_year",
    "tags",
    "siret",
)
HEADERS = [column_label(name) for name in COLUMNS]
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def actor_rows(queryset):
    """One list of cells per actor, in HEADERS order."""
    queryset = queryset.select_related("primary_type", "commune", "department", "region").prefetch_related(
        "tags",
        Prefetch("contacts", queryset=Contact.objects.published(), to_attr="public_contacts"),
    )
    for actor in queryset:
        actor_type = actor.primary_type
        type_label = f"{actor_type.number}. {actor_type.label}" if actor_type.number else actor_type.label
        yield [
            actor.slug,
            type_label,
            actor.name,
            actor.get_legal_status_display(),
            actor.missions,
            actor.get_scope_display(),
            actor.website,
            " ; ".join(c.name for c in actor.public_contacts),
            " ; ".join(c.function or "-" for c in actor.public_contacts),
            actor.commune.name if actor.commune_id else "",
            actor.commune.code if actor.commune_id else "",
            actor.department.name if actor.department_id else "",
            actor.region.name if actor.region_id else "",
            actor.get_lifecycle_display(),
            actor.founded_year or "",
            actor.ended_year or "",
            " ; ".join(t.name for t in actor.tags.all()),
            actor.siret,
        ]


def export_actors(queryset, fmt):
    """Return (bytes, content type, file name)."""
    # Every cell is text, neutralised against formula injection (see maillage.core.spreadsheet).
    rows = [[safe_cell(str(cell)) for cell in row] for row in actor_rows(queryset)]
    filename = f"acteurs-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADERS)
        writer.writerows(rows)
        # A BOM makes Excel read UTF-8; ';' is the separator of French Excel.
        return buffer.getvalue().encode("utf-8-sig"), FORMATS[fmt], filename
    if fmt in ("xlsx", "ods"):
        import tablib

        dataset = tablib.Dataset(*rows, headers=HEADERS, title="Acteurs")
        return dataset.export(fmt), FORMATS[fmt], filename
    raise ValueError(fmt)
