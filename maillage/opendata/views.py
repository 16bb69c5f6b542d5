"""The open-data page and the published files, at stable French URLs (see urls.py)."""

import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from maillage.directory.filtering import ActorFilters
from maillage.directory.models import SLUG_PLACEHOLDER, Actor, actor_url_template
from maillage.network.models import Relation

from . import catalogue, geojson, package, schemas, tables
from .licence import CODE_LICENCE, LICENCE

URL_NAMES = {
    "page": "opendata:index",
    "actors_csv": "opendata:actors_csv",
    "relations_csv": "opendata:relations_csv",
    "actors_schema": "opendata:actors_schema",
    "relations_schema": "opendata:relations_schema",
    "actors_geojson": "opendata:actors_geojson",
    "datapackage": "opendata:datapackage",
    "catalogue": "opendata:catalogue",
}


def published_urls(request):
    """Absolute URLs of the published files: always the French (unprefixed) ones, the stable addresses."""
    with translation.override(settings.LANGUAGE_CODE):
        return {key: request.build_absolute_uri(reverse(name)) for key, name in URL_NAMES.items()}


def fiche_urls(request):
    """slug -> absolute URL of the French fiche, without one reverse() per actor."""
    with translation.override(settings.LANGUAGE_CODE):
        template = request.build_absolute_uri(actor_url_template())
    return lambda slug: template.replace(SLUG_PLACEHOLDER, slug)


def _json(data, content_type="application/json"):
    return JsonResponse(data, content_type=content_type, json_dumps_params={"ensure_ascii": False, "indent": 2})


def index(request):
    urls = published_urls(request)
    # untranslated: file names and a format's name
    files = {
        "actors_csv": "acteurs.csv",
        "relations_csv": "relations.csv",
        "actors_geojson": "acteurs.geojson",
        "actors_schema": "acteurs.json",
        "relations_schema": "relations.json",
        "schema_kind": f"Table Schema, version {schemas.SCHEMA_VERSION}",
    }
    context = {
        "urls": urls,
        "files": files,
        "licence": LICENCE,
        "code_licence": CODE_LICENCE,
        "actor_count": Actor.objects.count(),
        "relation_count": Relation.objects.count(),
        "actor_fields": schemas.actor_fields(),
        "relation_fields": schemas.relation_fields(),
        "schema_version": schemas.SCHEMA_VERSION,
        "directory_url": reverse("directory:actor_list"),
        "map_url": reverse("cartography:map"),
    }
    return render(request, "opendata/index.html", context)


def actors_schema(request):
    urls = published_urls(request)
    return _json(schemas.actor_schema({"homepage": urls["page"], "path": urls["actors_schema"]}))


def relations_schema(request):
    urls = published_urls(request)
    return _json(schemas.relation_schema({"homepage": urls["page"], "path": urls["relations_schema"]}))


def _csv_response(lines, filename):
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def actors_csv(request):
    return _csv_response(tables.actor_lines(fiche_urls(request)), "acteurs.csv")


def relations_csv(request):
    return _csv_response(tables.relation_lines(), "relations.csv")


def datapackage(request):
    return _json(package.datapackage(published_urls(request), site_name=settings.SITE_NAME))


def catalogue_jsonld(request):
    data = catalogue.catalogue(
        published_urls(request), site_name=settings.SITE_NAME, publisher_name=settings.SITE_OPERATOR
    )
    return _json(data, content_type="application/ld+json")


def actors_geojson(request):
    """The actors the shared query string selects (as on the map and in the directory), as RFC 7946 GeoJSON."""
    filters = ActorFilters.from_query(request.GET)
    collection = geojson.feature_collection(filters.actors(), fiche_urls(request))
    response = HttpResponse(
        json.dumps(collection, ensure_ascii=False, separators=(",", ":")), content_type="application/geo+json"
    )
    response["Content-Disposition"] = 'attachment; filename="acteurs.geojson"'
    return response
