"""A plain network (actors and relations) and the explicit graph views the measures read.

Relations of the ecosystem are of several kinds, some directed (a funder funds a lab), some
undirected (two labs collaborate), and two actors may be linked by several relations. Every
measure reads one of two views, built here and recorded with its results:

- the **directed view**: one arc a→b when at least one relation goes from a to b; an undirected
  relation counts as two arcs a→b and b→a; parallel relations collapse into one arc;
- the **undirected view**: one edge a–b when at least one relation links a and b, whatever its
  direction (the "simple graph").

Both may be restricted to some relation kinds. Self-relations (an actor with itself) are dropped
and counted. Nothing here touches Django or a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import igraph
import numpy as np


class NetworkError(ValueError):
    """An inconsistent network (duplicate actor, relation to an unknown actor)."""


@dataclass(frozen=True)
class Node:
    id: str
    label: str = ""
    group: str = ""  # e.g. the actor type code; brokerage roles and E-I compare groups


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    directed: bool = True
    kind: str = ""


@dataclass(frozen=True)
class Network:
    """Actors (in a fixed order: every per-node result follows it) and their relations."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...] = ()
    index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "nodes", tuple(self.nodes))
        object.__setattr__(self, "edges", tuple(self.edges))
        index = {}
        for i, node in enumerate(self.nodes):
            if node.id in index:
                raise NetworkError(f"duplicate node id {node.id!r}")
            index[node.id] = i
        for edge in self.edges:
            for end in (edge.source, edge.target):
                if end not in index:
                    raise NetworkError(f"edge {edge.source!r} -> {edge.target!r}: unknown node {end!r}")
        object.__setattr__(self, "index", index)

    @property
    def ids(self) -> list[str]:
        return [n.id for n in self.nodes]

    @property
    def groups(self) -> list[str]:
        return [n.group for n in self.nodes]

    @property
    def kinds(self) -> list[str]:
        return sorted({e.kind for e in self.edges})

    def __len__(self):
        return len(self.nodes)


@dataclass(frozen=True)
class GraphView:
    """One graph built from a network, with what was done to build it."""

    name: str  # "directed" or "undirected"
    kinds: tuple[str, ...] | None  # None: every relation kind
    graph: igraph.Graph = field(repr=False, compare=False)
    relations: int  # relations of the network read (after the kind filter)
    self_loops_dropped: int
    parallel_collapsed: int  # arcs or edges merged with an identical one

    @property
    def links(self) -> int:
        return self.graph.ecount()

    def describe(self) -> dict:
        """What to record beside a result computed on this view."""
        return {
            "view": self.name,
            "kinds": list(self.kinds) if self.kinds is not None else None,
            "nodes": self.graph.vcount(),
            "arcs" if self.name == "directed" else "edges": self.links,
            "relations": self.relations,
            "self_loops_dropped": self.self_loops_dropped,
            "parallel_collapsed": self.parallel_collapsed,
        }


def _selected(network: Network, kinds):
    if kinds is None:
        return None, list(network.edges)
    kinds = tuple(sorted(set(kinds)))
    return kinds, [e for e in network.edges if e.kind in kinds]


def _ends(network: Network, edges):
    """(sources, targets, directed) as arrays of node positions, self-relations removed, and their count."""
    index = network.index
    count = len(edges)
    sources = np.fromiter((index[e.source] for e in edges), dtype=np.int64, count=count)
    targets = np.fromiter((index[e.target] for e in edges), dtype=np.int64, count=count)
    directed = np.fromiter((e.directed for e in edges), dtype=bool, count=count)
    keep = sources != targets
    return sources[keep], targets[keep], directed[keep], int(count - keep.sum())


def _graph(n, sources, targets, directed):
    """An igraph graph with one link per distinct (source, target) pair, and how many were merged."""
    codes = np.unique(sources * max(n, 1) + targets)
    pairs = np.column_stack([codes // max(n, 1), codes % max(n, 1)])
    return igraph.Graph(n=n, edges=pairs.tolist(), directed=directed), len(sources) - len(codes)


def directed_view(network: Network, kinds=None) -> GraphView:
    """Arc a→b when a relation goes from a to b; an undirected relation is both arcs; parallels collapse."""
    kinds, edges = _selected(network, kinds)
    sources, targets, directed, loops = _ends(network, edges)
    both = ~directed
    graph, merged = _graph(
        len(network), np.concatenate([sources, targets[both]]), np.concatenate([targets, sources[both]]), True
    )
    return GraphView("directed", kinds, graph, len(edges), loops, merged)


def undirected_view(network: Network, kinds=None) -> GraphView:
    """Edge a–b when any relation links a and b, whatever its direction; parallels collapse."""
    kinds, edges = _selected(network, kinds)
    sources, targets, _, loops = _ends(network, edges)
    graph, merged = _graph(len(network), np.minimum(sources, targets), np.maximum(sources, targets), False)
    return GraphView("undirected", kinds, graph, len(edges), loops, merged)


def group_codes(network: Network):
    """(codes, names): each node's group as an integer 0..G-1, and the group names in code order."""
    names = sorted(set(network.groups))
    position = {name: i for i, name in enumerate(names)}
    return [position[g] for g in network.groups], names
