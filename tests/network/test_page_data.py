"""The network page's graph JSON: laid out once per data version, served from the cache until a write."""

import json

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from maillage.network import page_data
from maillage.network.filtering import NetworkFilters

from .factories import RelationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def builds(monkeypatch):
    """Counts the networks built (and laid out) behind the cache."""
    calls = []
    real = page_data.build_network

    def counting(*args, **kwargs):
        calls.append(kwargs.get("layout"))
        return real(*args, **kwargs)

    monkeypatch.setattr(page_data, "build_network", counting)
    return calls


def test_an_unchanged_network_is_built_and_laid_out_once(small_network, builds):
    first = page_data.cached_graph_json(NetworkFilters())
    second = page_data.cached_graph_json(NetworkFilters())
    assert first == second and builds == [True]


def test_a_new_relation_is_shown_at_once(small_network, builds):
    page_data.cached_graph_json(NetworkFilters())
    RelationFactory(source=small_network.ditp, target=small_network.cisca, kind="information")
    body, _etag = page_data.cached_graph_json(NetworkFilters())
    assert len(builds) == 2
    assert len(json.loads(body)["edges"]) == 5


def test_a_renamed_actor_is_shown_at_once(small_network):
    page_data.cached_graph_json(NetworkFilters())
    small_network.cisca.name = "CISCA renommé"
    small_network.cisca.save()
    body, _etag = page_data.cached_graph_json(NetworkFilters())
    assert "CISCA renommé" in [n["attributes"]["label"] for n in json.loads(body)["nodes"]]


def test_each_filter_has_its_own_entry(small_network):
    everything, _ = page_data.cached_graph_json(NetworkFilters())
    clermont, _ = page_data.cached_graph_json(NetworkFilters.from_query({"departement": "63"}))
    assert len(json.loads(everything)["nodes"]) == 4 and len(json.loads(clermont)["nodes"]) == 3


def test_every_node_arrives_with_its_final_position(small_network):
    body, _etag = page_data.cached_graph_json(NetworkFilters())
    nodes = json.loads(body)["nodes"]
    assert all(isinstance(n["attributes"]["x"], float) and isinstance(n["attributes"]["y"], float) for n in nodes)
    assert len({(n["attributes"]["x"], n["attributes"]["y"]) for n in nodes}) == len(nodes)


def test_the_endpoint_answers_not_modified_to_a_matching_etag(client, small_network):
    first = client.get(reverse("network:graph"))
    again = client.get(reverse("network:graph"), headers={"if-none-match": first["ETag"]})
    assert first.status_code == 200 and again.status_code == 304


def test_english_labels_are_cached_apart_from_french_ones(client, small_network):
    french = client.get(reverse("network:graph")).json()
    with translation.override("en"):
        english_body, _ = page_data.cached_graph_json(NetworkFilters())
    english = json.loads(english_body)
    kinds = {e["attributes"]["label"] for e in french["edges"]} - {e["attributes"]["label"] for e in english["edges"]}
    assert kinds  # relation kinds are translated, so the two entries differ
