"""MapPoint rows follow actors: signals for single saves, a rebuild for bulk writes."""

import pytest
from django.core.cache import cache

from maillage.cartography.data import points_for
from maillage.cartography.models import MapPoint
from maillage.cartography.points import ensure_fresh, sync_map_points
from maillage.directory.filtering import ActorFilters
from maillage.directory.models import Actor

pytestmark = pytest.mark.django_db


def point_ids():
    return set(MapPoint.objects.values_list("actor_id", flat=True))


def test_saving_an_actor_places_it_at_its_communes_coordinates(ecosystem):
    point = MapPoint.objects.get(actor=ecosystem["lab"])
    assert (point.latitude, point.longitude, point.exact) == (45.7797, 3.0863, False)


def test_actor_without_coordinates_has_no_point(ecosystem):
    assert ecosystem["nowhere"].pk not in point_ids()


def test_moving_a_commune_moves_its_actors(ecosystem):
    lyon = ecosystem["lyon"]
    lyon.latitude = 45.0
    lyon.save()
    assert MapPoint.objects.get(actor=ecosystem["network"]).latitude == 45.0


def test_removing_the_commune_removes_the_point(ecosystem):
    actor = ecosystem["network"]
    actor.commune = None
    actor.save()
    assert actor.pk not in point_ids()


def test_rebuild_after_a_bulk_write_that_skipped_signals(ecosystem):
    Actor.objects.bulk_create(
        [Actor(name="En masse", slug="en-masse", primary_type_id="lab", commune=ecosystem["lyon"])]
    )
    sync_map_points()
    assert Actor.objects.get(slug="en-masse").pk in point_ids()


def test_drift_is_repaired_by_the_periodic_check(ecosystem):
    sync_map_points()
    MapPoint.objects.filter(actor=ecosystem["lab"]).delete()
    Actor.objects.bulk_create([Actor(name="Nouveau", slug="nouveau-masse", primary_type_id="lab")])
    cache.delete("cartography:points-checked")
    assert ensure_fresh() is True
    assert ecosystem["lab"].pk in point_ids()


@pytest.mark.parametrize(
    "filters",
    [
        ActorFilters(),
        ActorFilters(include_disappeared=True),
        ActorFilters(types=["lab"]),
        ActorFilters(departments=["63"]),
    ],
)
def test_fast_path_and_shared_filters_select_the_same_actors(ecosystem, filters):
    expected = set(filters.actors().filter(map_point__isnull=False).values_list("pk", flat=True))
    assert set(points_for(filters).values_list("actor_id", flat=True)) == expected


def clusters_both_ways(filters, zoom):
    from maillage.cartography import data

    view = data.parse_view({"bbox": "-5.5,41.2,9.8,51.2", "zoom": str(zoom)})
    from_cells = data._clusters_from_cells(filters, view)
    from_points = data._clusters(points_for(filters), view)
    normalise = lambda cells: {k: (round(v[0], 6), round(v[1], 6), v[2], v[3]) for k, v in cells.items()}  # noqa: E731
    return normalise(from_cells), normalise(from_points)


@pytest.mark.parametrize("zoom", [5, 7, 9])
@pytest.mark.parametrize("filters", [ActorFilters(), ActorFilters(include_disappeared=True)])
def test_cells_sum_to_the_same_clusters_as_the_points(ecosystem, filters, zoom):
    from_cells, from_points = clusters_both_ways(filters, zoom)
    assert from_cells == from_points and from_cells


def test_cells_follow_moves_and_deletions(ecosystem):
    moved = ecosystem["network"]
    moved.commune = ecosystem["clermont"]
    moved.save()
    ecosystem["exact"].delete()
    from_cells, from_points = clusters_both_ways(ActorFilters(), 8)
    assert from_cells == from_points


def test_rebuild_gives_the_same_cells(ecosystem):
    before = clusters_both_ways(ActorFilters(include_disappeared=True), 6)[0]
    sync_map_points()
    assert clusters_both_ways(ActorFilters(include_disappeared=True), 6)[0] == before
