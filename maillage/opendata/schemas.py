"""The Table Schemas (frictionless) of the published actors and relations files.

They follow the conventions of schema.data.gouv.fr: snake_case French column names, a stable
`id`, French titles and descriptions with an example for every field, `code_insee`, WGS84
`latitude`/`longitude` in decimal degrees, ISO 8601 `date_maj`, several values in one cell
separated by `|` (a string whose `pattern` lists the allowed values, as validata checks them),
`missingValues: [""]`, and the metadata data.gouv.fr reads (title, version, contributors,
licences, homepage, resources).

Every enumeration is built from the code's own choices (`ActorTypeCode`, `LegalStatus`,
`Scope`, `Lifecycle`, `RelationKind`, `MotivationCode`), so a schema cannot drift from what the
site stores; the published files are written from the same column lists (`tables.py`).
Bump `SCHEMA_VERSION` when a column or an enumeration changes.
"""

import re

from django.utils import translation

from maillage.directory.models import YEAR_MAX, YEAR_MIN, ActorTypeCode, LegalStatus, Lifecycle, Scope
from maillage.directory.siret import SIRET_PATTERN
from maillage.network.models import MotivationCode, RelationKind

from .licence import LICENCE

SCHEMA_VERSION = "1.0.0"
SCHEMA_CREATED = "2026-11-30"
TABLE_SCHEMA_PROFILE = "https://frictionlessdata.io/schemas/table-schema.json"
MULTIPLE_SEPARATOR = "|"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
INSEE_PATTERN = r"^(?:[0-9]{5}|2[AB][0-9]{3})$"


def choices_in_french(choices):
    """(code, French label) pairs: the schemas describe the codes in French whatever the request's language."""
    with translation.override("fr"):
        return [(value, str(label)) for value, label in choices.choices]


def enum_description(intro, choices):
    listed = " ; ".join(f"`{value}` : {label}" for value, label in choices_in_french(choices))
    return f"{intro} Valeurs possibles : {listed}."


def multiple_pattern(choices):
    """A cell of zero or more codes separated by `|`, in any order (schema.data.gouv.fr's way)."""
    alternatives = "|".join(re.escape(value) for value in choices.values)
    return rf"^(?:(?:{alternatives})(?:\|(?:{alternatives}))*)?$"


def year_field(name, title, description, example):
    return {
        "name": name,
        "title": title,
        "description": description,
        "example": example,
        "type": "integer",
        "constraints": {"required": False, "minimum": YEAR_MIN, "maximum": YEAR_MAX},
    }


def _metadata(name, title, description, urls):
    # untranslated: the schema is a published file format, in French as schema.data.gouv.fr asks
    return {
        "$schema": TABLE_SCHEMA_PROFILE,
        "name": name,
        "title": title,
        "description": description,
        "countryCode": "FR",
        "homepage": urls.get("homepage", ""),
        "path": urls.get("path", ""),
        "created": SCHEMA_CREATED,
        "lastModified": SCHEMA_CREATED,
        "version": SCHEMA_VERSION,
        "contributors": [
            {"title": "Équipe Maillage", "role": "author"},
        ],
        "licenses": [dict(LICENCE)],
        "missingValues": [""],
    }


def actor_fields():
    """The columns of acteurs.csv, in order."""
    # untranslated: titles and descriptions of a published file format (French, schema.data.gouv.fr)
    return [
        {
            "name": "id",
            "title": "Identifiant",
            "description": "Identifiant stable de l'acteur dans Maillage (il ne change pas quand le nom change).",
            "example": "ville-de-clermont-ferrand",
            "type": "string",
            "constraints": {"required": True, "unique": True, "pattern": SLUG_PATTERN},
        },
        {
            "name": "nom",
            "title": "Nom",
            "description": "Nom propre de l'organisation ou du service.",
            "example": "Direction Innovation et Participation",
            "type": "string",
            "constraints": {"required": True, "maxLength": 255},
        },
        {
            "name": "nom_complet",
            "title": "Nom complet",
            "description": "Nom affiché : le nom, suivi de celui de l'organisation de rattachement "
            "quand il ne suffit pas seul.",
            "example": "Direction Innovation et Participation (Ville de Clermont-Ferrand)",
            "type": "string",
            "constraints": {"required": True},
        },
        {
            "name": "siret",
            "title": "SIRET",
            "description": "Numéro SIRET de l'établissement (14 chiffres, clé de Luhn ; règle propre à La Poste), "
            "s'il est connu.",
            "example": "35600000000048",
            "type": "string",
            "constraints": {"required": False, "pattern": SIRET_PATTERN},
        },
        {
            "name": "type",
            "title": "Type d'acteur",
            "description": enum_description(
                "Type principal dans la typologie des acteurs organisés (rapport TIPs, section 2.2.1).", ActorTypeCode
            ),
            "example": ActorTypeCode.LAB.value,
            "type": "string",
            "constraints": {"required": True, "enum": list(ActorTypeCode.values)},
        },
        {
            "name": "types_secondaires",
            "title": "Autres types",
            "description": enum_description("Autres types de l'acteur, séparés par `|`.", ActorTypeCode),
            "example": f"{ActorTypeCode.NETWORK.value}|{ActorTypeCode.PROMOTION.value}",
            "type": "string",
            "constraints": {"required": False, "pattern": multiple_pattern(ActorTypeCode)},
        },
        {
            "name": "statut",
            "title": "Statut administratif",
            "description": enum_description("Statut administratif de l'organisation.", LegalStatus),
            "example": LegalStatus.COLLECTIVITE.value,
            "type": "string",
            "constraints": {"required": True, "enum": list(LegalStatus.values)},
        },
        {
            "name": "portee",
            "title": "Portée",
            "description": enum_description("Échelle à laquelle l'acteur agit.", Scope),
            "example": Scope.LOCAL.value,
            "type": "string",
            "constraints": {"required": True, "enum": list(Scope.values)},
        },
        {
            "name": "cycle_de_vie",
            "title": "Cycle de vie",
            "description": enum_description("Étape du cycle de vie de l'acteur.", Lifecycle),
            "example": Lifecycle.ACTIVE.value,
            "type": "string",
            "constraints": {"required": True, "enum": list(Lifecycle.values)},
        },
        year_field("annee_creation", "Année de création", "Année de création de l'acteur, si connue.", 2016),
        year_field("annee_fin", "Année de fin", "Année de disparition de l'acteur, si connue.", 2021),
        {
            "name": "code_insee",
            "title": "Code INSEE de la commune",
            "description": "Code officiel géographique (INSEE) de la commune où l'acteur est situé.",
            "example": "63113",
            "type": "string",
            "constraints": {"required": False, "pattern": INSEE_PATTERN},
        },
        {
            "name": "commune",
            "title": "Commune",
            "description": "Nom de la commune, selon le code officiel géographique.",
            "example": "Clermont-Ferrand",
            "type": "string",
            "constraints": {"required": False},
        },
        {
            "name": "code_departement",
            "title": "Code du département",
            "description": "Code INSEE du département de la commune.",
            "example": "63",
            "type": "string",
            "constraints": {"required": False, "pattern": r"^(?:[0-9]{2}|2[AB]|97[0-9])$"},
        },
        {
            "name": "code_region",
            "title": "Code de la région",
            "description": "Code INSEE de la région de la commune.",
            "example": "84",
            "type": "string",
            "constraints": {"required": False, "pattern": r"^[0-9]{2}$"},
        },
        {
            "name": "adresse",
            "title": "Adresse",
            "description": "Adresse postale de l'acteur, si elle est publique.",
            "example": "10 rue Philippe-Marcombes",
            "type": "string",
            "constraints": {"required": False},
        },
        {
            "name": "latitude",
            "title": "Latitude",
            "description": "Latitude en degrés décimaux (WGS84, EPSG:4326) : le point exact s'il est connu, "
            "sinon celui de la commune (voir `precision_geo`).",
            "example": 45.7772,
            "type": "number",
            "constraints": {"required": False, "minimum": -90, "maximum": 90},
        },
        {
            "name": "longitude",
            "title": "Longitude",
            "description": "Longitude en degrés décimaux (WGS84, EPSG:4326).",
            "example": 3.087,
            "type": "number",
            "constraints": {"required": False, "minimum": -180, "maximum": 180},
        },
        {
            "name": "precision_geo",
            "title": "Précision de la position",
            "description": "`exacte` : point propre à l'acteur ; `commune` : point de sa commune ; "
            "vide : position inconnue.",
            "example": "commune",
            "type": "string",
            "constraints": {"required": False, "enum": ["exacte", "commune"]},
        },
        {
            "name": "site_web",
            "title": "Site web",
            "description": "Adresse du site web de l'acteur.",
            "example": "https://clermont-ferrand.fr/",
            "type": "string",
            "format": "uri",
            "constraints": {"required": False},
        },
        {
            "name": "missions",
            "title": "Missions",
            "description": "Missions de l'acteur, en texte libre.",
            "example": "Accompagner les services dans la conception de politiques publiques avec les usagers.",
            "type": "string",
            "constraints": {"required": False},
        },
        {
            "name": "etiquettes",
            "title": "Méthodes et thèmes",
            "description": "Méthodes et thèmes de l'acteur (identifiants), séparés par `|`.",
            "example": "design-de-services|participation-citoyenne",
            "type": "string",
            "constraints": {"required": False, "pattern": r"^(?:[a-z0-9-]+(?:\|[a-z0-9-]+)*)?$"},
        },
        {
            "name": "id_parent",
            "title": "Organisation de rattachement",
            "description": "Identifiant (`id`) de l'organisation dont l'acteur est un service, dans ce même fichier.",
            "example": "ville-de-clermont-ferrand",
            "type": "string",
            "constraints": {"required": False, "pattern": SLUG_PATTERN},
        },
        {
            "name": "url",
            "title": "Fiche",
            "description": "Adresse de la fiche de l'acteur sur le site.",
            "example": "https://maillage.example.org/acteurs/ville-de-clermont-ferrand/",
            "type": "string",
            "format": "uri",
            "constraints": {"required": True},
        },
        {
            "name": "date_maj",
            "title": "Date de mise à jour",
            "description": "Date de la dernière modification de la fiche (ISO 8601, AAAA-MM-JJ).",
            "example": "2026-11-30",
            "type": "date",
            "format": "%Y-%m-%d",
            "constraints": {"required": True},
        },
    ]


def relation_fields():
    """The columns of relations.csv, in order."""
    # untranslated: titles and descriptions of a published file format (French, schema.data.gouv.fr)
    return [
        {
            "name": "id",
            "title": "Identifiant",
            "description": "Identifiant stable de la relation dans Maillage.",
            "example": 12,
            "type": "integer",
            "constraints": {"required": True, "unique": True, "minimum": 1},
        },
        {
            "name": "id_source",
            "title": "Acteur source",
            "description": "Identifiant (`id` du fichier des acteurs) de l'acteur d'où part la relation "
            "(le prestataire, le membre, le financeur).",
            "example": "ville-de-clermont-ferrand",
            "type": "string",
            "constraints": {"required": True, "pattern": SLUG_PATTERN},
        },
        {
            "name": "id_cible",
            "title": "Acteur cible",
            "description": "Identifiant (`id` du fichier des acteurs) de l'acteur où arrive la relation.",
            "example": "cisca",
            "type": "string",
            "constraints": {"required": True, "pattern": SLUG_PATTERN},
        },
        {
            "name": "nom_source",
            "title": "Nom de l'acteur source",
            "description": "Nom affiché de l'acteur source, pour lire le fichier sans jointure.",
            "example": "Ville de Clermont-Ferrand",
            "type": "string",
            "constraints": {"required": True},
        },
        {
            "name": "nom_cible",
            "title": "Nom de l'acteur cible",
            "description": "Nom affiché de l'acteur cible.",
            "example": "Centre d'Innovations Sociales Clermont Auvergne",
            "type": "string",
            "constraints": {"required": True},
        },
        {
            "name": "type",
            "title": "Type de relation",
            "description": enum_description("Nature de la relation (rapport TIPs, section 3.1).", RelationKind),
            "example": RelationKind.COLLABORATION.value,
            "type": "string",
            "constraints": {"required": True, "enum": list(RelationKind.values)},
        },
        {
            "name": "motivations",
            "title": "Motivations",
            "description": enum_description("Motivations de la relation, séparées par `|`.", MotivationCode),
            "example": f"{MotivationCode.EXPERTISE.value}|{MotivationCode.LEGITIMITE.value}",
            "type": "string",
            "constraints": {"required": False, "pattern": multiple_pattern(MotivationCode)},
        },
        year_field("annee_debut", "Année de début", "Année où la relation a commencé, si connue.", 2019),
        year_field("annee_fin", "Année de fin", "Année où la relation a pris fin, si elle a pris fin.", 2022),
        {
            "name": "description",
            "title": "Description",
            "description": "Ce que recouvre la relation, en texte libre.",
            "example": "Accompagnement d'un projet de participation citoyenne.",
            "type": "string",
            "constraints": {"required": False},
        },
        {
            "name": "source",
            "title": "Source",
            "description": "D'où vient l'information (document, section).",
            "example": "Rapport TIPs, section 3.2",
            "type": "string",
            "constraints": {"required": False},
        },
        {
            "name": "date_maj",
            "title": "Date de mise à jour",
            "description": "Date de la dernière modification de la relation (ISO 8601, AAAA-MM-JJ).",
            "example": "2026-11-30",
            "type": "date",
            "format": "%Y-%m-%d",
            "constraints": {"required": True},
        },
    ]


def actor_schema(urls):
    """The actors' schema; `urls` gives its `homepage` (the open-data page) and `path` (its own URL)."""
    # untranslated: metadata of a published file format
    schema = _metadata(
        "maillage-acteurs",
        "Acteurs de l'écosystème de l'innovation publique",
        "Acteurs organisés (cellules d'innovation, acteurs de promotion et d'accompagnement, faiseurs "
        "d'intermédiation, structures de formation-recherche, prestataires, réseaux) : type, statut, "
        "localisation, SIRET, cycle de vie. Une ligne par acteur. Aucune personne n'y figure.",
        urls,
    )
    schema["fields"] = actor_fields()
    schema["primaryKey"] = "id"
    schema["foreignKeys"] = [{"fields": "id_parent", "reference": {"resource": "", "fields": "id"}}]
    return schema


def relation_schema(urls):
    """The relations' schema; its foreign keys name the `acteurs` resource of the data package."""
    # untranslated: metadata of a published file format
    schema = _metadata(
        "maillage-relations",
        "Relations entre acteurs de l'innovation publique",
        "Relations orientées entre acteurs organisés (partage d'informations, prestation, collaboration, "
        "appartenance, financement), avec leurs motivations et leur période. Une ligne par relation ; "
        "les identifiants renvoient au fichier des acteurs.",
        urls,
    )
    schema["fields"] = relation_fields()
    schema["primaryKey"] = "id"
    schema["foreignKeys"] = [
        {"fields": "id_source", "reference": {"resource": "acteurs", "fields": "id"}},
        {"fields": "id_cible", "reference": {"resource": "acteurs", "fields": "id"}},
    ]
    return schema


def column_names(schema):
    return [field["name"] for field in schema["fields"]]
