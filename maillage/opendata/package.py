"""The Data Package (frictionless) that ties the two published files to their schemas.

`frictionless validate datapackage.json` checks both files, each against its Table Schema, and
the foreign keys between them (a relation's `id_source`/`id_cible` must be an actor's `id`, an
actor's `id_parent` another actor's).
"""

from .licence import LICENCE
from .schemas import SCHEMA_VERSION


def datapackage(urls, *, site_name):
    # untranslated: metadata of a published file format, in French for French portals
    return {
        "$schema": "https://frictionlessdata.io/schemas/tabular-data-package.json",
        "profile": "tabular-data-package",
        "name": f"{site_name.lower()}-innovation-publique",
        "title": f"Acteurs et relations de l'innovation publique ({site_name})",
        "description": "Acteurs organisés de l'innovation publique et relations entre eux, publiés par ce site.",
        "homepage": urls["page"],
        "version": SCHEMA_VERSION,
        "licenses": [dict(LICENCE)],
        "resources": [
            {
                "name": "acteurs",
                "title": "Acteurs",
                "path": urls["actors_csv"],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": urls["actors_schema"],
            },
            {
                "name": "relations",
                "title": "Relations",
                "path": urls["relations_csv"],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": urls["relations_schema"],
            },
        ],
    }
