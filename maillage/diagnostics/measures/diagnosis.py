"""One call computing every measure of a network, with the views and parameters it used."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from . import structure
from .brokerage import ROLES, brokerage
from .communities import Communities, communities
from .ei import EIResult, ei_index
from .network import Network, NetworkError, directed_view, group_codes, undirected_view

DEFAULT_PIVOTS = 1000  # sources sampled by the approximate betweenness (see README: measured error)
DEFAULT_PERMUTATIONS = 999
DEFAULT_COMMUNITY_RUNS = 10
# The interactive preset (pages computed while the user waits): sampled betweenness, fewer stability
# runs and permutations; `diagnose(network, **INTERACTIVE)`. Exact on networks of <= DEFAULT_PIVOTS actors.
INTERACTIVE = {"approximate": True, "community_runs": 2, "permutations": 199}

# Per-node columns, in the order of the metrics CSV (after Id, Label and the group column).
METRIC_COLUMNS = [
    "degree",
    "in_degree",
    "out_degree",
    "betweenness",
    "betweenness_error",
    "pagerank",
    "eigenvector",
    "constraint",
    "effective_size",
    "coreness",
    "articulation_point",
    "dependency_separated",
    "dependency_share",
    "community",
    *ROLES,
    "brokerage_total",
    "ei",
]


@dataclass(frozen=True)
class NodeMetrics:
    id: str
    label: str
    group: str
    degree: int  # distinct partners (undirected view)
    in_degree: int  # directed view
    out_degree: int
    betweenness: float  # directed view, unnormalised
    betweenness_error: float | None  # standard error when approximate, else None
    pagerank: float  # directed view, damping 0.85
    eigenvector: float  # undirected view, highest = 1
    constraint: float | None  # undirected view; None when isolated
    effective_size: float | None
    coreness: int
    articulation_point: bool
    dependency_separated: int  # actors cut off from the main remaining part without it (0 if not a cut point)
    dependency_share: float  # the same as a share of the rest of its component
    community: int
    coordinator: int
    itinerant: int
    representative: int
    gatekeeper: int
    liaison: int
    brokerage_total: int
    ei: float | None  # partners outside vs inside its group; None when isolated


@dataclass(frozen=True)
class Diagnosis:
    nodes: list[NodeMetrics]
    ei: EIResult
    communities: Communities
    dependencies: list[structure.Dependency]  # one per cut point, node = actor id, most separating first
    bridges: list[tuple[str, str]]  # undirected view edges whose removal disconnects their ends
    views: dict[str, dict]  # the graph views used, as GraphView.describe()
    parameters: dict
    timings: dict[str, float] = field(compare=False)  # seconds per step (informative only)

    def by_id(self) -> dict[str, NodeMetrics]:
        return {m.id: m for m in self.nodes}

    def rows(self) -> list[dict]:
        """One dict per node: id, label, group and METRIC_COLUMNS."""
        return [asdict(m) for m in self.nodes]

    def summary(self) -> dict:
        """JSON-serialisable network-level results."""
        return {
            "nodes": len(self.nodes),
            "views": self.views,
            "parameters": self.parameters,
            "ei": self.ei.summary(),
            "modularity": self.communities.modularity,
            "communities": self.communities.count,
            "community_detail": self.communities.summary(),
            "articulation_points": len(self.dependencies),
            "dependencies": [asdict(d) for d in self.dependencies],
            "bridges": [list(b) for b in self.bridges],
        }


def diagnose(
    network: Network,
    *,
    kinds=None,
    approximate: bool = False,
    pivots: int | None = None,
    seed: int = 0,
    permutations: int = DEFAULT_PERMUTATIONS,
    community_runs: int = DEFAULT_COMMUNITY_RUNS,
    progress: Callable[[str, float], None] | None = None,
) -> Diagnosis:
    """Every measure of `network` (relations of `kinds`, or all), in node order.

    `approximate` samples `pivots` sources for betweenness (default DEFAULT_PIVOTS) instead of all;
    everything else is exact. `seed` fixes the betweenness sample, the Leiden runs and the E-I
    permutations. `progress(step, share_done)` is called between steps.
    """
    steps = ["views", "degrees", "betweenness", "centralities", "holes", "brokerage", "ei", "communities", "cuts"]
    timings: dict[str, float] = {}
    started = time.perf_counter()

    def done(step):
        nonlocal started
        now = time.perf_counter()
        timings[step] = now - started
        started = now
        if progress is not None:
            progress(step, (steps.index(step) + 1) / len(steps))

    directed = directed_view(network, kinds)
    simple = undirected_view(network, kinds)
    dg, ug = directed.graph, simple.graph
    codes, names = group_codes(network)
    ids = network.ids
    done("views")

    degree = ug.degree()
    in_degree, out_degree = dg.indegree(), dg.outdegree()
    done("degrees")

    n = len(network)
    sample = None
    if approximate:
        sample = min(n, pivots if pivots is not None else DEFAULT_PIVOTS)
    between = structure.betweenness(dg, pivots=sample, seed=seed)
    done("betweenness")

    pagerank = structure.pagerank(dg)
    eigen = structure.eigenvector(ug)
    core = structure.coreness(ug)
    done("centralities")

    constraint = structure.constraint(ug)
    effective = structure.effective_size(ug)
    done("holes")

    roles = brokerage(dg, codes)
    done("brokerage")

    ei = ei_index(ug, codes, names, permutations=permutations, seed=seed)
    done("ei")

    comms = communities(ug, seed=seed, runs=community_runs)
    done("communities")

    cut = structure.articulation_points(ug)
    deps = structure.dependencies(ug, ids)
    by_node = {d.node: d for d in deps}
    deps.sort(key=lambda d: (-d.separated, -d.pairs_lost_share, network.index[d.node]))
    bridge_ids = [(ids[a], ids[b]) for a, b in structure.bridges(ug)]
    done("cuts")

    nodes = []
    for v, node in enumerate(network.nodes):
        dep = by_node.get(node.id)
        nodes.append(
            NodeMetrics(
                id=node.id,
                label=node.label,
                group=node.group,
                degree=degree[v],
                in_degree=in_degree[v],
                out_degree=out_degree[v],
                betweenness=between.values[v],
                betweenness_error=between.standard_error[v] if between.standard_error is not None else None,
                pagerank=pagerank[v],
                eigenvector=eigen[v],
                constraint=constraint[v],
                effective_size=effective[v],
                coreness=core[v],
                articulation_point=cut[v],
                dependency_separated=dep.separated if dep else 0,
                dependency_share=dep.share if dep else 0.0,
                community=comms.membership[v],
                coordinator=int(roles["coordinator"][v]),
                itinerant=int(roles["itinerant"][v]),
                representative=int(roles["representative"][v]),
                gatekeeper=int(roles["gatekeeper"][v]),
                liaison=int(roles["liaison"][v]),
                brokerage_total=int(roles["brokerage_total"][v]),
                ei=ei.per_node[v],
            )
        )
    parameters = {
        "kinds": directed.describe()["kinds"],
        "groups": names,
        "betweenness": "exact" if between.exact else "approximate",
        "pivots": between.pivots,
        "seed": seed,
        "permutations": ei.permutations,
        "community_runs": comms.runs,
        "leiden": "modularity",
    }
    views = {"directed": directed.describe(), "undirected": simple.describe()}
    return Diagnosis(nodes, ei, comms, deps, bridge_ids, views, parameters, timings)


def removal_impact(network: Network, removed, *, kinds=None) -> structure.RemovalImpact:
    """What the network (relations of `kinds`, or all) loses without the actors `removed` (ids)."""
    unknown = [r for r in removed if r not in network.index]
    if unknown:
        raise NetworkError(f"unknown node(s) {unknown!r}")
    return structure.removal_impact(undirected_view(network, kinds).graph, network.ids, removed)
