"""The map's data endpoint: bounding box, zoom and clusters, shared filters, disappeared actors, caching."""

import json

import pytest
from django.urls import reverse

from maillage.cartography import data as map_data_module
from maillage.directory.filtering import ActorFilters
from maillage.directory.models import Lifecycle
from tests.directory.factories import ActorFactory

pytestmark = pytest.mark.django_db

FRANCE = "-5.5,41.2,9.8,51.2"


def fetch(client, **params):
    response = client.get(reverse("cartography:data"), params)
    assert response.status_code == 200
    return json.loads(response.content)


def slugs(payload):
    return sorted(point[6] for point in payload["points"])


def test_national_view_lists_located_actors_as_points(client, ecosystem):
    payload = fetch(client, bbox=FRANCE, zoom=6)
    assert payload["mode"] == "points"
    assert slugs(payload) == ["archipel-test", "place-main", "reseau-test"]


def test_actor_without_coordinates_is_not_a_point(client, ecosystem):
    assert "sans-lieu" not in slugs(fetch(client, bbox=FRANCE, zoom=6))


def test_bounding_box_keeps_only_actors_inside(client, ecosystem):
    around_lyon = "4.7,45.7,4.9,45.8"
    assert slugs(fetch(client, bbox=around_lyon, zoom=12)) == ["reseau-test"]


def test_exact_coordinates_win_over_the_communes(client, ecosystem):
    point = next(p for p in fetch(client, bbox=FRANCE, zoom=6)["points"] if p[6] == "place-main")
    assert (point[1], point[2]) == (45.80, 3.10)


def test_point_carries_type_index_name_and_commune(client, ecosystem):
    payload = fetch(client, bbox=FRANCE, zoom=6)
    point = next(p for p in payload["points"] if p[6] == "reseau-test")
    assert (payload["types"][point[3]], point[5], point[7]) == ("network", "Réseau test", "Lyon")


def test_low_zoom_with_many_actors_sends_clusters_with_counts_per_type(client, ecosystem, monkeypatch):
    monkeypatch.setattr(map_data_module, "POINTS_THRESHOLD", 2)
    payload = fetch(client, bbox=FRANCE, zoom=7)
    by_total = {cluster[2]: cluster for cluster in payload["clusters"]}
    types = payload["types"]
    assert payload["mode"] == "clusters"
    assert sorted(by_total) == [1, 2]
    assert by_total[2][3][types.index("lab")] == 1 and by_total[2][3][types.index("promotion")] == 1
    assert by_total[1][3][types.index("network")] == 1


def test_cluster_position_is_the_mean_of_its_actors(client, ecosystem, monkeypatch):
    monkeypatch.setattr(map_data_module, "POINTS_THRESHOLD", 2)
    cluster = next(c for c in fetch(client, bbox=FRANCE, zoom=7)["clusters"] if c[2] == 2)
    assert cluster[0] == pytest.approx((45.7797 + 45.80) / 2)


def test_high_zoom_always_sends_points(client, ecosystem, monkeypatch):
    monkeypatch.setattr(map_data_module, "POINTS_THRESHOLD", 0)
    assert fetch(client, bbox="3.0,45.7,3.2,45.9", zoom=14)["mode"] == "points"


def test_type_filter(client, ecosystem):
    assert slugs(fetch(client, bbox=FRANCE, zoom=6, type="network")) == ["reseau-test"]


def test_departement_filter(client, ecosystem):
    assert slugs(fetch(client, bbox=FRANCE, zoom=6, departement="69")) == ["reseau-test"]


def test_disappeared_actors_hidden_by_default(client, ecosystem):
    assert "labo-disparu" not in slugs(fetch(client, bbox=FRANCE, zoom=6))


def test_disappeared_actors_shown_on_demand_and_flagged(client, ecosystem):
    payload = fetch(client, bbox=FRANCE, zoom=6, disparus="1")
    point = next(p for p in payload["points"] if p[6] == "labo-disparu")
    assert point[4] & map_data_module.FLAG_DISAPPEARED


def test_partners_outside_the_territory_are_flagged(client, ecosystem):
    from maillage.network.models import Relation

    Relation.objects.create(source=ecosystem["network"], target=ecosystem["lab"], kind="service")
    payload = fetch(client, bbox=FRANCE, zoom=6, departement="63", exterieurs="1")
    flags = {p[6]: p[4] for p in payload["points"]}
    assert flags["reseau-test"] & map_data_module.FLAG_OUTSIDE
    assert not flags["archipel-test"] & map_data_module.FLAG_OUTSIDE


def test_invalid_view_parameters_fall_back_to_france(client, ecosystem):
    payload = fetch(client, bbox="a,b,c", zoom="x")
    assert (payload["zoom"], len(payload["points"])) == (6, 3)


def test_response_is_cacheable_with_etag(client, ecosystem):
    response = client.get(reverse("cartography:data"), {"bbox": FRANCE, "zoom": 6})
    again = client.get(reverse("cartography:data"), {"bbox": FRANCE, "zoom": 6}, HTTP_IF_NONE_MATCH=response["ETag"])
    assert "max-age=60" in response["Cache-Control"]
    assert again.status_code == 304


def test_cached_view_is_refreshed_when_an_actor_changes(client, ecosystem):
    fetch(client, bbox=FRANCE, zoom=6)
    ActorFactory(name="Nouveau", slug="nouveau", commune=ecosystem["lyon"])
    assert "nouveau" in slugs(fetch(client, bbox=FRANCE, zoom=6))


def test_same_filters_in_another_order_share_the_cache_key(ecosystem):
    view = map_data_module.parse_view({"bbox": FRANCE, "zoom": "6"})
    first = ActorFilters.from_query({"type": ["lab", "network"], "departement": "63"})
    second = ActorFilters.from_query({"departement": "63", "type": ["network", "lab"]})
    assert map_data_module.cache_key(first, view, False) == map_data_module.cache_key(second, view, False)


def test_unlocated_count(ecosystem):
    assert map_data_module.unlocated_count(ActorFilters()) == 1
    assert ecosystem["gone"].lifecycle == Lifecycle.DISAPPEARED


def test_text_search_uses_the_shared_filters(client, ecosystem):
    assert slugs(fetch(client, bbox=FRANCE, zoom=6, q="archipel")) == ["archipel-test"]


def test_actors_at_their_commune_centre_are_flagged_approximate(client, ecosystem):
    flags = {p[6]: p[4] for p in fetch(client, bbox=FRANCE, zoom=6)["points"]}
    assert flags["archipel-test"] & map_data_module.FLAG_APPROXIMATE
    assert not flags["place-main"] & map_data_module.FLAG_APPROXIMATE


def test_actors_sharing_a_commune_centre_are_spread_at_the_territory_zoom(client, ecosystem):
    second = ActorFactory(name="Deuxième test", slug="deuxieme-test", commune=ecosystem["clermont"])
    clermont = ecosystem["clermont"]
    payload = fetch(client, bbox="2.9,45.6,3.3,45.9", zoom=map_data_module.SPREAD_ZOOM)
    rows = {p[6]: p for p in payload["points"] if p[6] in ("archipel-test", second.slug)}
    assert all(row[4] & map_data_module.FLAG_SPREAD for row in rows.values())
    assert {(row[1], row[2]) for row in rows.values()} != {(clermont.latitude, clermont.longitude)}
    assert len({(row[1], row[2]) for row in rows.values()}) == 2
    assert all(row[8:10] == [round(clermont.latitude, 5), round(clermont.longitude, 5)] for row in rows.values())


def test_actors_sharing_a_point_are_not_spread_at_the_national_zoom(client, ecosystem):
    ActorFactory(name="Deuxième test", slug="deuxieme-test", commune=ecosystem["clermont"])
    payload = fetch(client, bbox=FRANCE, zoom=6)
    assert not any(p[4] & map_data_module.FLAG_SPREAD for p in payload["points"])
