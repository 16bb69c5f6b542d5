"""Krackhardt's E-I index: per actor, rescaling, expected value and the seeded permutation test."""

import itertools

import pytest

from maillage.diagnostics.measures import Edge, Network, Node, ei_index, undirected_view
from maillage.diagnostics.measures.network import group_codes

from .helpers import random_network


def ei(network, **options):
    codes, names = group_codes(network)
    return ei_index(undirected_view(network).graph, codes, names, **options)


def cliques_by_group(size=8):
    """Two groups, each a clique, joined by one edge: as inward as it gets."""
    nodes = [Node(f"a{i}", group="A") for i in range(size)] + [Node(f"b{i}", group="B") for i in range(size)]
    edges = [Edge(f"a{i}", f"a{j}", False) for i, j in itertools.combinations(range(size), 2)]
    edges += [Edge(f"b{i}", f"b{j}", False) for i, j in itertools.combinations(range(size), 2)]
    edges.append(Edge("a0", "b0", False))
    return Network(nodes, edges)


def test_per_actor_index_counts_partners_outside_and_inside_its_group():
    nodes = [Node("1", group="A"), Node("2", group="A"), Node("3", group="B"), Node("4", group="B")]
    network = Network(nodes, [Edge("1", "2"), Edge("1", "3"), Edge("1", "4", False), Edge("2", "1")])
    assert ei(network, permutations=0).per_node == [pytest.approx(1 / 3), -1.0, 1.0, 1.0]


def test_isolated_actor_and_group_without_edge_have_no_index():
    network = Network([Node("1", group="A"), Node("2", group="A"), Node("3", group="B")], [Edge("1", "2")])
    result = ei(network, permutations=0)
    assert result.per_node[2] is None
    assert result.groups["B"].ei is None


def test_inward_groups_are_significant_in_the_permutation_test():
    result = ei(cliques_by_group(), permutations=499, seed=1)
    assert result.ei < -0.9
    assert result.p_lower < 0.01
    assert result.p_upper > 0.99


def test_permutation_test_is_reproducible_with_its_seed():
    network = random_network(5)
    first, second = ei(network, permutations=99, seed=8), ei(network, permutations=99, seed=8)
    assert (first.p_lower, first.p_upper, first.p_two_sided) == (second.p_lower, second.p_upper, second.p_two_sided)


def test_random_groups_are_not_significant():
    result = ei(random_network(3, n=80), permutations=499, seed=2)
    assert result.p_two_sided > 0.05


def test_rescaled_index_is_minus_one_when_as_inward_as_group_sizes_allow():
    network = cliques_by_group()
    result = ei(network, permutations=0)
    # 57 edges, 56 possible inside: the lowest reachable E-I is (1 - 56) / 57, which is observed.
    assert result.minimum == pytest.approx(-55 / 57)
    assert result.rescaled == pytest.approx(-1.0)


def test_expected_index_is_the_share_of_pairs_between_groups():
    result = ei(cliques_by_group(size=8), permutations=0)
    between, inside = 64, 2 * 28
    assert result.expected == pytest.approx((between - inside) / (between + inside))


def test_summary_has_the_fixture_shape():
    summary = ei(random_network(1), permutations=9).summary()
    assert {"global", "E", "I", "groups"} <= set(summary)
    assert all({"E", "I", "ei"} <= set(g) for g in summary["groups"].values())


def test_each_inward_group_gets_its_own_permutation_p_value():
    result = ei(cliques_by_group(), permutations=199, seed=3)
    assert result.groups["A"].p_lower < 0.01
    assert result.groups["B"].p_lower < 0.01
