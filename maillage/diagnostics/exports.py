"""Per-actor metrics as CSV / XLSX, and the network GEXF with the metrics as node attributes.

The GEXF is the network app's writer (`maillage.network.exports.to_gexf`), given the metric
columns as extra node attributes: the network app knows nothing of diagnostics.
"""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from maillage.core.spreadsheet import safe_cell
from maillage.network.exports import to_gexf
from maillage.network.graph import build_network

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "gexf": ("application/gexf+xml; charset=utf-8", "gexf"),
}
# (column / GEXF attribute title, GEXF type, key in a run's node row)
METRIC_COLUMNS = [
    ("group", "string", "group"),
    ("degree", "integer", "degree"),
    ("in_degree", "integer", "in_degree"),
    ("out_degree", "integer", "out_degree"),
    ("betweenness", "double", "betweenness"),
    ("pagerank", "double", "pagerank"),
    ("coreness", "integer", "coreness"),
    ("articulation_point", "boolean", "articulation_point"),
    ("share_lost", "double", "share_lost"),
    ("constraint", "double", "constraint"),
    ("effective_size", "double", "effective_size"),
    ("community", "integer", "community"),
    ("coordinator", "integer", "coordinator"),
    ("itinerant", "integer", "itinerant"),
    ("representative", "integer", "representative"),
    ("gatekeeper", "integer", "gatekeeper"),
    ("liaison", "integer", "liaison"),
    ("brokerage_total", "integer", "brokerage_total"),
    ("ei", "double", "ei"),
]
HEADERS = ["Id", "Slug", "Label", "ActorType", *[title for title, _kind, _key in METRIC_COLUMNS]]


def inert(value):
    """A spreadsheet cell that cannot run as a formula (the exports' shared rule); booleans stay booleans."""
    return value if isinstance(value, bool) else safe_cell(value)


def metric_rows(run):
    for node in run.result.get("nodes", []):
        yield [f"a{node['id']}", node["slug"], node["label"], node["type"]] + [
            node.get(key) for _title, _kind, key in METRIC_COLUMNS
        ]


def to_csv(run):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADERS)
    for row in metric_rows(run):
        writer.writerow([_csv_value(inert(cell)) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_value(value):
    if value is True or value is False:
        return "true" if value else "false"
    return value


def to_xlsx(run):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Mesures"
    sheet.append(HEADERS)
    for row in metric_rows(run):
        sheet.append([inert(cell) for cell in row])
    meta = workbook.create_sheet(_("Calcul"))
    for key, value in (
        (_("Territoire"), run.result.get("territory", "")),
        (_("Vue"), run.view),
        (_("Filtre"), run.filter_query),
        (_("Groupes"), run.grouping),
        (_("Version des données"), run.data_version),
        (_("Calculé le"), run.finished_at.isoformat() if run.finished_at else ""),
    ):
        meta.append([str(key), inert(value)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def gexf_attributes(run):
    """Extra node attributes for the network's GEXF writer: (id, title, type, getter by node)."""
    by_id = {node["id"]: node for node in run.result.get("nodes", [])}
    attributes = []
    for title, kind, key in METRIC_COLUMNS:

        def getter(node, key=key):
            row = by_id.get(node.id)
            return None if row is None else row.get(key)

        attributes.append((f"m_{title}", title, kind, getter))
    return attributes


def to_enriched_gexf(run, question):
    network = build_network(question.filters, layout=True)
    return to_gexf(network, extra_node_attributes=gexf_attributes(run))


def export_run(run, question, fmt):
    content_type, extension = FORMATS[fmt]
    if fmt == "csv":
        return to_csv(run), content_type, extension
    if fmt == "xlsx":
        return to_xlsx(run), content_type, extension
    return to_enriched_gexf(run, question), content_type, extension
