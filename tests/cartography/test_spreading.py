"""Actors that share a point are spread around it from the territory zoom on."""

import itertools
import math

import pytest

from maillage.cartography.spreading import MARKER_PIXELS, SPREAD_ZOOM, offsets, pixels_to_degrees, spread


@pytest.mark.parametrize("count", [2, 3, 8, 9, 25, 170])
def test_spread_markers_never_overlap(count):
    placed = offsets(count)
    closest = min(math.dist(a, b) for a, b in itertools.combinations(placed, 2))
    assert closest >= MARKER_PIXELS


@pytest.mark.parametrize("count", [2, 8, 9, 25])
def test_spread_markers_stay_off_the_true_point(count):
    assert min(math.hypot(dx, dy) for dx, dy in offsets(count)) >= MARKER_PIXELS / 2


def test_a_lone_actor_stays_on_its_point():
    assert offsets(1) == [(0.0, 0.0)]


def _points(count, lat=45.7797, lon=3.0863):
    return [{"id": i, "lat": lat, "lon": lon, "name": f"acteur {i:03d}"} for i in range(count)]


def test_co_located_actors_are_moved_at_the_territory_zoom():
    moved = spread(_points(25), SPREAD_ZOOM)
    assert len(moved) == 25 and len(set(moved.values())) == 25


def test_nothing_moves_below_the_territory_zoom():
    assert spread(_points(25), SPREAD_ZOOM - 1) == {}


def test_actors_alone_at_their_point_are_not_moved():
    points = _points(1) + _points(1, lat=45.0, lon=4.0)
    points[1]["id"] = 99
    assert spread(points, 12) == {}


def test_spreading_does_not_depend_on_the_order_of_the_rows():
    points = _points(12)
    assert spread(points, 10) == spread(list(reversed(points)), 10)


def test_spread_distance_on_screen_is_the_same_at_every_zoom():
    """A marker is as many pixels from its point at zoom 9 as at zoom 14 (degrees shrink with zoom)."""
    for zoom in (9, 14):
        dlat, dlon = pixels_to_degrees(30, 0, 45.0, zoom)
        assert dlat == 0 and dlon * 256 * 2**zoom / 360 == pytest.approx(30)


def test_vertical_offsets_shrink_with_latitude_like_mercator():
    dlat_equator, _ = pixels_to_degrees(0, -30, 0.0, 10)
    dlat_north, _ = pixels_to_degrees(0, -30, 60.0, 10)
    assert dlat_north == pytest.approx(dlat_equator / 2)
