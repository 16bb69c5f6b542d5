"""The network page's graph JSON: compact, laid out once per data version, served gzip-compressed from the cache."""

import gzip
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import translation

from maillage.core import dataversion
from maillage.network import page_data
from maillage.network.filtering import NetworkFilters
from maillage.network.models import RelationKind
from tests.directory.factories import ContactFactory

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


def _payload(filters=None):
    return json.loads(page_data.cached_graph_json(filters or NetworkFilters()))


def test_an_unchanged_network_is_built_and_laid_out_once(small_network, builds):
    first = page_data.cached_graph_json(NetworkFilters())
    second = page_data.cached_graph_json(NetworkFilters())
    assert first == second and builds == [True]


def test_the_cache_is_keyed_on_the_core_data_version(small_network):
    before = page_data.cache_key(NetworkFilters())
    assert dataversion.read() in before
    ContactFactory(actor=small_network.cisca)  # any versioned write, even one the graph does not show
    assert page_data.cache_key(NetworkFilters()) != before


def test_a_write_made_outside_django_is_shown_at_once(small_network, builds):
    page_data.cached_graph_json(NetworkFilters())
    with connection.cursor() as cursor:  # raw SQL, as another process or a bulk import would write
        cursor.execute("UPDATE directory_actor SET name = %s WHERE id = %s", ["CISCA (SQL)", small_network.cisca.pk])
    nodes, _edges = page_data.rows(_payload())
    assert "CISCA (SQL)" in {n["label"] for n in nodes} and len(builds) == 2


def test_a_new_relation_is_shown_at_once(small_network, builds):
    page_data.cached_graph_json(NetworkFilters())
    RelationFactory(source=small_network.ditp, target=small_network.cisca, kind="information")
    _nodes, edges = page_data.rows(_payload())
    assert len(builds) == 2
    assert len(edges) == 5


def test_a_renamed_actor_is_shown_at_once(small_network):
    page_data.cached_graph_json(NetworkFilters())
    small_network.cisca.name = "CISCA renommé"
    small_network.cisca.save()
    nodes, _edges = page_data.rows(_payload())
    assert "CISCA renommé" in [n["label"] for n in nodes]


def test_each_filter_has_its_own_entry(small_network):
    everything, _ = page_data.rows(_payload())
    clermont, _ = page_data.rows(_payload(NetworkFilters.from_query({"departement": "63"})))
    assert len(everything) == 4 and len(clermont) == 3


def test_every_node_arrives_with_its_final_position(small_network):
    nodes, _edges = page_data.rows(_payload())
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)


def test_what_a_kind_says_is_sent_once_not_on_every_edge(small_network):
    RelationFactory(source=small_network.ditp, target=small_network.cisca, kind="information")
    body = page_data.cached_graph_json(NetworkFilters())
    _nodes, edges = page_data.rows(json.loads(body))
    label = str(RelationKind.INFORMATION.label)
    assert sum(1 for e in edges if e["kind"] == "information") == 2
    assert body.count(json.dumps(label, ensure_ascii=False)) == 1


def test_a_node_links_to_its_fiche_through_the_url_template(small_network):
    payload = _payload()
    nodes, _edges = page_data.rows(payload)
    cisca = next(n for n in nodes if n["slug"] == "cisca")
    url = payload["urlTemplate"].replace(payload["slugPlaceholder"], cisca["slug"])
    assert url == small_network.cisca.get_absolute_url()


def test_external_partners_are_marked_and_their_type_keeps_its_label(small_network):
    payload = _payload(NetworkFilters.from_query({"departement": "63"}))
    nodes, _edges = page_data.rows(payload)
    external = [n for n in nodes if n["external"]]
    assert [n["slug"] for n in external] == ["archipel"]
    assert payload["types"][external[0]["type"]]["label"] == small_network.archipel.primary_type.label


def test_the_endpoint_answers_not_modified_to_a_matching_etag_without_reading_the_cache(
    client, small_network, monkeypatch
):
    first = client.get(reverse("network:graph"))
    monkeypatch.setattr(page_data, "cached_graph_gzip", lambda *a, **k: pytest.fail("the cache was read"))
    again = client.get(reverse("network:graph"), headers={"if-none-match": first["ETag"]})
    assert first.status_code == 200 and again.status_code == 304


def test_the_etag_changes_with_the_data(client, small_network):
    first = client.get(reverse("network:graph"))
    RelationFactory(source=small_network.ditp, target=small_network.cisca, kind="information")
    again = client.get(reverse("network:graph"), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200 and again["ETag"] != first["ETag"]


def test_a_browser_accepting_gzip_gets_the_cached_compressed_bytes(client, small_network):
    plain = client.get(reverse("network:graph"))
    compressed = client.get(reverse("network:graph"), headers={"accept-encoding": "gzip, deflate, br"})
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content)


def test_a_client_refusing_gzip_gets_plain_json(client, small_network):
    response = client.get(reverse("network:graph"), headers={"accept-encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in response
    assert page_data.rows(response.json())[0]


def test_a_network_being_built_elsewhere_is_waited_for_not_built_again(small_network, builds, monkeypatch):
    filters = NetworkFilters()
    key = page_data.cache_key(filters)
    cache.add(f"{key}:building", 1)  # another process holds the build
    done = page_data._build(filters)
    builds.clear()
    monkeypatch.setattr(page_data.time, "sleep", lambda _seconds: cache.set(key, done))  # …and finishes it
    assert page_data.cached_graph_gzip(filters) == done
    assert builds == []


def test_a_build_that_never_finishes_elsewhere_is_done_here(small_network, builds, monkeypatch):
    filters = NetworkFilters()
    cache.add(f"{page_data.cache_key(filters)}:building", 1)  # held by a process that died
    monkeypatch.setattr(page_data, "BUILD_WAIT_SECONDS", 0.05)
    monkeypatch.setattr(page_data, "BUILD_POLL_SECONDS", 0.01)
    assert page_data.rows(json.loads(page_data.cached_graph_json(filters)))[0]
    assert builds == [True]


def test_english_labels_are_cached_apart_from_french_ones(client, small_network):
    french = client.get(reverse("network:graph")).json()
    with translation.override("en"):
        english = json.loads(page_data.cached_graph_json(NetworkFilters()))
    assert {k["label"] for k in french["kinds"].values()} != {k["label"] for k in english["kinds"].values()}
