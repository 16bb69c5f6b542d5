"""Maillage's own network export read back: the CSV zip of the network page (nodes and edges).

The nodes file gives each node id its actor's identifier (slug); the edges file gives the
relation's kind code, period, motivations, description and source. Actors themselves come
back through the directory's import of its own export (same columns, see directory.exporting),
so a whole ecosystem moves from one Maillage to another with two files.
"""

import io
import zipfile

from django.utils.translation import gettext as _

from .reading import UnreadableFile, check_count, check_size, header_index, sheets, split_values, year
from .records import Dataset, RelationRecord

NODE_ALIASES = {"id": {"id"}, "slug": {"slug"}, "label": {"label"}}
EDGE_ALIASES = {
    "source": {"source"},
    "target": {"target"},
    "id": {"id"},
    "kind": {"kind"},
    "start": {"startyear"},
    "end": {"endyear"},
    "motivations": {"motivations"},
    "description": {"description"},
    "source_reference": {"sourcereference"},
    "source_note": {"sourcenote"},
}


def _table(data, name):
    (_sheet, rows), *_rest = sheets(data, name)
    if not rows:
        return [], []
    return rows[0][1], rows[1:]


def read_network_zip(data, filename=""):
    """A Dataset of relations from the network page's CSV export (a zip of -nodes.csv and -edges.csv)."""
    check_size(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            nodes_name = next((n for n in names if n.endswith("-nodes.csv")), None)
            edges_name = next((n for n in names if n.endswith("-edges.csv")), None)
            if not nodes_name or not edges_name:
                raise UnreadableFile(
                    _("Le zip doit contenir les fichiers …-nodes.csv et …-edges.csv de l'export Réseau.")
                )
            if sum(archive.getinfo(n).file_size for n in (nodes_name, edges_name)) > 40 * 2**20:
                raise UnreadableFile(_("Le zip décompressé est trop volumineux."))
            nodes_data, edges_data = archive.read(nodes_name), archive.read(edges_name)
    except zipfile.BadZipFile as error:
        raise UnreadableFile(_("Zip illisible : %(e)s") % {"e": error}) from error
    header, rows = _table(nodes_data, nodes_name)
    columns = header_index(header, NODE_ALIASES)
    if "id" not in columns or "slug" not in columns:
        raise UnreadableFile(_("Le fichier des nœuds doit avoir les colonnes Id et Slug."))
    slug_of = {cells[columns["id"]]: cells[columns["slug"]] for _line, cells in rows if len(cells) > columns["slug"]}
    header, rows = _table(edges_data, edges_name)
    columns = header_index(header, EDGE_ALIASES)
    if not {"source", "target", "kind"} <= set(columns):
        raise UnreadableFile(_("Le fichier des liens doit avoir les colonnes Source, Target et Kind."))
    check_count(len(rows))
    dataset = Dataset(tool="maillage")
    for line, cells in rows:

        def cell(name, cells=cells):
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        record = RelationRecord(
            line=line,
            source_id=cell("id"),
            from_ref=slug_of.get(cell("source"), cell("source")),
            to_ref=slug_of.get(cell("target"), cell("target")),
            kind=cell("kind"),
            raw=dict(zip(header, cells, strict=False)),
        )
        for name, key in (("start_year", "start"), ("end_year", "end")):
            if year(cell(key)):
                record.values[name] = year(cell(key))
        for name in ("description", "source_reference", "source_note"):
            if cell(name):
                record.values[name] = cell(name)
        record.values["motivations"] = split_values(cell("motivations"), ";|")
        dataset.relations.append(record)
    return dataset
