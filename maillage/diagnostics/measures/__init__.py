"""Pure graph measures of an ecosystem network (no Django, no database): see ../README.md.

Public API (stable: add, don't rename):

    from maillage.diagnostics.measures import Network, Node, Edge, diagnose
    network = Network(nodes=[Node("a1", "Labo 63", "lab_local"), ...],
                      edges=[Edge("a1", "a2", directed=False, kind="collaboration"), ...])
    result = diagnose(network)                  # exact; diagnose(network, approximate=True) for large graphs
    result.nodes            # list[NodeMetrics], in node order (degree, betweenness, roles, ei, ...)
    result.ei               # EIResult: global / per group E-I, rescaled, permutation p-values
    result.communities      # Communities: membership, modularity, stability over seeds
    result.dependencies     # list[Dependency]: cut points and what their removal separates
    result.summary()        # JSON-serialisable network-level results, with views and parameters
    removal_impact(network, ["a1"])  # what the network loses without some actors (disappeared lab)
"""

from .brokerage import ROLES, brokerage
from .communities import Communities, communities
from .diagnosis import (
    DEFAULT_COMMUNITY_RUNS,
    DEFAULT_PERMUTATIONS,
    DEFAULT_PIVOTS,
    INTERACTIVE,
    METRIC_COLUMNS,
    Diagnosis,
    NodeMetrics,
    diagnose,
    removal_impact,
)
from .ei import EIResult, GroupEI, ei_index
from .network import Edge, GraphView, Network, NetworkError, Node, directed_view, group_codes, undirected_view
from .structure import Betweenness, Dependency, RemovalImpact

__all__ = [
    "DEFAULT_COMMUNITY_RUNS",
    "DEFAULT_PERMUTATIONS",
    "DEFAULT_PIVOTS",
    "INTERACTIVE",
    "METRIC_COLUMNS",
    "ROLES",
    "Betweenness",
    "Communities",
    "Dependency",
    "Diagnosis",
    "EIResult",
    "Edge",
    "GraphView",
    "GroupEI",
    "Network",
    "NetworkError",
    "Node",
    "NodeMetrics",
    "RemovalImpact",
    "brokerage",
    "communities",
    "diagnose",
    "directed_view",
    "ei_index",
    "removal_impact",
    "group_codes",
    "undirected_view",
]
