"""One diagnostic computed: the graph view from the database, the measures, one JSON result.

All graph measures come from `measures` (python-igraph); this module only shapes their output
for the cards, the exports and the fiche panel, and records how it was computed.
"""

from collections import Counter
from itertools import combinations

from django.conf import settings

from . import measures
from .graphs import group_labels

SEED = 42
PERMUTATIONS = 999
NODE_METRICS = (
    "degree",
    "in_degree",
    "out_degree",
    "betweenness",
    "pagerank",
    "coreness",
    "articulation_point",
    "constraint",
    "effective_size",
    "community",
    "coordinator",
    "itinerant",
    "representative",
    "gatekeeper",
    "liaison",
    "brokerage_total",
    "ei",
    "eigenvector",
)
MAX_NEIGHBOURS_FOR_ROLE = 200


def is_large(node_count):
    return node_count > settings.DIAGNOSTICS_BACKGROUND_ABOVE


def compute(view, *, progress=None):
    """The JSON-serialisable result of one run on a GraphView."""

    def step(percent, label):
        if progress:
            progress(percent, label)

    network = measures.Network(
        nodes=[measures.Node(str(node["id"]), node["label"], node["group"]) for node in view.nodes],
        edges=[measures.Edge(str(s), str(t), directed, kind) for s, t, directed, kind in view.edges],
    )
    approximate = len(view.nodes) > settings.DIAGNOSTICS_EXACT_BETWEENNESS_MAX_NODES
    step(10, "measures")
    diagnosis = measures.diagnose(
        network,
        approximate=approximate,
        seed=SEED,
        permutations=PERMUTATIONS,
        progress=lambda name, share: step(10 + round(share * 80), name),
    )
    nodes = []
    for node, metrics in zip(view.nodes, diagnosis.nodes, strict=True):
        row = dict(node)
        for name in NODE_METRICS:
            row[name] = getattr(metrics, name, None)
        row["share_lost"] = metrics.dependency_share if metrics.articulation_point else None
        nodes.append(row)
    _bridged_groups(nodes, view.edges)
    summary = diagnosis.summary()
    communities = _communities(nodes, diagnosis.communities)
    matrix = _group_matrix(view)
    step(95, "summary")
    return {
        "territory": view.territory,
        "groups": group_labels(),
        "nodes": nodes,
        "edge_count": len(view.edges),
        "external_relations": view.external_relations,
        "kind_counts": view.kind_counts,
        "disappeared": view.disappeared,
        "ei": summary["ei"],
        "views": summary["views"],
        "parameters": summary["parameters"],
        "communities": communities,
        "group_matrix": matrix,
        "settings": {
            "approximate": approximate,
            "seed": SEED,
            "permutations": PERMUTATIONS,
            "community_runs": diagnosis.communities.runs,
        },
    }


def _bridged_groups(nodes, edges):
    """For each broker, the pair of groups it most often links (neighbours not linked to each other)."""
    neighbours = {node["id"]: set() for node in nodes}
    for source, target, _directed, _kind in edges:
        neighbours[source].add(target)
        neighbours[target].add(source)
    group = {node["id"]: node["group"] for node in nodes}
    for node in nodes:
        node["bridged"] = None
        if not node.get("brokerage_total"):
            continue
        around = sorted(neighbours[node["id"]])[:MAX_NEIGHBOURS_FOR_ROLE]
        pairs = Counter()
        for a, b in combinations(around, 2):
            if b not in neighbours[a] and group[a] != group[b]:
                pairs[tuple(sorted((group[a], group[b])))] += 1
        if pairs:
            node["bridged"] = list(min(pairs.items(), key=lambda item: (-item[1], item[0]))[0])


def _communities(nodes, raw):
    """Communities of two actors or more, each named by its anchor (the member with most partners)."""
    members = {}
    for node in nodes:
        if node.get("community") is not None and node["degree"]:
            members.setdefault(node["community"], []).append(node)
    found = []
    for index, group in members.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda n: (-(n["degree"] or 0), n["slug"]))
        found.append(
            {
                "index": index,
                "anchor_slug": group[0]["slug"],
                "anchor_label": group[0]["label"],
                "size": len(group),
                "members": [n["label"] for n in group],
                "groups": dict(Counter(n["group"] for n in group).most_common()),
            }
        )
    found.sort(key=lambda c: (-c["size"], c["anchor_slug"]))
    return {
        "count": len(found),
        "modularity": raw.modularity,
        "stability": raw.stability_ari,
        "list": found,
    }


def _group_matrix(view):
    """Relations between and within groups on the undirected simple graph (each pair of actors once)."""
    group = {node["id"]: node["group"] for node in view.nodes}
    pairs = {tuple(sorted((s, t))) for s, t, _d, _k in view.edges}
    order = list(group_labels())
    present = sorted(set(group.values()), key=lambda g: order.index(g) if g in order else len(order))
    position = {g: i for i, g in enumerate(present)}
    values = [[0] * len(present) for _ in present]
    for a, b in pairs:
        i, j = position[group[a]], position[group[b]]
        values[i][j] += 1
        if i != j:
            values[j][i] += 1
    return {"groups": present, "values": values}
