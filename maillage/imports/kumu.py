"""Kumu's data read into records: the spreadsheet (XLSX or CSV) and the JSON blueprint.

From Kumu's import guides: an elements sheet starts with `Label` (or `ID` then `Label`) and may
have `Type`, `Description`, `Tags` and any custom column; a connections sheet starts with `From`
and `To` (or `ID`, `From`, `To`) and may have `Type`, `Direction` (directed, undirected, mutual),
`Label`, `Description`, `Tags`, `Strength`. Several values in a cell are separated by `|`; a `To`
cell naming several elements draws one connection to each. Sheets whose name contains
"(ignore)" are skipped. Without an ID column, Kumu tells elements apart by Label (and Type when
there is one), and connections refer to elements by label; with IDs, connections use the ids.
The JSON blueprint holds `elements` and `connections`, either flat (`label`, `type`, `tags`…) or,
as Kumu exports it, with an `_id` and the fields under `attributes` (`label`, `element type`,
`connection type`…).
"""

from django.utils.translation import gettext as _

from maillage.core.text import normalize

from .reading import UnreadableFile, check_count, coordinate, header_index, load_json, sheets, split_values, year
from .records import ActorRecord, Dataset, RelationRecord

PERSONAL = {"email", "e mail", "mail", "courriel", "phone", "telephone", "tel", "mobile", "portable"}
ELEMENT_ALIASES = {
    "id": {"id"},
    "label": {"label", "nom", "name"},
    "type": {"type", "element type"},
    "description": {"description"},
    "tags": {"tags", "tag", "etiquettes"},
    "website": {"website", "url", "site", "site web", "web"},
    "locality": {"city", "ville", "commune", "locality"},
    "postal_code": {"postal code", "zip", "code postal"},
    "address": {"address", "adresse"},
    "latitude": {"latitude", "lat"},
    "longitude": {"longitude", "lng", "lon", "long"},
    "insee": {"insee", "code insee"},
    "siret": {"siret"},
}
CONNECTION_ALIASES = {
    "id": {"id"},
    "from": {"from", "de", "source"},
    "to": {"to", "vers", "target", "cible"},
    "type": {"type", "connection type"},
    "direction": {"direction"},
    "label": {"label"},
    "description": {"description"},
    "start": {"start", "start date", "debut", "date de debut", "since", "depuis", "annee de debut"},
    "end": {"end", "end date", "fin", "date de fin", "annee de fin"},
}


def _is_ignored(sheet_name):
    return "(ignore)" in sheet_name.lower()


def _kind_of_sheet(name, header):
    first = [normalize(h) for h in header[:3]]
    if first[:2] == ["from", "to"] or first[1:3] == ["from", "to"]:
        return "connections"
    if first[:1] == ["label"] or first[:2] == ["id", "label"]:
        return "elements"
    key = normalize(name)
    if key.startswith(("connection", "connexion", "relation")):
        return "connections"
    if key.startswith(("element", "acteur")):
        return "elements"
    return None


def _element_record(fields, line, custom, dataset):
    label = str(fields.get("label") or "").strip()
    element_type = str(fields.get("type") or "").strip()
    identifier = str(fields.get("id") or "").strip()
    record = ActorRecord(
        line=line,
        # Kumu's own rule: the ID when there is one, else Label + Type, else Label.
        source_id=identifier or (f"{label}|{element_type}" if element_type else label),
        name=label[:255],
        categories=split_values(element_type),
        tags=split_values(fields.get("tags")),
        locality=str(fields.get("locality") or "")[:100],
        postal_code=str(fields.get("postal_code") or "")[:10],
        insee=str(fields.get("insee") or "")[:5],
        raw={k: v for k, v in {**custom, **fields}.items() if normalize(k) not in PERSONAL},
    )
    for name in ("description", "website", "address", "siret"):
        if fields.get(name):
            record.values[name] = str(fields[name]).strip()
    latitude = coordinate(fields.get("latitude"), -90, 90)
    longitude = coordinate(fields.get("longitude"), -180, 180)
    if latitude is not None and longitude is not None:
        record.values["latitude"], record.values["longitude"] = latitude, longitude
    dataset.ignored_personal.update(k for k, v in custom.items() if normalize(k) in PERSONAL and v)
    return record


def _connection_records(fields, line):
    """One record per target (a `To` cell may name several elements, separated by |)."""
    targets = split_values(fields.get("to"))
    identifier = str(fields.get("id") or "").strip()
    records = []
    for target in targets:
        record = RelationRecord(
            line=line,
            source_id=f"{identifier}|{target}" if identifier and len(targets) > 1 else identifier,
            from_ref=str(fields.get("from") or "").strip(),
            to_ref=target,
            kind=" ".join(split_values(fields.get("type"))),
            direction=normalize(fields.get("direction") or ""),
            raw={k: v for k, v in fields.items() if v not in (None, "")},
        )
        description = " — ".join(str(fields[k]) for k in ("label", "description") if fields.get(k))
        if description:
            record.values["description"] = description
        for name, key in (("start_year", "start"), ("end_year", "end")):
            if year(fields.get(key)):
                record.values[name] = year(fields.get(key))
        records.append(record)
    return records


def _by_header(header, cells, aliases):
    columns = header_index(header, aliases)
    fields = {name: cells[index] for name, index in columns.items() if index < len(cells)}
    known = set(columns.values())
    custom = {header[i]: cells[i] for i in range(min(len(header), len(cells))) if i not in known and header[i]}
    return fields, custom


def read_spreadsheet(data, filename=""):
    """A Dataset from a Kumu workbook (Elements and Connections sheets) or one CSV sheet of either."""
    dataset = Dataset(tool="kumu")
    for name, rows in sheets(data, filename):
        if not rows:
            continue
        if _is_ignored(name):
            dataset.notes.append(_("Feuille « %(s)s » ignorée, comme le fait Kumu.") % {"s": name})
            continue
        (_line, header), body = rows[0], rows[1:]
        kind = _kind_of_sheet(name, header)
        if kind is None:
            dataset.notes.append(
                _("Feuille « %(s)s » ignorée : ni éléments (Label) ni connexions (From, To).") % {"s": name or filename}
            )
            continue
        check_count(len(body) + len(dataset.actors))
        for line, cells in body:
            # Each sheet numbers its own lines: the report names the sheet (a CSV has none).
            if kind == "elements":
                fields, custom = _by_header(header, cells, ELEMENT_ALIASES)
                if not any(fields.values()):
                    continue
                record = _element_record(fields, line, custom, dataset)
                record.sheet = name
                dataset.actors.append(record)
            else:
                fields, _custom = _by_header(header, cells, CONNECTION_ALIASES)
                records = _connection_records(fields, line)
                for record in records:
                    record.sheet = name
                dataset.relations.extend(records)
    if not dataset.actors and not dataset.relations:
        raise UnreadableFile(
            _("Aucune feuille Kumu reconnue (Label pour les éléments, From et To pour les connexions).")
        )
    dataset.note_ignored_personal()
    return dataset


def _flatten(item):
    """A blueprint item as {lower-case key: value}, attributes (Kumu's export) merged in."""
    flat = {str(k).lower(): v for k, v in item.items() if k != "attributes"}
    for key, value in (item.get("attributes") or {}).items():
        flat.setdefault(str(key).lower(), value)
    if "_id" in flat:
        flat.setdefault("id", flat["_id"])
    return flat


def _pick(flat, aliases):
    fields, custom = {}, {}
    for key, value in flat.items():
        name = next((n for n, names in aliases.items() if normalize(key) in names), None)
        if name and name not in fields:
            fields[name] = value
        elif key not in {"_id", "attributes"}:
            custom[key] = value
    return fields, custom


def read_blueprint(data):
    """A Dataset from a Kumu JSON blueprint (flat, or exported with `attributes`)."""
    payload = load_json(data)
    if not isinstance(payload, dict) or not ({"elements", "connections"} & set(payload)):
        raise UnreadableFile(_("Le fichier JSON n'est pas un blueprint Kumu (clés « elements » et « connections »)."))
    elements = payload.get("elements") or []
    connections = payload.get("connections") or []
    check_count(len(elements))
    dataset = Dataset(tool="kumu")
    for rank, item in enumerate(elements, start=1):
        if not isinstance(item, dict):
            raise UnreadableFile(_("Élément n° %(n)d illisible.") % {"n": rank})
        fields, custom = _pick(_flatten(item), ELEMENT_ALIASES)
        if isinstance(fields.get("type"), list):
            fields["type"] = "|".join(str(v) for v in fields["type"])
        dataset.actors.append(_element_record(fields, rank, custom, dataset))
    for rank, item in enumerate(connections, start=1):
        if not isinstance(item, dict):
            raise UnreadableFile(_("Connexion n° %(n)d illisible.") % {"n": rank})
        fields, _custom = _pick(_flatten(item), CONNECTION_ALIASES)
        if isinstance(fields.get("to"), list):
            fields["to"] = "|".join(str(v) for v in fields["to"])
        dataset.relations.extend(_connection_records(fields, rank))
    dataset.note_ignored_personal()
    return dataset
