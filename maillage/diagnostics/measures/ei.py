"""Krackhardt and Stern's E-I index: do actors of a group link outside it (E) or among themselves (I)?

Computed on the undirected view (one edge per linked pair). For the whole network,
E = edges between two groups, I = edges inside one group, and E-I = (E − I) / (E + I), from −1
(only among themselves: "entre-soi") to +1 (only outward). For a group, E = edges with exactly
one end in it and I = edges with both ends in it. For an actor, E and I count its partners outside
and inside its group. Undefined (None) without any edge.

The **rescaled** index places the observed value between the lowest and highest E-I that the same
number of edges could reach given the group sizes (−1 = as inward as possible, +1 = as outward as
possible), since a small group cannot have many internal edges. The **expected** index is the
value if edges fell on pairs at random (share of pairs between groups). The **permutation test**
shuffles group labels across actors (sizes kept, edges kept) with a fixed seed and reports how
often a shuffled network is as inward (p_lower) or as outward (p_upper) as the observed one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


def _ratio(e, i):
    return None if e + i == 0 else (e - i) / (e + i)


@dataclass(frozen=True)
class GroupEI:
    E: int
    I: int  # noqa: E741 - the index's own letters
    ei: float | None
    p_lower: float | None = None  # share of permutations with E-I <= observed (entre-soi)
    p_upper: float | None = None  # share of permutations with E-I >= observed (outward)
    size: int = 0


@dataclass(frozen=True)
class EIResult:
    E: int
    I: int  # noqa: E741
    ei: float | None
    expected: float | None  # E-I if edges fell on random pairs
    rescaled: float | None  # −1 (as inward as the sizes allow) .. +1 (as outward as possible)
    minimum: float | None
    maximum: float | None
    p_lower: float | None
    p_upper: float | None
    p_two_sided: float | None
    permutations: int
    seed: int
    groups: dict[str, GroupEI]
    per_node: list[float | None] = field(repr=False)

    def summary(self) -> dict:
        return {
            "global": self.ei,
            "E": self.E,
            "I": self.I,
            "expected": self.expected,
            "rescaled": self.rescaled,
            "min": self.minimum,
            "max": self.maximum,
            "p_lower": self.p_lower,
            "p_upper": self.p_upper,
            "p_two_sided": self.p_two_sided,
            "permutations": self.permutations,
            "seed": self.seed,
            "groups": {
                name: {"E": g.E, "I": g.I, "ei": g.ei, "size": g.size, "p_lower": g.p_lower, "p_upper": g.p_upper}
                for name, g in self.groups.items()
            },
        }


def _counts(u_group, v_group, n_groups):
    """(E, I, per-group E, per-group I) for edges whose ends are in the given groups."""
    inside = u_group == v_group
    internal = int(inside.sum())
    group_i = np.bincount(u_group[inside], minlength=n_groups)
    cross_u, cross_v = u_group[~inside], v_group[~inside]
    group_e = np.bincount(cross_u, minlength=n_groups) + np.bincount(cross_v, minlength=n_groups)
    return len(u_group) - internal, internal, group_e, group_i


def _bounds(sizes, edges):
    """Lowest and highest E-I reachable by `edges` edges between actors of these group sizes."""
    sizes = np.asarray(sizes, dtype=np.int64)
    n = int(sizes.sum())
    inner_pairs = int((sizes * (sizes - 1) // 2).sum())
    outer_pairs = n * (n - 1) // 2 - inner_pairs
    if edges == 0:
        return None, None, None
    i_max = min(edges, inner_pairs)
    e_max = min(edges, outer_pairs)
    lowest = ((edges - i_max) - i_max) / edges
    highest = (e_max - (edges - e_max)) / edges
    expected = (outer_pairs - inner_pairs) / (outer_pairs + inner_pairs)
    return lowest, highest, expected


def ei_index(graph, groups, names, *, permutations: int = 999, seed: int = 0) -> EIResult:
    """E-I index of an undirected simple graph; `groups` holds each node's code into `names`."""
    cl = np.asarray(groups, dtype=np.int64)
    n_groups = len(names)
    edges = np.array(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    u, v = edges[:, 0], edges[:, 1]
    e, i, group_e, group_i = _counts(cl[u], cl[v], n_groups)
    observed = _ratio(e, i)
    sizes = np.bincount(cl, minlength=n_groups)

    # Per actor: partners outside / inside its group.
    same = cl[u] == cl[v]
    n = len(cl)
    node_i = np.bincount(u[same], minlength=n) + np.bincount(v[same], minlength=n)
    node_e = np.bincount(u[~same], minlength=n) + np.bincount(v[~same], minlength=n)
    per_node = [_ratio(int(a), int(b)) for a, b in zip(node_e, node_i, strict=True)]

    lowest, highest, expected = _bounds(sizes, len(edges))
    rescaled = None
    if observed is not None and highest is not None and highest > lowest:
        rescaled = 2 * (observed - lowest) / (highest - lowest) - 1

    p_lower = p_upper = p_two = None
    group_p = {}
    if permutations and len(edges):
        rng = np.random.default_rng(seed)
        below = above = extreme = 0
        g_below = np.zeros(n_groups, dtype=np.int64)
        g_above = np.zeros(n_groups, dtype=np.int64)
        observed_g = np.array([_ratio(a, b) if a + b else np.nan for a, b in zip(group_e, group_i, strict=True)])
        eps = 1e-12
        for _ in range(permutations):
            shuffled = rng.permutation(cl)
            pe, pi, pge, pgi = _counts(shuffled[u], shuffled[v], n_groups)
            value = (pe - pi) / (pe + pi)
            below += value <= observed + eps
            above += value >= observed - eps
            extreme += abs(value - expected) >= abs(observed - expected) - eps
            total = pge + pgi
            with np.errstate(invalid="ignore", divide="ignore"):
                gv = np.where(total > 0, (pge - pgi) / np.maximum(total, 1), np.nan)
            g_below += gv <= observed_g + eps
            g_above += gv >= observed_g - eps
        p_lower = (below + 1) / (permutations + 1)
        p_upper = (above + 1) / (permutations + 1)
        p_two = (extreme + 1) / (permutations + 1)
        for k in range(n_groups):
            if not np.isnan(observed_g[k]):
                group_p[k] = ((g_below[k] + 1) / (permutations + 1), (g_above[k] + 1) / (permutations + 1))

    group_results = {}
    for k, name in enumerate(names):
        pl, pu = group_p.get(k, (None, None))
        group_results[name] = GroupEI(
            int(group_e[k]), int(group_i[k]), _ratio(int(group_e[k]), int(group_i[k])), pl, pu, int(sizes[k])
        )
    return EIResult(
        E=e,
        I=i,
        ei=observed,
        expected=expected,
        rescaled=rescaled,
        minimum=lowest,
        maximum=highest,
        p_lower=p_lower,
        p_upper=p_upper,
        p_two_sided=p_two,
        permutations=permutations if len(edges) else 0,
        seed=seed,
        groups=group_results,
        per_node=per_node,
    )
