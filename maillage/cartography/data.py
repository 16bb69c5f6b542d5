"""What the map needs for one view: server-side grid clusters or a compact list of points.

The national view of a large network is a few hundred grid cells with counts per
actor type (a few kB), not every actor: GoGoCarto-style element lists grow with
the network, this payload grows with the screen. Effective coordinates are the
actor's exact ones, else its commune's.
"""

import hashlib
import json
import math
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Avg, Count, ExpressionWrapper, F, FloatField, IntegerField, Q, Sum
from django.db.models.functions import Cast, Coalesce, Floor

from maillage.core import dataversion
from maillage.directory.filtering import ActorFilters
from maillage.directory.models import ActorTypeCode
from maillage.directory.naming import display_name
from maillage.network.models import Relation

from .grid import BASE_ZOOM, cell_size
from .models import MapCell, MapPoint
from .points import ensure_fresh
from .spreading import SPREAD_ZOOM, spread

TYPE_CODES = [code for code, _label in ActorTypeCode.choices]
TYPE_INDEX = {code: index for index, code in enumerate(TYPE_CODES)}
POINTS_THRESHOLD = 1500  # above this many actors in view, send clusters
MAX_POINTS_ZOOM = 14  # from this zoom on, always send points
FLAG_DISAPPEARED = 1
FLAG_OUTSIDE = 2
FLAG_APPROXIMATE = 4  # placed at its commune's centre, not at its own address
FLAG_SPREAD = 8  # moved off a point it shares with others; the true point follows in the row
CACHE_SECONDS = 300
FRANCE_BBOX = (-5.5, 41.2, 9.8, 51.2)


@dataclass(frozen=True)
class View:
    west: float
    south: float
    east: float
    north: float
    zoom: int


def parse_view(params):
    """Bounding box `bbox=west,south,east,north` and `zoom`; metropolitan France by default."""
    try:
        zoom = max(0, min(int(params.get("zoom", 6)), 20))
    except (TypeError, ValueError):
        zoom = 6
    try:
        west, south, east, north = (float(v) for v in params.get("bbox", "").split(","))
        if not all(math.isfinite(v) for v in (west, south, east, north)):
            raise ValueError
    except ValueError:
        west, south, east, north = FRANCE_BBOX
    south, north = max(-90.0, min(south, north)), min(90.0, max(south, north))
    west, east = max(-180.0, min(west, east)), min(180.0, max(west, east))
    cell = cell_size(zoom)
    # Snap outwards to the grid: nearby views share clusters and cache entries.
    return View(
        math.floor(west / cell) * cell,
        math.floor(south / cell) * cell,
        math.ceil(east / cell) * cell,
        math.ceil(north / cell) * cell,
        zoom,
    )


def actor_ids(filters, queryset=None):
    """Ids of the filtered actors, as a subquery for an `__in` filter."""
    queryset = filters.actors() if queryset is None else queryset
    return queryset.values("pk")


def located_actors(queryset):
    """Actors annotated with their effective coordinates (exact, else the commune's)."""
    return queryset.annotate(
        lat=Coalesce(F("latitude"), F("commune__latitude"), output_field=FloatField()),
        lon=Coalesce(F("longitude"), F("commune__longitude"), output_field=FloatField()),
    )


def points_for(filters):
    """MapPoints of the actors the shared filters select.

    The default view (no filter but the disappeared switch) reads the narrow table
    alone; any other filter goes through `ActorFilters.actors`, so list, map and network
    always agree (a test checks both paths give the same actors).
    """
    if filters == ActorFilters():
        return MapPoint.objects.filter(disappeared=False)
    if filters == ActorFilters(include_disappeared=True):
        return MapPoint.objects.all()
    return MapPoint.objects.filter(actor_id__in=actor_ids(filters))


def _in_view(points, view):
    return points.filter(
        latitude__gte=view.south, latitude__lte=view.north, longitude__gte=view.west, longitude__lte=view.east
    )


def outside_actors(filters, inside):
    """Actors outside the filtered territory but in relation with an actor inside it."""
    inside_ids = actor_ids(filters, inside)
    partners = Relation.objects.filter(Q(source__in=inside_ids) | Q(target__in=inside_ids))
    related_ids = set()
    for source_id, target_id in partners.values_list("source_id", "target_id"):
        related_ids.update((source_id, target_id))
    return filters.without_territory().actors().filter(pk__in=related_ids).exclude(pk__in=inside_ids)


def _grid_index(field, offset, cell):
    """floor((value + offset) / cell); the offset keeps it positive so that SQLite's
    integer cast (truncation, native) equals floor (a slow Python function there)."""
    value = ExpressionWrapper((F(field) + offset) / cell, output_field=FloatField())
    if connection.vendor == "sqlite":
        return Cast(value, IntegerField())
    return Floor(value)


def _clusters(points, view, outside=False):
    cell = cell_size(view.zoom)
    rows = (
        _in_view(points, view)
        .annotate(cy=_grid_index("latitude", 90.0, cell), cx=_grid_index("longitude", 180.0, cell))
        .values("cy", "cx", "primary_type_id")
        .annotate(n=Count("pk"), alat=Avg("latitude"), alon=Avg("longitude"))
        .order_by()
    )
    cells = {}
    for row in rows:
        key = (int(row["cy"]), int(row["cx"]))
        entry = cells.setdefault(key, [0.0, 0.0, 0, [0] * len(TYPE_CODES), 0])
        n = row["n"]
        entry[0] += row["alat"] * n
        entry[1] += row["alon"] * n
        entry[2] += n
        if outside:
            entry[4] += n
        else:
            entry[3][TYPE_INDEX.get(row["primary_type_id"], len(TYPE_CODES) - 1)] += n
    return cells


def _clusters_from_cells(filters, view):
    """Same result as _clusters for the default filters, summed from the base-grid cells."""
    factor = 2 ** (BASE_ZOOM - view.zoom)
    base = cell_size(BASE_ZOOM)
    cells_qs = MapCell.objects.filter(
        count__gt=0,
        gy__gte=round((view.south + 90.0) / base),
        gy__lt=round((view.north + 90.0) / base),
        gx__gte=round((view.west + 180.0) / base),
        gx__lt=round((view.east + 180.0) / base),
    )
    if not filters.include_disappeared:
        cells_qs = cells_qs.filter(disappeared=False)
    rows = (
        cells_qs.annotate(cy=F("gy") / factor, cx=F("gx") / factor)
        .values("cy", "cx", "primary_type_id")
        .annotate(n=Sum("count"), slat=Sum("latitude_sum"), slon=Sum("longitude_sum"))
        .order_by()
    )
    cells = {}
    for row in rows:
        entry = cells.setdefault((int(row["cy"]), int(row["cx"])), [0.0, 0.0, 0, [0] * len(TYPE_CODES), 0])
        entry[0] += row["slat"]
        entry[1] += row["slon"]
        entry[2] += row["n"]
        entry[3][TYPE_INDEX.get(row["primary_type_id"], len(TYPE_CODES) - 1)] += row["n"]
    return cells


def uses_cells(filters, view):
    return view.zoom <= BASE_ZOOM and filters in (ActorFilters(), ActorFilters(include_disappeared=True))


def _points(points, view, flags=0):
    rows = _in_view(points, view).values_list(
        "actor_id",
        "latitude",
        "longitude",
        "primary_type_id",
        "disappeared",
        "exact",
        "actor__name",
        "actor__parent__name",
        "actor__slug",
        "actor__commune__name",
    )
    return [
        [
            pk,
            round(lat, 5),
            round(lon, 5),
            TYPE_INDEX.get(type_code, len(TYPE_CODES) - 1),
            flags | (FLAG_DISAPPEARED if disappeared else 0) | (0 if exact else FLAG_APPROXIMATE),
            display_name(name, parent_name),
            slug,
            commune or "",
        ]
        for pk, lat, lon, type_code, disappeared, exact, name, parent_name, slug, commune in rows
    ]


def spread_rows(rows, zoom):
    """Move the rows that share a point around it (see spreading.py); a moved row gets
    FLAG_SPREAD and its true latitude and longitude appended."""
    moved = spread(({"id": row[0], "lat": row[1], "lon": row[2], "name": row[5].casefold()} for row in rows), zoom)
    for row in rows:
        if row[0] in moved:
            true_lat, true_lon = row[1], row[2]
            row[1], row[2] = moved[row[0]]
            row[4] |= FLAG_SPREAD
            row += [true_lat, true_lon]
    return rows


def map_data(filters, view, include_outside=False):
    """The payload of one map view (see module docstring); plain data, JSON-ready."""
    ensure_fresh()
    inside = points_for(filters)
    outside = None
    if include_outside and filters.has_territory:
        outside_qs = outside_actors(filters, filters.actors())
        outside = MapPoint.objects.filter(actor_id__in=actor_ids(filters, outside_qs))
    cells = _clusters_from_cells(filters, view) if uses_cells(filters, view) else _clusters(inside, view)
    if outside is not None:
        for key, entry in _clusters(outside, view, outside=True).items():
            target = cells.setdefault(key, [0.0, 0.0, 0, [0] * len(TYPE_CODES), 0])
            target[0] += entry[0]
            target[1] += entry[1]
            target[2] += entry[2]
            target[4] += entry[4]
    total = sum(entry[2] for entry in cells.values())
    payload = {
        "types": TYPE_CODES,
        "bbox": [view.west, view.south, view.east, view.north],
        "zoom": view.zoom,
        "total": total,
    }
    if total <= POINTS_THRESHOLD or view.zoom >= MAX_POINTS_ZOOM:
        points = _points(inside, view)
        if outside is not None:
            points += _points(outside, view, FLAG_OUTSIDE)
        payload.update(mode="points", points=spread_rows(points, view.zoom), spreadZoom=SPREAD_ZOOM)
    else:
        payload.update(
            mode="clusters",
            clusters=[
                [round(e[0] / e[2], 5), round(e[1] / e[2], 5), e[2], e[3], e[4]]
                for e in sorted(cells.values(), key=lambda e: -e[2])
            ],
        )
    return payload


def unlocated_count(filters):
    return located_actors(filters.actors()).filter(lat__isnull=True).count()


def cache_key(filters, view, include_outside):
    normalized = json.dumps([filters.urlencode(), view.__dict__, include_outside], sort_keys=True, default=str)
    digest = hashlib.blake2b(normalized.encode(), digest_size=16).hexdigest()
    return dataversion.cache_key("cartography:view", digest)


def cached_map_json(filters, view, include_outside=False):
    """The view's JSON text (from the cache when possible) and its ETag."""
    ensure_fresh()  # a repair writes map points, hence a new data version: before the key is taken
    key = cache_key(filters, view, include_outside)
    cached = cache.get(key)
    if cached is None:
        body = json.dumps(map_data(filters, view, include_outside), separators=(",", ":"), ensure_ascii=False)
        cached = (body, hashlib.blake2b(body.encode()).hexdigest()[:20])
        cache.set(key, cached, CACHE_SECONDS)
    return cached
