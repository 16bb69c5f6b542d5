"""The DCAT catalogue of the published datasets, in JSON-LD (DCAT 2 / DCAT-AP vocabulary).

Harvesters (data.gouv.fr, data.europa.eu, CKAN's DCAT extension) read a `dcat:Catalog` that
lists `dcat:Dataset`s, each with its `dcat:Distribution`s (download URL, media type, format,
licence, last modification, the Table Schema it conforms to), its publisher (a `foaf:Agent`),
its spatial coverage (France, and the bounding box of the published positions as a WKT
polygon) and its last modification. The same URLs as the open-data page and the data package.
"""

from django.db.models import Max, Min
from django.utils import timezone

from maillage.directory.models import Actor
from maillage.network.models import Relation

from .licence import LICENCE_URI

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "locn": "http://www.w3.org/ns/locn#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "gsp": "http://www.opengis.net/ont/geosparql#",
}
IANA = "https://www.iana.org/assignments/media-types/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EU_LANGUAGE_FR = "http://publications.europa.eu/resource/authority/language/FRA"
EU_COUNTRY_FR = "http://publications.europa.eu/resource/authority/country/FRA"


def _text(value, language="fr"):
    return {"@value": str(value), "@language": language}


def _datetime(value):
    return {"@value": value.isoformat(), "@type": "xsd:dateTime"}


def _last_modified(queryset):
    return queryset.aggregate(last=Max("updated_at"))["last"] or timezone.now()


def bounding_box():
    """WKT polygon around the actors' own and commune positions, or None when none is placed."""
    own = Actor.objects.filter(latitude__isnull=False).aggregate(
        s=Min("latitude"), n=Max("latitude"), w=Min("longitude"), e=Max("longitude")
    )
    commune = Actor.objects.filter(latitude__isnull=True, commune__latitude__isnull=False).aggregate(
        s=Min("commune__latitude"), n=Max("commune__latitude"), w=Min("commune__longitude"), e=Max("commune__longitude")
    )
    boxes = [box for box in (own, commune) if box["s"] is not None]
    if not boxes:
        return None
    s = min(b["s"] for b in boxes)
    n = max(b["n"] for b in boxes)
    w = min(b["w"] for b in boxes)
    e = max(b["e"] for b in boxes)
    return f"POLYGON(({w} {s},{e} {s},{e} {n},{w} {n},{w} {s}))"


def distribution(url, *, title, media_type, file_type, modified, schema_url=None):
    item = {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": _text(title),
        "dcat:downloadURL": {"@id": url},
        "dcat:accessURL": {"@id": url},
        "dcat:mediaType": {"@id": IANA + media_type},
        "dct:format": {"@id": EU_FILE_TYPE + file_type},
        "dct:license": {"@id": LICENCE_URI},
        "dct:modified": _datetime(modified),
    }
    if schema_url:
        item["dct:conformsTo"] = {"@id": schema_url}
    return item


def catalogue(urls, *, site_name, publisher_name):
    """The catalogue as a JSON-LD dict. `urls` maps each published file to its absolute URL."""
    actors_modified = _last_modified(Actor.objects.all())
    relations_modified = _last_modified(Relation.objects.all())
    publisher = {"@id": f"{urls['page']}#editeur", "@type": "foaf:Agent", "foaf:name": str(publisher_name)}
    spatial = [{"@id": EU_COUNTRY_FR}]
    box = bounding_box()
    if box:
        spatial.append(
            {"@type": "dct:Location", "dcat:bbox": {"@value": box, "@type": "gsp:wktLiteral"}},
        )
    common = {
        "dct:publisher": {"@id": publisher["@id"]},
        "dct:license": {"@id": LICENCE_URI},
        "dct:language": {"@id": EU_LANGUAGE_FR},
        "dct:spatial": spatial,
        "dcat:landingPage": {"@id": urls["page"]},
    }
    # untranslated: titles and descriptions of published metadata, in French for French portals
    actors = {
        "@id": f"{urls['page']}#acteurs",
        "@type": "dcat:Dataset",
        "dct:identifier": f"{site_name}-acteurs",
        "dct:title": _text(f"Acteurs de l'innovation publique ({site_name})"),
        "dct:description": _text(
            "Acteurs organisés de l'écosystème de l'innovation publique : type, statut, commune, position, "
            "SIRET, cycle de vie, organisation de rattachement. Aucune donnée personnelle."
        ),
        "dcat:keyword": [_text("innovation publique"), _text("laboratoire d'innovation"), _text("acteurs")],
        "dct:modified": _datetime(actors_modified),
        "dct:conformsTo": {"@id": urls["actors_schema"]},
        **common,
        "dcat:distribution": [
            distribution(
                urls["actors_csv"],
                title="acteurs.csv",
                media_type="text/csv",
                file_type="CSV",
                modified=actors_modified,
                schema_url=urls["actors_schema"],
            ),
            distribution(
                urls["actors_geojson"],
                title="acteurs.geojson",
                media_type="application/geo+json",
                file_type="GEOJSON",
                modified=actors_modified,
            ),
        ],
    }
    # untranslated: titles and descriptions of published metadata, in French for French portals
    relations = {
        "@id": f"{urls['page']}#relations",
        "@type": "dcat:Dataset",
        "dct:identifier": f"{site_name}-relations",
        "dct:title": _text(f"Relations entre acteurs de l'innovation publique ({site_name})"),
        "dct:description": _text(
            "Relations orientées entre acteurs (partage d'informations, prestation, collaboration, appartenance, "
            "financement), leurs motivations et leur période. Les identifiants renvoient au jeu des acteurs."
        ),
        "dcat:keyword": [_text("innovation publique"), _text("réseau"), _text("relations")],
        "dct:modified": _datetime(relations_modified),
        "dct:conformsTo": {"@id": urls["relations_schema"]},
        **common,
        "dcat:distribution": [
            distribution(
                urls["relations_csv"],
                title="relations.csv",
                media_type="text/csv",
                file_type="CSV",
                modified=relations_modified,
                schema_url=urls["relations_schema"],
            ),
        ],
    }
    # untranslated: titles and descriptions of published metadata, in French for French portals
    return {
        "@context": CONTEXT,
        "@id": urls["catalogue"],
        "@type": "dcat:Catalog",
        "dct:title": _text(f"Données ouvertes de {site_name}"),
        "dct:description": _text(
            "Catalogue des jeux de données ouverts publiés par ce site : acteurs de l'innovation publique et "
            "relations entre eux, décrits par des schémas de données (Table Schema)."
        ),
        "dct:publisher": publisher,
        "dct:license": {"@id": LICENCE_URI},
        "dct:language": {"@id": EU_LANGUAGE_FR},
        "dct:modified": _datetime(max(actors_modified, relations_modified)),
        "foaf:homepage": {"@id": urls["page"]},
        "dcat:dataset": [actors, relations],
    }
