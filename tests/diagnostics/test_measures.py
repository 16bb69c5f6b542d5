"""Each measure against an independent oracle (networkx, or the textbook definition) on random graphs."""

import itertools

import networkx as nx
import pytest

from maillage.diagnostics.measures import (
    INTERACTIVE,
    ROLES,
    Edge,
    Network,
    NetworkError,
    Node,
    brokerage,
    communities,
    diagnose,
    directed_view,
    removal_impact,
    structure,
    undirected_view,
)
from maillage.diagnostics.measures.network import group_codes

from .helpers import random_network

SEEDS = range(6)


def nx_digraph(network):
    graph = nx.DiGraph()
    graph.add_nodes_from(range(len(network)))
    for e in network.edges:
        s, t = network.index[e.source], network.index[e.target]
        if s != t:
            graph.add_edge(s, t)
            if not e.directed:
                graph.add_edge(t, s)
    return graph


def nx_graph(network):
    return nx_digraph(network).to_undirected()


def close(a, b, tol=1e-6):
    return all((x is None and (y is None or y != y)) or abs(x - y) <= tol for x, y in zip(a, b, strict=True))


@pytest.fixture(params=SEEDS)
def network(request):
    return random_network(request.param, n=30 + 5 * request.param)


def test_directed_view_is_networkx_digraph(network):
    ours = directed_view(network).graph
    assert set(ours.get_edgelist()) == set(nx_digraph(network).edges())


def test_undirected_view_is_the_simple_graph(network):
    ours = {tuple(sorted(e)) for e in undirected_view(network).graph.get_edgelist()}
    assert ours == {tuple(sorted(e)) for e in nx_graph(network).edges()}


def test_views_restricted_to_a_kind_keep_only_its_relations(network):
    view = directed_view(network, kinds=["funding"])
    expected = Network(network.nodes, [e for e in network.edges if e.kind == "funding"])
    assert set(view.graph.get_edgelist()) == set(nx_digraph(expected).edges())
    assert view.describe()["kinds"] == ["funding"]


def test_views_count_dropped_self_loops_and_collapsed_parallels(network):
    view = directed_view(network)
    assert view.self_loops_dropped == 1
    assert view.parallel_collapsed >= len(network) // 10


def test_betweenness_is_networkx_directed_unnormalised(network):
    expected = nx.betweenness_centrality(nx_digraph(network), normalized=False)
    ours = structure.betweenness(directed_view(network).graph)
    assert ours.exact and close(ours.values, [expected[v] for v in range(len(network))])


def test_sampling_every_node_as_pivot_gives_the_exact_betweenness(network):
    graph = directed_view(network).graph
    exact = structure.betweenness(graph).values
    assert close(structure.betweenness(graph, pivots=len(network)).values, exact)


def test_approximate_betweenness_is_within_its_stated_error(network):
    graph = directed_view(network).graph
    exact = structure.betweenness(graph).values
    approx = structure.betweenness(graph, pivots=len(network) // 2, seed=3)
    assert not approx.exact
    within = sum(
        abs(a - e) <= 4 * s + 1e-9 for a, e, s in zip(approx.values, exact, approx.standard_error, strict=True)
    )
    assert within >= 0.9 * len(network)


def test_pagerank_is_networkx(network):
    expected = nx.pagerank(nx_digraph(network), tol=1e-12)
    assert close(structure.pagerank(directed_view(network).graph), [expected[v] for v in range(len(network))])


def test_eigenvector_is_networkx_scaled_to_one_on_a_connected_graph():
    graph = nx.connected_watts_strogatz_graph(40, 4, 0.3, seed=2)
    nodes = [Node(str(v)) for v in graph]
    network = Network(nodes, [Edge(str(a), str(b), directed=False) for a, b in graph.edges()])
    expected = nx.eigenvector_centrality_numpy(graph)
    top = max(expected.values())
    ours = structure.eigenvector(undirected_view(network).graph)
    assert close(ours, [expected[v] / top for v in graph])


def test_coreness_is_networkx_core_number(network):
    expected = nx.core_number(nx_graph(network))
    assert structure.coreness(undirected_view(network).graph) == [expected[v] for v in range(len(network))]


def test_constraint_is_networkx(network):
    expected = nx.constraint(nx_graph(network))
    assert close(structure.constraint(undirected_view(network).graph), [expected[v] for v in range(len(network))])


def test_effective_size_is_networkx(network):
    expected = nx.effective_size(nx_graph(network))
    assert close(structure.effective_size(undirected_view(network).graph), [expected[v] for v in range(len(network))])


def test_articulation_points_are_networkx(network):
    expected = set(nx.articulation_points(nx_graph(network)))
    assert structure.articulation_points(undirected_view(network).graph) == [v in expected for v in range(len(network))]


def test_bridges_are_networkx(network):
    expected = sorted(tuple(sorted(e)) for e in nx.bridges(nx_graph(network)))
    assert structure.bridges(undirected_view(network).graph) == expected


def sna_brokerage(network):
    """sna::brokerage's count, straight from its definition: every ordered triple a→v→b, a↛b."""
    graph = nx_digraph(network)
    group = network.groups
    counts = {role: [0] * len(network) for role in ROLES}
    for v in graph:
        for a, b in itertools.product(graph.predecessors(v), graph.successors(v)):
            if a == b or graph.has_edge(a, b):
                continue
            ga, gv, gb = group[a], group[v], group[b]
            if ga == gv == gb:
                role = "coordinator"
            elif ga == gv:
                role = "representative"
            elif gv == gb:
                role = "gatekeeper"
            elif ga == gb:
                role = "itinerant"
            else:
                role = "liaison"
            counts[role][v] += 1
    return counts


def test_brokerage_roles_follow_the_sna_definition(network):
    codes, _ = group_codes(network)
    ours = brokerage(directed_view(network).graph, codes)
    expected = sna_brokerage(network)
    for role in ROLES:
        assert ours[role].tolist() == expected[role], role
    assert ours["brokerage_total"].tolist() == [sum(expected[r][v] for r in ROLES) for v in range(len(network))]


def test_brokerage_with_many_groups_follows_the_sna_definition():
    network = random_network(11, n=45, p=0.12, groups="ABCDEFGHIJ")
    codes, _ = group_codes(network)
    ours = brokerage(directed_view(network).graph, codes)
    expected = sna_brokerage(network)
    assert {role: ours[role].tolist() for role in ROLES} == expected


def test_modularity_of_the_partition_is_networkx(network):
    graph = undirected_view(network).graph
    result = communities(graph, seed=1, runs=0)
    parts = {}
    for v, c in enumerate(result.membership):
        parts.setdefault(c, set()).add(v)
    assert result.modularity == pytest.approx(nx.community.modularity(nx_graph(network), parts.values()))


def test_communities_are_numbered_from_the_largest(network):
    result = communities(undirected_view(network).graph, seed=1, runs=0)
    assert result.sizes == sorted(result.sizes, reverse=True)
    assert [result.membership.count(c) for c in range(result.count)] == result.sizes


def two_cliques():
    nodes = [Node(f"x{i}", group="A" if i < 6 else "B") for i in range(12)]
    edges = [Edge(f"x{a}", f"x{b}", False) for a, b in itertools.combinations(range(6), 2)]
    edges += [Edge(f"x{a}", f"x{b}", False) for a, b in itertools.combinations(range(6, 12), 2)]
    edges.append(Edge("x0", "x6", True))
    return Network(nodes, edges)


def test_clear_communities_are_found_and_stable_across_seeds():
    result = communities(undirected_view(two_cliques()).graph, seed=0, runs=5)
    assert result.membership == [0] * 6 + [1] * 6
    assert result.stability_ari == pytest.approx(1.0)
    assert result.stability_nmi == pytest.approx(1.0)


def test_same_seed_gives_the_same_communities(network):
    graph = undirected_view(network).graph
    assert communities(graph, seed=7, runs=0).membership == communities(graph, seed=7, runs=0).membership


def brute_force_dependency(network, node):
    graph = nx_graph(network)
    v = network.index[node]
    component = nx.node_connected_component(graph, v)
    rest = graph.subgraph(component - {v})
    parts = sorted((len(c) for c in nx.connected_components(rest)), reverse=True)
    return len(component), len(parts), len(component) - 1 - parts[0]


def test_dependency_of_each_cut_point_matches_removing_it(network):
    deps = structure.dependencies(undirected_view(network).graph, network.ids)
    assert {d.node for d in deps} == {network.ids[v] for v in nx.articulation_points(nx_graph(network))}
    for d in deps:
        assert (d.component_size, d.pieces, d.separated) == brute_force_dependency(network, d.node)
        assert d.share == pytest.approx(d.separated / (d.component_size - 1))


def test_dependency_of_a_hub_holding_leaves_and_a_chain():
    # hub h links a triangle (h, a, b), two leaves and a chain c1-c2: without h, 4 actors are cut off.
    pairs = [("h", "a"), ("a", "b"), ("b", "h"), ("h", "l1"), ("h", "l2"), ("h", "c1"), ("c1", "c2")]
    network = Network([Node(x) for x in ("h", "a", "b", "l1", "l2", "c1", "c2")], [Edge(*p, False) for p in pairs])
    deps = {d.node: d for d in structure.dependencies(undirected_view(network).graph, network.ids)}
    assert set(deps) == {"h", "c1"}
    assert (deps["h"].pieces, deps["h"].separated, deps["h"].share) == (4, 4, pytest.approx(4 / 6))
    assert deps["h"].pairs_lost_share == pytest.approx((15 - 1 - 1) / 15)
    assert (deps["c1"].separated, deps["c1"].share) == (1, pytest.approx(1 / 6))


def test_network_rejects_duplicate_ids_and_unknown_ends():
    with pytest.raises(NetworkError):
        Network([Node("a"), Node("a")])
    with pytest.raises(NetworkError):
        Network([Node("a")], [Edge("a", "b")])


def test_diagnosis_rows_follow_node_order_and_record_views_and_parameters(network):
    result = diagnose(network, permutations=9, community_runs=2, seed=4)
    assert [m.id for m in result.nodes] == network.ids
    summary = result.summary()
    assert summary["views"]["directed"]["arcs"] == directed_view(network).links
    assert summary["parameters"]["seed"] == 4
    assert summary["parameters"]["betweenness"] == "exact"
    assert summary["communities"] == result.communities.count


def test_approximate_diagnosis_states_its_sample():
    result = diagnose(random_network(2, n=60), approximate=True, pivots=20, permutations=0, community_runs=0)
    assert result.parameters["betweenness"] == "approximate"
    assert result.parameters["pivots"] == 20
    assert all(m.betweenness_error is not None for m in result.nodes)


def test_degree_counts_distinct_partners_and_arcs_each_way(network):
    result = diagnose(network, permutations=0, community_runs=0)
    graph, digraph = nx_graph(network), nx_digraph(network)
    assert [m.degree for m in result.nodes] == [graph.degree(v) for v in range(len(network))]
    assert [m.in_degree for m in result.nodes] == [digraph.in_degree(v) for v in range(len(network))]
    assert [m.out_degree for m in result.nodes] == [digraph.out_degree(v) for v in range(len(network))]


def test_interactive_preset_is_exact_on_networks_smaller_than_the_sample(network):
    fast = diagnose(network, **INTERACTIVE)
    exact = diagnose(network, permutations=0, community_runs=0)
    assert fast.parameters["betweenness"] == "exact"
    assert [m.betweenness for m in fast.nodes] == [m.betweenness for m in exact.nodes]


@pytest.mark.parametrize(
    "network",
    [
        Network([]),
        Network([Node("a", group="x"), Node("b", group="y")]),
        Network([Node("a"), Node("b")], [Edge("a", "a")]),
    ],
    ids=["empty", "isolated", "self-relation-only"],
)
def test_networks_without_links_give_empty_measures_not_errors(network):
    result = diagnose(network)
    assert result.ei.ei is None
    assert result.communities.count == len(network)
    assert all(m.constraint is None and m.effective_size is None and m.ei is None for m in result.nodes)
    assert all(m.betweenness == 0 and m.brokerage_total == 0 for m in result.nodes)


def test_progress_is_reported_after_each_step_up_to_completion():
    seen = []
    diagnose(random_network(1), permutations=0, community_runs=0, progress=lambda step, share: seen.append(share))
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 3


def brute_force_removal(network, removed):
    graph = nx_graph(network)
    gone = {network.index[r] for r in removed}
    rest = graph.subgraph(set(graph) - gone)
    before = {v: i for i, c in enumerate(nx.connected_components(graph)) for v in c}
    after = list(nx.connected_components(rest))
    pairs = lambda groups: sum(len(g) * (len(g) - 1) // 2 for g in groups)  # noqa: E731
    old_groups = {}
    for v in rest:
        old_groups.setdefault(before[v], set()).add(v)
    separated = 0
    for members in old_groups.values():
        separated += len(members) - max(len(members & c) for c in after)
    share = 1 - pairs(after) / pairs(old_groups.values()) if pairs(old_groups.values()) else 0.0
    lost = sum(1 for a, b in graph.edges() if a in gone or b in gone)
    return separated, pytest.approx(share), lost


@pytest.mark.parametrize("count", [1, 3])
def test_removal_impact_matches_removing_the_actors(network, count):
    removed = network.ids[:count]
    impact = removal_impact(network, removed)
    assert (impact.separated, impact.pairs_lost_share, impact.relations_lost) == brute_force_removal(network, removed)
    assert impact.removed == tuple(removed)


def test_removal_impact_of_a_cut_point_in_a_connected_network_is_its_dependency():
    pairs = [("h", "a"), ("a", "b"), ("b", "h"), ("h", "l1"), ("h", "l2"), ("h", "c1"), ("c1", "c2")]
    network = Network([Node(x) for x in ("h", "a", "b", "l1", "l2", "c1", "c2")], [Edge(*p, False) for p in pairs])
    impact = removal_impact(network, ["h"])
    assert (impact.separated, impact.relations_lost, impact.partners) == (4, 5, 5)
    assert (impact.components_before, impact.components_after) == (1, 4)
    assert impact.pairs_lost_share == pytest.approx((15 - 2) / 15)


def test_removal_impact_rejects_unknown_actors():
    with pytest.raises(NetworkError):
        removal_impact(random_network(1), ["nobody"])
