"""Every reference value of the shared fixtures (R sna, networkx, igraph) is matched to 1e-6."""

import pytest

from maillage.diagnostics.measures import Edge, Network, Node, diagnose, directed_view, ei_index, undirected_view
from maillage.diagnostics.measures.network import group_codes

from .helpers import GRAPHS, fixture_expected, fixture_network

ROLE_COLUMNS = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison", "brokerage_total"]


@pytest.fixture(scope="module", params=GRAPHS)
def case(request):
    network = fixture_network(request.param)
    rows, summary = fixture_expected(request.param)
    return network, diagnose(network, permutations=0, community_runs=0).by_id(), rows, summary


def mismatches(results, rows, columns):
    bad = []
    for ident, row in rows.items():
        for column in columns:
            got, want = getattr(results[ident], column), row[column]
            if want == "":
                if got is not None:
                    bad.append((ident, column, want, got))
            elif got is None or abs(got - float(want)) > 1e-6:
                bad.append((ident, column, want, got))
    return bad


def test_fixture_folders_are_present():
    assert len(GRAPHS) == 6


def test_brokerage_roles_match_sna(case):
    network, results, rows, _ = case
    assert mismatches(results, rows, ROLE_COLUMNS) == []


def test_betweenness_matches_networkx(case):
    network, results, rows, _ = case
    assert mismatches(results, rows, ["betweenness"]) == []


def test_constraint_and_effective_size_match_networkx_and_are_empty_for_isolated_nodes(case):
    network, results, rows, _ = case
    assert mismatches(results, rows, ["constraint", "effective_size"]) == []


def test_every_node_of_the_fixture_is_checked(case):
    network, results, rows, _ = case
    assert set(rows) == set(results)


def test_views_have_the_fixture_arc_and_edge_counts(case):
    network, _, _, summary = case
    assert directed_view(network).links == summary["arcs"]
    assert undirected_view(network).links == summary["edges_simple"]
    assert directed_view(network).relations == summary["rows_in_edges_csv"]


def test_ei_index_matches_global_and_per_group(case):
    network, _, _, summary = case
    codes, names = group_codes(network)
    result = ei_index(undirected_view(network).graph, codes, names, permutations=0)
    expected = summary["ei"]
    assert (expected["E"], expected["I"]) == (result.E, result.I)
    assert result.ei == pytest.approx(expected["global"], abs=1e-6)
    assert set(result.groups) == set(expected["groups"])
    for name, group in expected["groups"].items():
        got = result.groups[name]
        assert (group["E"], group["I"]) == (got.E, got.I)
        assert got.ei == (None if group["ei"] is None else pytest.approx(group["ei"], abs=1e-6))


def test_hand_checked_ei_index_of_the_fixtures_readme():
    nodes = [Node(str(i), group="A" if i <= 3 else "B") for i in range(1, 6)]
    edges = [Edge(a, b, directed=False) for a, b in [("1", "2"), ("2", "3"), ("3", "4"), ("4", "5"), ("1", "4")]]
    network = Network(nodes, edges)
    codes, names = group_codes(network)
    result = ei_index(undirected_view(network).graph, codes, names, permutations=0)
    assert (result.E, result.I, result.ei) == (2, 3, pytest.approx(-0.2))
    assert result.groups["A"].ei == pytest.approx(0.0)
    assert result.groups["B"].ei == pytest.approx(1 / 3)
