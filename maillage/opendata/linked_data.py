"""schema.org `Organization` of an actor, as a JSON-LD data block on its fiche.

Search engines and linked-data tools read it (Google's structured data, Wikidata's tools,
the European data portal's harvesters). It says what the fiche says about the organisation:
name, other names, description, the fiche's URL, the website as `sameAs`, the postal address
(commune, postal code when the commune has only one, région, country), the position, the parent
organisation, the SIRET (as an ISO 6523 identifier, scheme 0009 = SIRET) and the years of
creation and end. No person appears in it, consented or not.

The block is JSON inside HTML: `<`, `>` and `&` are written as \\u escapes, so no user text can
close the `<script>` element or open a comment (the same escaping as Django's `json_script`).
A `<script type="application/ld+json">` is a data block, not a script: the browser never runs
it, so it needs no CSP exception.
"""

import json

from django.utils.safestring import mark_safe

SCHEMA_ORG = "https://schema.org"
JSON_IN_HTML_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
SIRET_ISO6523_SCHEME = "0009"


def organization(actor, absolute):
    """The actor as a schema.org Organization (a dict). `absolute(path)` makes an absolute URL."""
    fiche = absolute(actor.get_absolute_url())
    data = {
        "@context": SCHEMA_ORG,
        "@type": "Organization",
        "@id": f"{fiche}#organisation",
        "name": actor.display_name,
        "url": fiche,
    }
    if actor.display_name != actor.name:
        data["alternateName"] = [actor.name, *actor.aliases]
    elif actor.aliases:
        data["alternateName"] = list(actor.aliases)
    description = actor.missions or actor.description
    if description:
        data["description"] = description
    if actor.website:
        data["sameAs"] = [actor.website]
    if actor.siret:
        data["iso6523Code"] = f"{SIRET_ISO6523_SCHEME}:{actor.siret}"
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "SIRET", "value": actor.siret}
    if actor.founded_year:
        data["foundingDate"] = str(actor.founded_year)
    if actor.ended_year:
        data["dissolutionDate"] = str(actor.ended_year)
    address = _address(actor)
    if address:
        data["address"] = address
    coordinates = actor.coordinates
    if coordinates:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": coordinates[0], "longitude": coordinates[1]}
    if actor.parent_id:
        parent = actor.parent
        data["parentOrganization"] = {
            "@type": "Organization",
            "@id": f"{absolute(parent.get_absolute_url())}#organisation",
            "name": parent.name,
            "url": absolute(parent.get_absolute_url()),
        }
    return data


def _address(actor):
    if not actor.commune_id and not actor.address:
        return None
    address = {"@type": "PostalAddress", "addressCountry": "FR"}
    if actor.address:
        address["streetAddress"] = actor.address
    if actor.commune_id:
        commune = actor.commune
        address["addressLocality"] = commune.name
        postal_codes = commune.postal_codes.split()
        if len(postal_codes) == 1:  # a city with several codes: the right one is unknown
            address["postalCode"] = postal_codes[0]
        if actor.region_id:
            address["addressRegion"] = actor.region.name
    return address


def json_for_html(data):
    """JSON that is safe inside an HTML <script> element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_IN_HTML_ESCAPES)


def script_block(data):
    return mark_safe(f'<script type="application/ld+json">{json_for_html(data)}</script>')  # noqa: S308 - escaped


def actor_panel(request, actor):
    """The fiche's JSON-LD block (registered in ACTOR_FICHE_PANELS)."""
    return script_block(organization(actor, request.build_absolute_uri))
