"""Exports of a network: GEXF 1.3, GraphML, CSV node and edge lists.

GEXF is written by our own code (networkx's writer does not produce valid 1.3
files), as escaped text, and checked against the official RelaxNG schema in the tests. The graph
mixes directed kinds (prestation de service, financement, appartenance) and
undirected ones (partage d'informations, collaboration); GEXF readers such as
networkx do not accept `undirected` edges in a directed graph, so undirected
kinds are written `type="mutual"` (GEXF's word for a reciprocal tie) in a graph
whose default is `directed`. GraphML has no such word: every edge is written
directed and carries a `directed` boolean attribute (false for the undirected
kinds, whose ends are then in canonical order).

CSV follows Gephi's spreadsheet import convention: nodes `Id,Label,…`, edges
`Source,Target,Type,Id,Label,…` where `Type` is `Directed` or `Undirected` and
the relation kind is in `Kind`. Kumu reads the same files after renaming
`Source`/`Target` to `From`/`To` (its `Type` is the element type).
"""

import csv
import io
import re
import zipfile

from django.utils import timezone

from maillage.core.spreadsheet import safe_row

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# (id, title, GEXF type, getter). Titles avoid names networkx reserves (label, id, weight, viz).
NODE_ATTRIBUTES = [
    ("slug", "slug", "string", lambda n: n.slug),
    ("type", "actor_type", "string", lambda n: n.type_code),
    ("type_label", "actor_type_label", "string", lambda n: n.type_label),
    ("color", "color", "string", lambda n: n.color),
    ("external", "external", "boolean", lambda n: n.external),
    ("degree", "degree", "integer", lambda n: n.degree),
    ("department", "department", "string", lambda n: n.department),
    ("url", "url", "string", lambda n: n.url),
]
EDGE_ATTRIBUTES = [
    ("kind", "kind", "string", lambda e: e.kind),
    ("kind_label", "kind_label", "string", lambda e: e.kind_label),
    ("directed", "directed", "boolean", lambda e: e.directed),
    ("color", "color", "string", lambda e: e.color),
    ("dashed", "dashed", "boolean", lambda e: e.dashed),
    ("start_year", "start_year", "integer", lambda e: e.start_year),
    ("end_year", "end_year", "integer", lambda e: e.end_year),
    ("motivations", "motivations", "string", lambda e: ";".join(e.motivations)),
    ("description", "description", "string", lambda e: e.description),
    ("source_reference", "source_reference", "string", lambda e: e.source_reference),
    ("source_note", "source_note", "string", lambda e: e.source_note),
    # Reciprocity and provenance (issue 17).
    ("status", "status", "string", lambda e: e.status),
    ("status_label", "status_label", "string", lambda e: e.status_label),
    ("origin", "origin", "string", lambda e: e.origin),
    ("declared_by", "declared_by", "string", lambda e: e.declared_by),
    ("status_source", "status_source", "string", lambda e: e.status_source),
]


def _clean(value):
    return _XML_INVALID.sub("", str(value))


def _token(value):
    """xsd:token as GEXF labels require it: single spaces, no line breaks."""
    return " ".join(_clean(value).split())


def _rgb(hex_color):
    hex_color = hex_color.lstrip("#")
    return {"r": str(int(hex_color[0:2], 16)), "g": str(int(hex_color[2:4], 16)), "b": str(int(hex_color[4:6], 16))}


def node_key(node):
    return f"a{node.id}"


def edge_key(edge):
    return f"r{edge.id}"


# One translate table escapes attribute values and drops characters XML forbids (fast on big graphs).
_ATTR_TABLE = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 65534, 65535])
_ATTR_TABLE.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;"})
_ATTR_TABLE.update({ord("\n"): "&#10;", ord("\r"): "&#13;", ord("\t"): "&#9;"})
_TEXT_TABLE = {k: v for k, v in _ATTR_TABLE.items() if k not in (ord('"'), ord("\n"), ord("\r"), ord("\t"))}


def _q(value):
    """A quoted, escaped XML attribute value."""
    return '"' + str(value).translate(_ATTR_TABLE) + '"'


def _text(value):
    return str(value).translate(_TEXT_TABLE)


def _attrs(**attributes):
    """' name="value"' pairs, escaped (a trailing underscore in a name is dropped: for_ → for)."""
    return "".join(f" {name.rstrip('_')}={_q(value)}" for name, value in attributes.items())


def _rgb_attrs(hex_color):
    rgb = _rgb(hex_color)
    return f' r="{rgb["r"]}" g="{rgb["g"]}" b="{rgb["b"]}"'


def to_gexf(network, extra_node_attributes=()):
    """GEXF 1.3 bytes with attributes and viz colours, sizes, positions and edge shapes.

    `extra_node_attributes` adds node columns, as (id, title, GEXF type, getter(node)) like
    NODE_ATTRIBUTES: an app above the network (diagnostics) passes its per-actor measures.

    Written as escaped text rather than built as an lxml tree: much faster on large
    graphs; the tests validate the output against the official schema.
    """
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" version="1.3">\n',
        f"  <meta{_attrs(lastmodifieddate=timezone.localdate().isoformat())}>\n",
        "    <creator>Maillage</creator>\n",
        f"    <description>{_text(network.caption)}</description>\n",
        "  </meta>\n",
        '  <graph defaultedgetype="directed" idtype="string">\n',
    ]
    node_attributes = NODE_ATTRIBUTES + list(extra_node_attributes)
    for cls, spec in (("node", node_attributes), ("edge", EDGE_ATTRIBUTES)):
        out.append(f'    <attributes class="{cls}">\n')
        for key, title, kind, _getter in spec:
            out.append(f"      <attribute{_attrs(id=key, title=title, type=kind)}/>\n")
        out.append("    </attributes>\n")

    out.append(f'    <nodes count="{len(network.nodes)}">\n')
    for node in network.nodes:
        out.append(f"      <node{_attrs(id=node_key(node), label=_token(node.label))}>")
        _attvalues(out, node_attributes, node)
        out.append(
            f"<viz:color{_rgb_attrs(node.color)}/>"
            f'<viz:position x="{node.x:.3f}" y="{node.y:.3f}" z="0.0"/>'
            f'<viz:size value="{node.size:.2f}"/></node>\n'
        )
    out.append("    </nodes>\n")

    out.append(f'    <edges count="{len(network.edges)}">\n')
    for edge in network.edges:
        attributes = _attrs(
            id=edge_key(edge),
            source=f"a{edge.source}",
            target=f"a{edge.target}",
            type="directed" if edge.directed else "mutual",
            label=_token(edge.kind_label),
            weight="1.0",
        )
        out.append(f"      <edge{attributes}>")
        _attvalues(out, EDGE_ATTRIBUTES, edge)
        out.append(
            f"<viz:color{_rgb_attrs(edge.color)}/>"
            f'<viz:thickness value="{edge.width:.1f}"/>'
            f'<viz:shape value="{"dashed" if edge.dashed else "solid"}"/></edge>\n'
        )
    out.append("    </edges>\n  </graph>\n</gexf>\n")
    return "".join(out).encode("utf-8")


def _attvalues(out, spec, item):
    out.append("<attvalues>")
    for key, _title, _kind, getter in spec:
        value = getter(item)
        if value is None or value == "":
            continue
        if value is True or value is False:
            value = "true" if value else "false"
        out.append(f'<attvalue for="{key}" value={_q(value)}/>')
    out.append("</attvalues>")


GRAPHML_TYPES = {"string": "string", "boolean": "boolean", "integer": "long"}
GRAPHML_NODE_EXTRA = [
    ("label", "label", "string", lambda n: n.label),
    ("x", "x", "double", lambda n: n.x),
    ("y", "y", "double", lambda n: n.y),
    ("size", "size", "double", lambda n: n.size),
]
GRAPHML_EDGE_EXTRA = [("label", "label", "string", lambda e: e.kind_label)]


def to_graphml(network):
    """GraphML bytes; every attribute is declared with a <key> so readers keep its type."""
    node_spec = [(k, t, GRAPHML_TYPES.get(ty, ty), g) for k, t, ty, g in GRAPHML_NODE_EXTRA + NODE_ATTRIBUTES]
    edge_spec = [(k, t, GRAPHML_TYPES.get(ty, ty), g) for k, t, ty, g in GRAPHML_EDGE_EXTRA + EDGE_ATTRIBUTES]
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n', f'<graphml xmlns="{GRAPHML_NS}">\n']
    for scope, spec in (("node", node_spec), ("edge", edge_spec)):
        for key, title, kind, _getter in spec:
            out.append(f'  <key id="{scope[0]}_{key}" for="{scope}" attr.name={_q(title)} attr.type="{kind}"/>\n')
    out.append('  <graph id="maillage" edgedefault="directed">\n')
    out.append(f"    <desc>{_text(network.caption)}</desc>\n")
    for node in network.nodes:
        out.append(f"    <node{_attrs(id=node_key(node))}>")
        _graphml_data(out, "n", node_spec, node)
        out.append("</node>\n")
    for edge in network.edges:
        out.append(f"    <edge{_attrs(id=edge_key(edge), source=f'a{edge.source}', target=f'a{edge.target}')}>")
        _graphml_data(out, "e", edge_spec, edge)
        out.append("</edge>\n")
    out.append("  </graph>\n</graphml>\n")
    return "".join(out).encode("utf-8")


def _graphml_data(out, prefix, spec, item):
    for key, _title, _kind, getter in spec:
        value = getter(item)
        if value is None or value == "":
            continue
        if value is True or value is False:
            value = "true" if value else "false"
        out.append(f'<data key="{prefix}_{key}">{_text(value)}</data>')


NODE_COLUMNS = ["Id", "Label", "Slug", "ActorType", "ActorTypeLabel", "Color", "External", "Degree", "Department"]
NODE_COLUMNS += ["Url", "X", "Y", "Size"]
EDGE_COLUMNS = ["Source", "Target", "Type", "Id", "Label", "Kind", "Color", "Dashed", "StartYear", "EndYear"]
EDGE_COLUMNS += ["Motivations", "Description", "SourceReference", "SourceNote"]
EDGE_COLUMNS += ["Status", "StatusLabel", "Origin", "DeclaredBy", "StatusSource"]


def _csv_bool(value):
    return "true" if value else "false"


def to_csv(network):
    """(nodes_csv, edges_csv) as text, Gephi's column convention (see the module docstring)."""
    nodes_out = io.StringIO()
    writer = csv.writer(nodes_out, lineterminator="\n")
    writer.writerow(NODE_COLUMNS)
    for n in network.nodes:
        writer.writerow(
            safe_row(
                [node_key(n), n.label, n.slug, n.type_code, n.type_label, n.color, _csv_bool(n.external), n.degree]
                + [n.department, n.url, n.x, n.y, n.size]
            )
        )
    edges_out = io.StringIO()
    writer = csv.writer(edges_out, lineterminator="\n")
    writer.writerow(EDGE_COLUMNS)
    for e in network.edges:
        writer.writerow(
            safe_row(
                [f"a{e.source}", f"a{e.target}", "Directed" if e.directed else "Undirected", edge_key(e), e.kind_label]
                + [e.kind, e.color, _csv_bool(e.dashed), e.start_year or "", e.end_year or ""]
                + [";".join(e.motivations), e.description, e.source_reference, e.source_note]
                + [e.status, e.status_label, e.origin, e.declared_by, e.status_source]
            )
        )
    return nodes_out.getvalue(), edges_out.getvalue()


def to_csv_zip(network, stem="reseau"):
    """A zip holding <stem>-nodes.csv and <stem>-edges.csv (UTF-8 with BOM so spreadsheets read accents)."""
    nodes_csv, edges_csv = to_csv(network)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{stem}-nodes.csv", "\ufeff" + nodes_csv)
        archive.writestr(f"{stem}-edges.csv", "\ufeff" + edges_csv)
    return buffer.getvalue()
