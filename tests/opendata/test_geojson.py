"""The GeoJSON export: RFC 7946, read back by the geojson package, filtered like the map."""

import json

import geojson
import pytest

pytestmark = pytest.mark.django_db


def collection(client, query=""):
    response = client.get(f"/donnees/acteurs.geojson{query}")
    assert response["Content-Type"] == "application/geo+json"
    return response.content


def test_the_export_is_a_valid_feature_collection(client, published):
    data = geojson.loads(collection(client))
    assert isinstance(data, geojson.FeatureCollection)
    assert data.is_valid, data.errors()
    assert all(isinstance(feature.geometry, geojson.Point) for feature in data.features)


def test_rfc_7946_longitude_first_and_no_crs_member(client, published):
    data = json.loads(collection(client))
    assert "crs" not in data
    by_id = {feature["id"]: feature for feature in data["features"]}
    assert by_id["ville-clermont-dip"]["geometry"]["coordinates"] == [3.087, 45.7772]  # its own point
    assert by_id["cite-du-design"]["geometry"]["coordinates"] == [4.39, 45.434]  # its commune's
    assert by_id["cite-du-design"]["properties"]["precision_geo"] == "commune"


def test_an_actor_without_any_position_is_left_out(client, published):
    ids = {feature["id"] for feature in json.loads(collection(client))["features"]}
    assert "reseau-sans-lieu" not in ids
    assert "ville-clermont" in ids


def test_the_shared_filters_select_the_actors(client, published):
    ids = {f["id"] for f in json.loads(collection(client, "?departement=63"))["features"]}
    assert ids == {"ville-clermont", "ville-clermont-dip"}  # the disappeared lab of Riom is hidden by default
    ids = {f["id"] for f in json.loads(collection(client, "?departement=63&disparus=1"))["features"]}
    assert ids == {"ville-clermont", "ville-clermont-dip", "lab-riom"}
    ids = {f["id"] for f in json.loads(collection(client, "?type=promotion"))["features"]}
    assert ids == {"cite-du-design"}


def test_properties_are_flat_and_carry_no_person(client, published):
    data = json.loads(collection(client))
    lab = next(f for f in data["features"] if f["id"] == "ville-clermont-dip")["properties"]
    assert lab["siret"] == "73282932000074"
    assert lab["url"] == "http://testserver/acteurs/ville-clermont-dip/"
    assert all(not isinstance(value, dict | list) for value in lab.values())
    assert "Jean-Damien Colombeau" not in json.dumps(data, ensure_ascii=False)


def test_the_directory_and_the_map_link_to_the_filtered_export(client, published):
    directory = client.get("/acteurs/?departement=63").content.decode()
    assert 'href="/donnees/acteurs.geojson?departement=63"' in directory
    carte = client.get("/carte/?departement=63").content.decode()
    assert 'href="/donnees/acteurs.geojson?departement=63"' in carte
