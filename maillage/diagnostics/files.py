"""Network CSV files in and metrics files out, with no database (used by `manage.py diagnose_network`).

Input follows the network CSV export (Gephi's spreadsheet convention): nodes `Id, Label, ActorType`
(the group column can be another one), edges `Source, Target, Type, Kind` where `Type` is
`Directed` or `Undirected`. `Label` and `Kind` may be absent. Every problem raises
`NetworkFileError` with a French message naming the file and the line.
"""

from __future__ import annotations

import csv
import io
import json
import math

from django.utils.translation import gettext as _

from maillage.core.spreadsheet import safe_row

from .measures import METRIC_COLUMNS, Diagnosis, Edge, Network, Node

EDGE_TYPES = {"directed": True, "undirected": False}


class NetworkFileError(ValueError):
    """A network file that cannot be read; the message is for the user, in French."""


def _text(path) -> str:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise NetworkFileError(
            _("Impossible de lire %(path)s : %(err)s") % {"path": path, "err": exc.strerror}
        ) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise NetworkFileError(
            _("%(path)s, ligne %(line)d : caractères illisibles, le fichier doit être encodé en UTF-8.")
            % {"path": path, "line": line}
        ) from exc


def _rows(path, required):
    """(line number, row dict with stripped values) for each non-blank data row."""
    reader = csv.DictReader(io.StringIO(_text(path), newline=""))
    try:
        header = [(h or "").strip() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise NetworkFileError(_("%(path)s, ligne 1 : CSV illisible (%(err)s).") % {"path": path, "err": exc}) from exc
    missing = [c for c in required if c not in header]
    if missing:
        raise NetworkFileError(
            _("%(path)s, ligne 1 : colonnes manquantes %(missing)s (colonnes trouvées : %(found)s).")
            % {"path": path, "missing": ", ".join(missing), "found": ", ".join(h for h in header if h) or "aucune"}
        )
    reader.fieldnames = header
    try:
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                raise NetworkFileError(
                    _("%(path)s, ligne %(line)d : nombre de colonnes incorrect (%(expected)d attendues).")
                    % {"path": path, "line": reader.line_num, "expected": len(header)}
                )
            if not any(v.strip() for v in row.values()):
                continue
            yield reader.line_num, {k: v.strip() for k, v in row.items()}
    except csv.Error as exc:
        raise NetworkFileError(
            _("%(path)s, ligne %(line)d : CSV illisible (%(err)s).")
            % {"path": path, "line": reader.line_num, "err": exc}
        ) from exc


def read_network(nodes_path, edges_path, group_column: str = "ActorType") -> Network:
    """A Network from a nodes CSV and an edges CSV (see the module docstring)."""
    nodes, seen = [], {}
    for line, row in _rows(nodes_path, ["Id", group_column]):
        where = {"path": nodes_path, "line": line}
        ident = row["Id"]
        if not ident:
            raise NetworkFileError(_("%(path)s, ligne %(line)d : identifiant (Id) vide.") % where)
        if ident in seen:
            raise NetworkFileError(
                _("%(path)s, ligne %(line)d : identifiant « %(id)s » déjà présent ligne %(first)d.")
                % {**where, "id": ident, "first": seen[ident]}
            )
        seen[ident] = line
        nodes.append(Node(ident, row.get("Label", ""), row[group_column]))
    if not nodes:
        raise NetworkFileError(_("%(path)s : aucun acteur.") % {"path": nodes_path})
    edges = []
    for line, row in _rows(edges_path, ["Source", "Target", "Type"]):
        where = {"path": edges_path, "line": line}
        for column in ("Source", "Target"):
            if row[column] not in seen:
                raise NetworkFileError(
                    _("%(path)s, ligne %(line)d : %(column)s « %(id)s » n'est pas un acteur de %(nodes)s.")
                    % {**where, "column": column, "id": row[column], "nodes": nodes_path}
                )
        kind = row["Type"].lower()
        if kind not in EDGE_TYPES:
            raise NetworkFileError(
                _("%(path)s, ligne %(line)d : Type « %(value)s » inconnu (Directed ou Undirected attendu).")
                % {**where, "value": row["Type"]}
            )
        edges.append(Edge(row["Source"], row["Target"], EDGE_TYPES[kind], row.get("Kind", "")))
    return Network(nodes, edges)


def _cell(value):
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    return str(value)


def metrics_csv(diagnosis: Diagnosis, group_column: str = "ActorType") -> str:
    """One row per node: Id, Label, the group column, then METRIC_COLUMNS."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Id", "Label", group_column, *METRIC_COLUMNS])
    for m in diagnosis.nodes:
        # Identifiers, names and groups come from users' files: neutralised against formula injection.
        writer.writerow([*safe_row([m.id, m.label, m.group]), *(_cell(getattr(m, c)) for c in METRIC_COLUMNS)])
    return out.getvalue()


def summary_json(diagnosis: Diagnosis) -> str:
    return json.dumps(diagnosis.summary(), ensure_ascii=False, indent=1, allow_nan=False) + "\n"
