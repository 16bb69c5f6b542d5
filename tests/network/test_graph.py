"""The filtered network shared by the page, the table, the exports and the command."""

import pytest

from maillage.network.filtering import NetworkFilters
from maillage.network.graph import build_network

pytestmark = pytest.mark.django_db


def _build(params, **kwargs):
    return build_network(NetworkFilters.from_query(params), **kwargs)


def _slugs(network):
    return {node.slug for node in network.nodes}


def test_whole_network_hides_disappeared_actors_and_their_relations(small_network):
    network = _build({})
    assert _slugs(network) == {"ville-clermont", "cisca", "archipel", "ditp"}
    assert {e.id for e in network.edges} == {
        small_network.collab.pk,
        small_network.service.pk,
        small_network.funding.pk,
        small_network.info.pk,
    }


def test_territory_filter_keeps_partners_outside_as_external(small_network):
    network = _build({"departement": "63"})
    external = {n.slug for n in network.nodes if n.external}
    assert external == {"archipel"}
    assert "ditp" not in _slugs(network)  # no relation with the territory


def test_external_partners_do_not_bring_their_own_relations(small_network):
    network = _build({"departement": "63"})
    assert small_network.funding.pk not in {e.id for e in network.edges}


def test_kind_filter_keeps_only_those_relations(small_network):
    network = _build({"relation": ["funding"]})
    assert {e.kind for e in network.edges} == {"funding"}


def test_period_filter_drops_relations_ended_before_and_keeps_undated_ones(small_network):
    network = _build({"debut": "2023"})
    ids = {e.id for e in network.edges}
    assert small_network.collab.pk not in ids
    assert small_network.service.pk in ids


def test_bad_relation_filter_values_are_ignored():
    filters = NetworkFilters.from_query({"relation": ["gossip", "service"], "debut": "abc", "fin": "99999"})
    assert (filters.kinds, filters.year_from, filters.year_to) == (("service",), None, None)
    assert filters.ignored == (("relation", "gossip"), ("debut", "abc"), ("fin", "99999"))


def test_degree_and_size_follow_relations(small_network):
    network = _build({})
    city = next(n for n in network.nodes if n.slug == "ville-clermont")
    ditp = next(n for n in network.nodes if n.slug == "ditp")
    assert city.degree == 3 and ditp.degree == 1
    assert city.size > ditp.size


def test_directed_kinds_are_flagged(small_network):
    network = _build({})
    directed = {e.kind: e.directed for e in network.edges}
    assert directed == {"collaboration": False, "service": True, "funding": True, "information": False}


def test_layout_is_deterministic_and_spread(small_network):
    first = [(n.x, n.y) for n in _build({}, layout=True).nodes]
    second = [(n.x, n.y) for n in _build({}, layout=True).nodes]
    assert first == second
    assert len(set(first)) == len(first)


def test_caption_names_the_territory(small_network):
    assert "Puy-de-Dôme" in _build({"departement": "63"}).caption
    assert _build({}).caption.startswith("Données Maillage — tous territoires — ")
