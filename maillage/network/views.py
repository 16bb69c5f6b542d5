"""Network views: the page, its graph JSON, the accessible table, exports and figures."""

import gzip

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify
from django.utils.translation import gettext as _

from maillage.directory.filtering import filter_form_context
from maillage.directory.models import Actor

from . import exports, page_data
from .ego import ego_network
from .figure import network_scene, to_png, to_svg
from .filtering import MAX_YEAR, MIN_YEAR, NetworkFilters
from .graph import build_network
from .models import DIRECTED_KINDS, KIND_STYLES, RelationKind, RelationStatus

TABLE_PAGE_SIZE = 100
EXPORT_FORMATS = {
    "gexf": ("application/gexf+xml; charset=utf-8", "gexf"),
    "graphml": ("application/graphml+xml; charset=utf-8", "graphml"),
    "csv": ("application/zip", "zip"),
    "svg": ("image/svg+xml; charset=utf-8", "svg"),
    "png": ("image/png", "png"),
}


def _network_from_request(request, layout=False):
    return build_network(NetworkFilters.from_query(request.GET), layout=layout)


def kind_legend():
    return [
        {"code": kind.value, "label": kind.label, "directed": kind in DIRECTED_KINDS, **KIND_STYLES[kind]}
        for kind in RelationKind
    ]


def _filter_context(filters):
    context = filter_form_context(filters)
    return {
        **context,
        "filters": filters,
        "actor_types": context["filter_choices"]["actor_types"],  # the legend, one query with the form's
        "kinds": kind_legend(),
        "relation_statuses": RelationStatus.choices,
        "year_range": (MIN_YEAR, MAX_YEAR),
    }


def network_page(request):
    filters = NetworkFilters.from_query(request.GET)
    query = filters.query
    context = _filter_context(filters)
    context.update(
        {
            "graph_url": reverse("network:graph") + query,
            "table_url": reverse("network:table") + query,
            "export_urls": [
                (label, reverse("network:export", kwargs={"fmt": fmt}) + query, fmt in {"svg", "png"})
                for fmt, label in (
                    ("gexf", "GEXF (Gephi)"),
                    ("graphml", "GraphML"),
                    ("csv", _("CSV nœuds et liens (zip)")),
                    ("svg", _("Figure SVG")),
                    ("png", _("Figure PNG")),
                )
            ],
            "focus": request.GET.get("focus", "")[:255],
            "map_outside_url": reverse("cartography:map")
            + filters.query
            + ("&" if filters.query else "?")
            + "exterieurs=1",
        }
    )
    return render(request, "network/network.html", context)


def graph_json(request):
    """The filtered network's compact JSON, laid out once per data version and kept gzip-compressed (page_data).

    A browser holding the current version gets a 304 without the cache being read; one that
    accepts gzip (all do) gets the cached bytes as they are.
    """
    filters = NetworkFilters.from_query(request.GET)
    key = page_data.cache_key(filters)
    tag = page_data.etag(key)
    if tag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        compressed = page_data.cached_graph_gzip(filters, key)
        if _accepts_gzip(request):
            response = HttpResponse(compressed, content_type="application/json")
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(gzip.decompress(compressed), content_type="application/json")
    response["ETag"] = tag
    # Always revalidated: an unchanged network costs a 304, a changed one is seen at once.
    response["Cache-Control"] = "no-cache"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def _accepts_gzip(request):
    """Whether Accept-Encoding lists gzip (or *) without refusing it by q=0."""
    for part in request.headers.get("Accept-Encoding", "").split(","):
        coding, *params = (item.strip().lower() for item in part.split(";"))
        if coding in {"gzip", "*"}:
            refused = any(p.replace(" ", "") in {"q=0", "q=0.0", "q=0.00", "q=0.000"} for p in params)
            return not refused
    return False


def relation_table(request):
    """The accessible alternative to the graph: the same filtered relations as a table."""
    filters = NetworkFilters.from_query(request.GET)
    network = build_network(filters)
    index = network.node_index
    rows = sorted(
        network.edges, key=lambda e: (e.kind_label, index[e.source].label.lower(), index[e.target].label.lower())
    )
    page = Paginator(rows, TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = _filter_context(filters)
    query = filters.query
    context.update(
        {
            "network": network,
            "page_obj": page,
            "rows": [(edge, index[edge.source], index[edge.target]) for edge in page.object_list],
            "isolated": sum(1 for n in network.nodes if n.degree == 0),
            "network_url": reverse("network:network") + query,
        }
    )
    return render(request, "network/table.html", context)


def export(request, fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    network = _network_from_request(request, layout=True)
    content_type, extension = EXPORT_FORMATS[fmt]
    if fmt == "gexf":
        content = exports.to_gexf(network)
    elif fmt == "graphml":
        content = exports.to_graphml(network)
    elif fmt == "csv":
        content = exports.to_csv_zip(network, stem="maillage-reseau")
    else:
        focus = request.GET.get("focus")
        focus_id = next((n.id for n in network.nodes if focus and n.slug == focus), None)
        scene = network_scene(network, focus_id=focus_id)
        content = to_svg(scene) if fmt == "svg" else to_png(scene)
    name = f"maillage-reseau-{slugify(network.territory)}-{network.generated_on.isoformat()}.{extension}"
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if fmt in {"svg", "png"} else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


def ego_json(request, slug):
    actor = get_object_or_404(Actor, slug=slug)
    network, rings = ego_network(actor, 2 if request.GET.get("etapes") == "2" else 1)
    return JsonResponse(
        {
            "center": exports.node_key(next(n for n in network.nodes if n.id == actor.pk)),
            "nodes": [
                {"key": exports.node_key(n), "label": n.label, "type": n.type_code, "ring": rings.get(n.id, 0)}
                for n in network.nodes
            ],
            "edges": [
                {"key": exports.edge_key(e), "source": f"a{e.source}", "target": f"a{e.target}", "kind": e.kind}
                for e in network.edges
            ],
        }
    )
