"""Thin views of the catalogue: list with facets, initiative page, exports, reuse graph."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import exporting, graphs, mapping
from .facets import compute_facets
from .fields import prefetch
from .filtering import InitiativeFilters, corrected_words
from .models import INNOVATION_TYPE_DEFINITIONS, LINK_INVERSE_LABELS, Initiative, InitiativeLink, InnovationType
from .reading import published

PAGE_SIZE = 30


def catalogue(request):
    filters = InitiativeFilters.from_query(request.GET)
    page = Paginator(published(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    facets = compute_facets(filters)
    typed, searched = corrected_words(filters.q) if filters.q else ([], [])
    return render(
        request,
        "initiatives/catalogue.html",
        {
            "filters": filters,
            "page_obj": page,
            "facets": facets,
            "active_filters": [(f, v) for f in facets for v in f.values if v.selected],
            "corrected_query": " ".join(searched) if typed != searched else "",
            "ignored_message": filters.ignored_message(),
            "hidden_params": filters.items(exclude=("q",)),
            "export_query": filters.urlencode(),
            "types": [(code, label, INNOVATION_TYPE_DEFINITIONS[code]) for code, label in InnovationType.choices],
        },
    )


def detail(request, slug):
    initiative = get_object_or_404(prefetch(Initiative.objects.all()), slug=slug)
    incoming = InitiativeLink.objects.filter(target=initiative).select_related("source")
    return render(
        request,
        "initiatives/detail.html",
        {
            "initiative": initiative,
            "types": [(row, INNOVATION_TYPE_DEFINITIONS[row.code]) for row in initiative.type_rows.all()],
            "participations": initiative.participations.all(),
            "incoming": [(link, LINK_INVERSE_LABELS[link.kind]) for link in incoming],
        },
    )


def export(request, fmt):
    if fmt not in exporting.FORMATS:
        raise Http404
    filters = InitiativeFilters.from_query(request.GET)
    content, content_type, filename = exporting.export_initiatives(
        published(filters), fmt, base_url=request.build_absolute_uri("/")
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def reuse_graph(request):
    """Who spreads what: the links between initiatives (drawn, and as a table) and actors × initiatives."""
    filters = InitiativeFilters.from_query(request.GET)
    initiatives = list(published(filters))
    graph = graphs.reuse_graph(initiatives)
    return render(
        request,
        "initiatives/reuse.html",
        {
            "filters": filters,
            "graph": graph,
            "actor_rows": graphs.actor_initiative_rows(initiatives),
            "title": _("Qui essaime quoi"),
        },
    )


def map_page(request):
    """The catalogue's selection on a map, at each initiative's territory, with its list (the text alternative)."""
    filters = InitiativeFilters.from_query(request.GET)
    return render(
        request,
        "initiatives/map.html",
        {
            **mapping.list_context(filters),
            "map_config": {
                "dataUrl": reverse("initiatives:map_data") + filters.query,
                "tileUrl": settings.MAP_TILE_URL,
                "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
                "approximate": _("position approchée : centre du territoire"),
            },
        },
    )


def map_list(request):
    """The map list alone (an HTML fragment): what the main map's initiatives layer shows as text."""
    filters = InitiativeFilters.from_query(request.GET)
    return render(request, "initiatives/_map_list.html", mapping.list_context(filters))


def map_data(request):
    """The map layer: GeoJSON of the filtered catalogue (any map can add it by its URL)."""
    filters = InitiativeFilters.from_query(request.GET)
    collection, _unlocated = mapping.feature_collection(published(filters))
    return JsonResponse(collection, json_dumps_params={"ensure_ascii": False})
