"""GoGoCarto's exports read into records: elements.json (gogofull, gogocompact, JSON-LD) and its CSV.

Read from GoGoCarto's own sources (the server's API controller and element JSON generator, the
GoGoCartoJs element loader), across versions:
- full elements: the id is `id` or `@id`; the name `name` or `title`; the position `geo.latitude`
  / `geo.longitude`, `latitude`/`lat` and `longitude`/`lng`/`long`/`lon`; the address an object
  (`streetAddress`, `addressLocality`, `postalCode`, `addressCountry`) or its JSON text; the
  categories, by version, `categoriesFull` (objects with id and name), `categories` (ids in older
  servers, names in newer ones), `taxonomy`, or `optionValues` (`optionId`); any other key is a
  custom field;
- compact elements: `[id, data, lat, lng, [category ids], status?, moderationState?]` where
  `data` is the name (older servers) or the list of values named by the response's `mapping`;
- the CSV export: `id`, `name`, `categories` (names, comma-separated), `latitude`, `longitude`,
  `streetAddress`, `addressLocality`, `postalCode`, `addressCountry`, then custom fields.
Category ids become names through the taxonomy file (`taxonomy.json`, the options tree) when one
is given; otherwise they stay ids, which a mapping may name too. E-mails and phone numbers are
personal data without a basis for publication here: they are not imported (the report says so).
"""

import json

from django.utils.translation import gettext as _

from maillage.core.text import normalize

from .reading import UnreadableFile, check_count, coordinate, header_index, load_json, sheets, split_values
from .records import ActorRecord, Dataset

PERSONAL_KEYS = {"email", "mail", "courriel", "telephone", "tel", "phone", "portable", "mobile", "owner", "useremail"}
DESCRIPTION_KEYS = ("description", "descriptionMore", "descriptionmore", "presentation")
WEBSITE_KEYS = ("website", "site", "url", "siteweb", "site_web", "webSite")
CORE_KEYS = {
    "id", "@id", "name", "title", "geo", "latitude", "lat", "longitude", "lng", "long", "lon", "address",
    "categories", "categoriesFull", "categoriesDescriptions", "taxonomy", "optionValues", "optionsValues",
    "status", "moderationState", "createdAt", "updatedAt", "sourceKey", "source", "images", "image", "stamps",
    "openHours", "compactJson", "searchScore", "files", "file", "@type", "osmId",
}  # fmt: skip
MAX_TEXT = 20000

CSV_ALIASES = {
    "id": {"id", "identifiant"},
    "name": {"name", "nom", "title", "titre"},
    "categories": {"categories", "categorie", "taxonomy", "optionsstring", "options"},
    "latitude": {"latitude", "lat"},
    "longitude": {"longitude", "lng", "long", "lon"},
    "street": {"streetaddress", "adresse", "address", "rue"},
    "locality": {"addresslocality", "ville", "commune", "localite"},
    "postal_code": {"postalcode", "code postal", "cp"},
    "country": {"addresscountry", "pays"},
}


# --- taxonomy ----------------------------------------------------------------------------------


def taxonomy_names(data):
    """{option id (text): option name} from a GoGoCarto taxonomy file (any of its shapes)."""
    tree = load_json(data) if isinstance(data, (bytes, bytearray)) else data
    names = {}

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if "@graph" in node:
                walk(node["@graph"])
            identifier = node.get("id", node.get("@id"))
            if identifier is not None and node.get("name"):
                names[str(identifier).rsplit("/", 1)[-1]] = str(node["name"])
            for key in ("options", "subcategories", "categories", "children", "data"):
                if key in node:
                    walk(node[key])
            if all(isinstance(v, dict) for v in node.values()) and node:  # the taxonomy-mapping shape
                for key, value in node.items():
                    if value.get("name"):
                        names.setdefault(str(key), str(value["name"]))

    walk(tree)
    return names


# --- elements ----------------------------------------------------------------------------------


def _text(value, limit=MAX_TEXT):
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    return str(value).replace("\x00", "").strip()[:limit]


def _category_values(element):
    """The element's category references, whatever the version called them."""
    for key in ("categoriesFull", "categories", "taxonomy", "optionValues", "optionsValues"):
        if element.get(key):
            return element[key]
    return []


def _category_name(value, taxonomy):
    """A category reference (id, name, [id, index, description], object) as a name when known."""
    if isinstance(value, dict):
        if value.get("name"):
            return str(value["name"])
        value = value.get("id", value.get("optionId", value.get("categoryId", value.get("@id"))))
    elif isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return ""
    text = str(value).rsplit("/", 1)[-1] if str(value).startswith("http") else str(value)
    return taxonomy.get(text, text)


def _address(value):
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {"customFormatedAddress": value}
    return value if isinstance(value, dict) else {}


def _record_from_full(element, rank, taxonomy, dataset):
    geo = element.get("geo") if isinstance(element.get("geo"), dict) else {}
    latitude = coordinate(element.get("latitude", element.get("lat", geo.get("latitude"))), -90, 90)
    longitude = coordinate(
        element.get("longitude", element.get("lng", element.get("long", element.get("lon", geo.get("longitude"))))),
        -180,
        180,
    )
    address = _address(element.get("address"))
    identifier = _text(element.get("id", element.get("@id", "")), 255)
    references = _category_values(element)
    if isinstance(references, str):
        references = split_values(references, "|;,")
    record = ActorRecord(
        line=rank,
        source_id=identifier.rsplit("/", 1)[-1] if identifier.startswith("http") else identifier,
        name=_text(element.get("name") or element.get("title"), 255),
        categories=[name for name in (_category_name(v, taxonomy) for v in references) if name],
        locality=_text(address.get("addressLocality"), 100),
        postal_code=_text(address.get("postalCode"), 10),
        raw={k: v for k, v in element.items() if normalize(k).replace(" ", "") not in PERSONAL_KEYS},
    )
    street = _text(address.get("streetAddress") or address.get("customFormatedAddress"), 255)
    if street:
        record.values["address"] = street
    if latitude is not None and longitude is not None:
        record.values["latitude"], record.values["longitude"] = latitude, longitude
    description = "\n\n".join(_text(element.get(k)) for k in DESCRIPTION_KEYS if _text(element.get(k)))
    if description:
        record.values["description"] = description
    website = next((_text(element.get(k), 500) for k in WEBSITE_KEYS if _text(element.get(k))), "")
    if website:
        record.values["website"] = website
    if _text(element.get("siret")):
        record.values["siret"] = _text(element.get("siret"), 40)  # compacted and checked on import
    dataset.ignored_personal.update(k for k in element if normalize(k).replace(" ", "") in PERSONAL_KEYS and element[k])
    status = element.get("status")
    if isinstance(status, (int, float)) and status < 0:
        record.notes.append(_("élément supprimé ou refusé dans GoGoCarto (statut %(s)s) : ignoré.") % {"s": status})
        record.skip = True
    return record


def _record_from_compact(element, rank, mapping, taxonomy, dataset):
    """[id, data, lat, lng, [categories], status?, moderationState?] through the response's mapping."""
    if len(element) < 5:
        raise UnreadableFile(_("Élément compact n° %(n)d incomplet (5 valeurs au moins).") % {"n": rank})
    names = mapping[1] if len(mapping) > 1 and isinstance(mapping[1], list) else ["name"]
    data = element[1]
    full = {"id": element[0], "latitude": element[2], "longitude": element[3], "categories": element[4]}
    if isinstance(data, list):
        full.update(dict(zip(names, data, strict=False)))
    else:
        full["name"] = data
    if len(element) > 5:
        full["status"] = element[5]
    return _record_from_full(full, rank, taxonomy, dataset)


def _elements(payload):
    """(elements, ontology, mapping) from any of the response shapes."""
    if isinstance(payload, list):
        return payload, "", []
    if not isinstance(payload, dict):
        raise UnreadableFile(_("Le fichier JSON ne contient pas d'éléments GoGoCarto."))
    for key in ("data", "@graph", "elements"):
        if isinstance(payload.get(key), list):
            return payload[key], str(payload.get("ontology", "")).lower(), payload.get("mapping") or []
    if "name" in payload or "title" in payload:
        return [payload], "", []
    raise UnreadableFile(_("Le fichier JSON ne contient pas d'éléments GoGoCarto (clé « data » attendue)."))


def _new_dataset():
    return Dataset(tool="gogocarto")


def _finish(dataset):
    dataset.note_ignored_personal()
    return dataset


def read_json(data, taxonomy=None):
    """A Dataset from GoGoCarto's elements.json (gogofull, gogocompact or JSON-LD)."""
    taxonomy = taxonomy or {}
    dataset = _new_dataset()
    elements, ontology, mapping = _elements(load_json(data))
    check_count(len(elements))
    for rank, element in enumerate(elements, start=1):
        if isinstance(element, dict) and "compactJson" in element:  # Semantic Bus wraps compact values
            element = [element.get("id", ""), *list(element["compactJson"])[1:]]
        if isinstance(element, list):
            record = _record_from_compact(element, rank, mapping, taxonomy, dataset)
        elif isinstance(element, dict):
            record = _record_from_full(element, rank, taxonomy, dataset)
        else:
            raise UnreadableFile(_("Élément n° %(n)d illisible.") % {"n": rank})
        dataset.actors.append(record)
    if ontology == "gogocompact" and not mapping:
        dataset.notes.append(
            _("Format compact sans « mapping » : seuls l'identifiant, le nom et la position sont lus.")
        )
    return _finish(dataset)


def read_csv(data, filename="", taxonomy=None):
    """A Dataset from GoGoCarto's CSV (or XLSX) export of elements."""
    taxonomy = taxonomy or {}
    dataset = _new_dataset()
    (_name, rows), *_rest = sheets(data, filename) or [("", [])]
    if not rows:
        raise UnreadableFile(_("Le fichier est vide."))
    (_line, header), body = rows[0], rows[1:]
    check_count(len(body))
    columns = header_index(header, CSV_ALIASES)
    if "name" not in columns:
        raise UnreadableFile(_("Colonne « name » (nom de l'élément) absente : est-ce un export GoGoCarto ?"))
    known = set(columns.values())
    for line, cells in body:

        def cell(name, cells=cells):
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        element = {header[i]: cells[i] for i in range(min(len(header), len(cells))) if i not in known and header[i]}
        element.update(
            {
                "id": cell("id"),
                "name": cell("name"),
                "latitude": cell("latitude"),
                "longitude": cell("longitude"),
                "address": {
                    "streetAddress": cell("street"),
                    "addressLocality": cell("locality"),
                    "postalCode": cell("postal_code"),
                    "addressCountry": cell("country"),
                },
            }
        )
        record = _record_from_full(element, line, taxonomy, dataset)
        record.categories = [_category_name(v, taxonomy) for v in split_values(cell("categories"), "|;,")]
        dataset.actors.append(record)
    return _finish(dataset)
