"""Positions in the network: centralities, structural holes, cores, cut points, dependency.

Each function takes one graph view's igraph graph and returns one value per node, in node order.
igraph (C core) computes everything it has; only Burt's effective size and the per-cut-point
dependency are assembled here from igraph results.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import igraph
import numpy as np


@dataclass(frozen=True)
class Betweenness:
    values: list[float]
    exact: bool
    pivots: int  # source actors sampled (all actors when exact)
    standard_error: list[float] | None  # per node, estimated from batches of pivots (approximate only)
    seed: int | None


def betweenness(graph, *, pivots: int | None = None, seed: int = 0, batches: int = 10) -> Betweenness:
    """Shortest-path betweenness, unnormalised, directed on a directed view.

    Exact (Brandes, igraph) unless `pivots` is smaller than the number of nodes: then the
    shortest paths from `pivots` sources drawn at random (seeded) are counted and scaled by
    n / pivots (Brandes and Pich's unbiased estimator). The sources are drawn in `batches` equal
    batches; the spread of the batch estimates gives each node's standard error.
    """
    n = graph.vcount()
    directed = graph.is_directed()
    if pivots is None or pivots >= n or n == 0:
        return Betweenness([float(x) for x in graph.betweenness(directed=directed)], True, n, None, None)
    rng = np.random.default_rng(seed)
    sources = rng.choice(n, size=pivots, replace=False)
    parts = [p for p in np.array_split(sources, max(1, min(batches, pivots))) if len(p)]
    estimates = np.array(
        [np.asarray(graph.betweenness(directed=directed, sources=p.tolist())) * (n / len(p)) for p in parts]
    )
    weights = np.array([len(p) for p in parts], dtype=float) / pivots
    mean = (estimates * weights[:, None]).sum(0)
    if len(parts) > 1:
        # Batch means: the batch estimates scatter around the mean; with weights w_b = 1/B this is
        # the sample standard deviation of the batches divided by sqrt(B).
        error = np.sqrt(((estimates - mean) ** 2 * weights[:, None]).sum(0) / (len(parts) - 1)).tolist()
    else:  # a single pivot: no spread to measure
        error = None
    return Betweenness(mean.tolist(), False, pivots, error, seed)


def pagerank(graph, damping: float = 0.85) -> list[float]:
    """PageRank. ARPACK rather than igraph's default PRPACK: same values (to 1e-15 on the benchmark
    graph), but PRPACK's threads made its time erratic (2 to 300 ms) on a shared machine."""
    return list(graph.pagerank(directed=graph.is_directed(), damping=damping, implementation="arpack"))


def eigenvector(graph) -> list[float]:
    """Eigenvector centrality of an undirected view, scaled so that the highest is 1.

    Computed on the whole graph, as networkx does: when it is not connected, actors outside the
    component holding the leading eigenvector get (nearly) 0, which igraph warns about; the README
    states this caveat, so the warning is not repeated.
    """
    if graph.ecount() == 0:
        return [0.0] * graph.vcount()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Some eigenvector centralities are nearly zero")
        return list(graph.eigenvector_centrality(scale=True))


def coreness(graph) -> list[int]:
    return list(graph.coreness(mode="all"))


def constraint(graph) -> list[float | None]:
    """Burt's constraint on the undirected simple view, unweighted; None for isolated actors."""
    values = graph.constraint()
    degrees = graph.degree()
    return [None if d == 0 or math.isnan(c) else float(c) for c, d in zip(values, degrees, strict=True)]


def effective_size(graph) -> list[float | None]:
    """Burt's effective size, unweighted undirected (Borgatti's form, as networkx computes it).

    n − 2t / n, where n is the number of partners and t the number of ties among them: the
    partners minus the redundancy of partners who know each other. None for isolated actors.
    t comes from igraph's local clustering coefficient (t = c · n(n − 1) / 2, an integer).
    """
    degrees = graph.degree()
    clustering = graph.transitivity_local_undirected(mode="zero")
    result = []
    for d, c in zip(degrees, clustering, strict=True):
        ties_among = round(c * d * (d - 1) / 2)
        result.append(None if d == 0 else float(d - 2 * ties_among / d))
    return result


def articulation_points(graph) -> list[bool]:
    points = set(graph.articulation_points())
    return [v in points for v in range(graph.vcount())]


def bridges(graph) -> list[tuple[int, int]]:
    """Edges whose removal disconnects their two ends, as (node, node) index pairs."""
    return sorted(graph.es[e].tuple for e in graph.bridges())


@dataclass(frozen=True)
class Dependency:
    """What the network loses if one cut point disappears (within its connected component)."""

    node: int | str  # node index, or id when ids are given
    component_size: int  # actors of its connected component, itself included
    pieces: int  # parts its component falls into without it
    separated: int  # actors no longer connected to the largest remaining part
    share: float  # separated / (component_size − 1)
    pairs_lost_share: float  # share of the component's connected pairs (without it) that are lost


def dependencies(graph, ids=None) -> list[Dependency]:
    """For each cut point of an undirected view, how its removal splits its component.

    Built from igraph's biconnected components: the block–cut tree is rooted, each tree node
    weighs its actors (a block counts the actors that are in no other tree node), and the parts
    left by removing a cut point are its child subtrees plus the rest of its component.
    """
    blocks, cuts = graph.biconnected_components(return_articulation_points=True)
    if not cuts:
        return []
    component_of = graph.connected_components().membership
    component_size = np.bincount(component_of, minlength=1)
    cuts = sorted(cuts)
    cut_index = {v: i for i, v in enumerate(cuts)}
    # Tree nodes: 0..len(cuts)-1 the cut points, then one per block.
    weight = [1] * len(cuts)
    tree_edges = []
    for b, members in enumerate(blocks):
        node = len(cuts) + b
        weight.append(sum(1 for v in members if v not in cut_index))
        tree_edges += [(cut_index[v], node) for v in members if v in cut_index]
    tree = igraph.Graph(n=len(weight), edges=tree_edges, directed=False)
    subtree = np.array(weight, dtype=np.int64)
    parent = np.full(len(weight), -1, dtype=np.int64)
    seen = np.zeros(len(weight), dtype=bool)
    for root in range(len(cuts)):
        if seen[root]:
            continue
        order, _, parents = tree.bfs(root)
        order = [v for v in order if v >= 0 and not seen[v]]
        for v in order:
            seen[v] = True
            if v != root:
                parent[v] = parents[v]
        for v in reversed(order):
            if v != root:
                subtree[parent[v]] += subtree[v]
    children = [[] for _ in weight]
    for v, p in enumerate(parent):
        if p >= 0:
            children[p].append(v)
    result = []
    for i, v in enumerate(cuts):
        size = int(component_size[component_of[v]])
        parts = [int(subtree[c]) for c in children[i]]
        rest = size - 1 - sum(parts)
        if rest > 0:
            parts.append(rest)
        largest = max(parts)
        separated = size - 1 - largest
        pairs_before = (size - 1) * (size - 2) // 2
        pairs_after = sum(p * (p - 1) // 2 for p in parts)
        result.append(
            Dependency(
                node=ids[v] if ids is not None else v,
                component_size=size,
                pieces=len(parts),
                separated=separated,
                share=separated / (size - 1),
                pairs_lost_share=(pairs_before - pairs_after) / pairs_before if pairs_before else 0.0,
            )
        )
    return result


@dataclass(frozen=True)
class RemovalImpact:
    """What the network loses without some actors (e.g. a lab that disappeared), on the undirected view."""

    removed: tuple[str, ...]
    relations_lost: int  # links of the view with at least one removed end
    partners: int  # distinct remaining actors that were linked to a removed one
    separated: int  # remaining actors cut off from the largest remaining part of their former component
    pairs_lost_share: float  # share of connected pairs of remaining actors that are no longer connected
    components_before: int  # connected parts of the remaining actors, before and after the removal
    components_after: int


def removal_impact(graph, ids, removed) -> RemovalImpact:
    """Remove the actors `removed` (ids) from an undirected view and measure what is disconnected."""
    position = {ident: v for v, ident in enumerate(ids)}
    gone = sorted({position[r] for r in removed})
    keep = np.ones(graph.vcount(), dtype=bool)
    keep[gone] = False
    before = np.asarray(graph.connected_components().membership)
    partners = {u for v in gone for u in graph.neighbors(v) if keep[u]}
    lost = len({e for v in gone for e in graph.incident(v)})
    rest = graph.induced_subgraph(np.flatnonzero(keep).tolist())
    after = np.asarray(rest.connected_components().membership)
    old = before[keep]
    pairs_before = sum(c * (c - 1) // 2 for c in np.bincount(old)) if len(old) else 0
    pairs_after = sum(c * (c - 1) // 2 for c in np.bincount(after)) if len(after) else 0
    separated = 0
    for component in np.unique(old):
        parts = np.bincount(after[old == component])
        separated += int(parts.sum() - parts.max())
    return RemovalImpact(
        removed=tuple(ids[v] for v in gone),
        relations_lost=lost,
        partners=len(partners),
        separated=separated,
        pairs_lost_share=(pairs_before - pairs_after) / pairs_before if pairs_before else 0.0,
        components_before=len(np.unique(old)),
        components_after=len(np.unique(after)),
    )
