"""GeoJSON (RFC 7946) of the actors a shared filter selects, for QGIS, uMap and other GIS tools.

A FeatureCollection of Points in WGS84 with [longitude, latitude] order and no `crs` member
(RFC 7946 §4: the CRS is always WGS84). Each actor is placed on its own point when known,
else on its commune's (`precision_geo` says which); an actor with neither has no place on a map
and is left out (RFC 7946 allows null geometries, but QGIS and uMap drop or choke on them).
Properties are flat scalars with the same names as the columns of acteurs.csv, so a layer
joins the published table; no person is included.
"""

from maillage.directory.naming import display_name

from . import tables

PROPERTIES = (
    "id",
    "nom",
    "nom_complet",
    "siret",
    "type",
    "type_libelle",
    "statut",
    "portee",
    "cycle_de_vie",
    "annee_creation",
    "annee_fin",
    "code_insee",
    "commune",
    "precision_geo",
    "site_web",
    "url",
    "date_maj",
)


def feature(actor, fiche_url):
    """The actor's Feature, or None when it has no position."""
    latitude, longitude, precision = tables._coordinates(actor)
    if latitude is None:
        return None
    parent_name = actor.parent.name if actor.parent_id else None
    properties = {
        "id": actor.slug,
        "nom": actor.name,
        "nom_complet": display_name(actor.name, parent_name),
        "siret": actor.siret or None,
        "type": actor.primary_type_id,
        "type_libelle": str(actor.primary_type.label),
        "statut": actor.legal_status,
        "portee": actor.scope,
        "cycle_de_vie": actor.lifecycle,
        "annee_creation": actor.founded_year,
        "annee_fin": actor.ended_year,
        "code_insee": actor.commune.code if actor.commune_id else None,
        "commune": actor.commune.name if actor.commune_id else None,
        "precision_geo": precision,
        "site_web": actor.website or None,
        "url": fiche_url(actor.slug),
        "date_maj": actor.updated_at.date().isoformat(),
    }
    return {
        "type": "Feature",
        "id": actor.slug,
        "geometry": {"type": "Point", "coordinates": [round(longitude, 6), round(latitude, 6)]},
        "properties": properties,
    }


def feature_collection(actors, fiche_url):
    """The FeatureCollection of `actors` (a queryset); actors without a position are left out."""
    queryset = actors.select_related("primary_type", "commune", "parent").order_by("name", "pk")
    features = (feature(actor, fiche_url) for actor in queryset.iterator(chunk_size=2000))
    return {"type": "FeatureCollection", "features": [item for item in features if item is not None]}
