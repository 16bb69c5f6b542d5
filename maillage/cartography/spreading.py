"""Spread actors that share one point so that each can be seen and clicked.

Most actors are placed at their commune's centre: at the territory zoom the 25
actors of Clermont-Ferrand would sit on one pixel. From SPREAD_ZOOM on (about a
département on screen) the map shows each of them around the shared point, on
a ring for a few, on a sunflower (Vogel) spiral for more, at a fixed distance in
screen pixels; the client draws a leader line from each marker to the true point,
and the popup says the marker is moved. Placement is deterministic (ordered by
name, then id) so a map looks the same on every visit and in every test.
"""

import math
from collections import defaultdict

SPREAD_ZOOM = 8
MARKER_PIXELS = 22  # the marker's size on screen (see map.js)
RING_MAX = 8  # up to this many markers, one ring
RING_PIXELS = 30  # radius of the single ring: 8 markers of 22 px do not touch
SPIRAL_PIXELS = 15  # Vogel's constant: distance scale of the spiral
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
TILE_PIXELS = 256


def offsets(count):
    """Screen offsets (dx, dy) in pixels, y downwards, of `count` markers around a point."""
    if count <= 1:
        return [(0.0, 0.0)] * count
    if count <= RING_MAX:
        # Start at the top, clockwise: reading order of a clock face.
        return [
            (RING_PIXELS * math.sin(2 * math.pi * k / count), -RING_PIXELS * math.cos(2 * math.pi * k / count))
            for k in range(count)
        ]
    # Sunflower spiral: even density, the first ones closest to the point; the +1 keeps the
    # first markers off the point itself, which stays visible for the leader lines.
    return [
        (
            SPIRAL_PIXELS * math.sqrt(k + 1) * math.cos(k * GOLDEN_ANGLE),
            SPIRAL_PIXELS * math.sqrt(k + 1) * math.sin(k * GOLDEN_ANGLE),
        )
        for k in range(count)
    ]


def pixels_to_degrees(dx, dy, latitude, zoom):
    """A small screen offset at `zoom` as (dlat, dlon) in Web Mercator around `latitude`."""
    degrees_per_pixel = 360.0 / (TILE_PIXELS * 2**zoom)
    dlon = dx * degrees_per_pixel
    dlat = -dy * degrees_per_pixel * math.cos(math.radians(latitude))
    return dlat, dlon


def spread(points, zoom, key=lambda p: p["name"]):
    """Display positions for points as dicts with "id", "lat", "lon" (and what `key` reads).

    Returns {id: (lat, lon)} for the points moved off their true position; points
    alone at their position, or any point below SPREAD_ZOOM, are not in it.
    """
    if zoom < SPREAD_ZOOM:
        return {}
    groups = defaultdict(list)
    for point in points:
        groups[(round(point["lat"], 5), round(point["lon"], 5))].append(point)
    moved = {}
    for (lat, lon), group in groups.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda p: (key(p), p["id"]))
        for point, (dx, dy) in zip(group, offsets(len(group)), strict=True):
            dlat, dlon = pixels_to_degrees(dx, dy, lat, zoom)
            moved[point["id"]] = (round(lat + dlat, 6), round(lon + dlon, 6))
    return moved
