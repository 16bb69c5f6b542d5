"""Département and region outlines for the offline background, from canton boundaries."""

import json
import struct

import pytest

from maillage.cartography.outlines import (
    DEPARTMENT,
    REGION,
    STATIC_PATH,
    border_segments,
    build_outlines,
    simplify,
    wkb_polygons,
)


def square(x, y, size=1.0):
    return [[(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]]


def lines_of(collection, level):
    feature = next(f for f in collection["features"] if f["properties"]["level"] == level)
    return feature["geometry"]["coordinates"]


# Four cantons in a row: two in département 01 (region A), one in 02 (A), one in 03 (region B).
ROW = [
    ("01", "A", [square(0, 0)]),
    ("01", "A", [square(1, 0)]),
    ("02", "A", [square(2, 0)]),
    ("03", "B", [square(3, 0)]),
]


def test_the_edge_between_two_cantons_of_one_departement_is_no_border():
    assert ((1.0, 0.0), (1.0, 1.0)) not in border_segments(ROW)


def test_the_edge_between_two_departements_of_one_region_is_a_departement_border():
    assert border_segments(ROW)[((2.0, 0.0), (2.0, 1.0))] == DEPARTMENT


def test_the_edge_between_two_regions_is_a_region_border():
    assert border_segments(ROW)[((3.0, 0.0), (3.0, 1.0))] == REGION


def test_the_coast_is_a_region_border():
    assert border_segments(ROW)[((0.0, 0.0), (0.0, 1.0))] == REGION


def test_a_gap_in_the_data_is_not_drawn_as_a_border():
    """A 3×3 block of cantons whose middle one has no boundary: the hole's edge is no coast."""
    areas = [("01", "A", [square(x, y)]) for x in range(3) for y in range(3) if (x, y) != (1, 1)]
    assert ((1.0, 1.0), (1.0, 2.0)) not in border_segments(areas)
    assert border_segments(areas)[((0.0, 0.0), (0.0, 1.0))] == REGION


def test_an_island_is_drawn():
    areas = [("01", "A", [square(0, 0)]), ("01", "A", [square(5, 5)])]
    assert border_segments(areas)[((5.0, 5.0), (6.0, 5.0))] == REGION


def test_each_shared_border_is_drawn_once():
    collection = build_outlines(ROW, tolerance=0)
    segments = [
        tuple(sorted((tuple(a), tuple(b))))
        for level in (REGION, DEPARTMENT)
        for line in lines_of(collection, level)
        for a, b in zip(line, line[1:], strict=False)
    ]
    assert len(segments) == len(set(segments))
    assert [[2.0, 0.0], [2.0, 1.0]] in [sorted(line) for line in lines_of(collection, DEPARTMENT)]


def test_simplification_drops_points_within_the_tolerance_and_keeps_the_ends():
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, -0.001), (3.0, 0.0), (3.0, 2.0)]
    assert simplify(line, 0.01) == [(0.0, 0.0), (3.0, 0.0), (3.0, 2.0)]


def test_wkb_multipolygons_are_read():
    ring = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]
    polygon = (
        struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring)) + b"".join(struct.pack("<dd", *p) for p in ring)
    )
    multi = struct.pack("<BII", 1, 6, 2) + polygon + polygon
    assert wkb_polygons(multi.hex()) == [[ring], [ring]]


def test_the_shipped_file_outlines_metropolitan_france_in_a_small_file():
    collection = json.loads(STATIC_PATH.read_text())
    points = [p for level in (REGION, DEPARTMENT) for line in lines_of(collection, level) for p in line]
    longitudes, latitudes = [p[0] for p in points], [p[1] for p in points]
    metropolitan = [(x, y) for x, y in zip(longitudes, latitudes, strict=True) if -6 < x < 10 and 41 < y < 52]
    # Ouessant in the west, the east coast of Corsica, Bray-Dunes in the north.
    assert min(x for x, _ in metropolitan) == pytest.approx(-5.14, abs=0.1)
    assert max(x for x, _ in metropolitan) == pytest.approx(9.56, abs=0.1)
    assert max(y for _, y in metropolitan) == pytest.approx(51.09, abs=0.1)
    assert STATIC_PATH.stat().st_size < 300_000
