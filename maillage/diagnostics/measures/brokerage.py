"""Gould–Fernandez brokerage roles, counted as R `sna::brokerage` counts them (raw scores).

In the directed view, v brokers for the ordered pair (a, b) when a→v and v→b exist, a→b does
not, and a, v, b are three distinct actors. Each such two-path counts once for v, in one role
given the groups of a, v and b:

=================  =========  ===========================================
role               sna name   groups (a → v → b)
=================  =========  ===========================================
coordinator        w_I        A → A → A   (all three in one group)
itinerant          w_O        A → B → A   (v outside the group it links)
representative     b_IO       A → A → B   (v speaks for its group outward)
gatekeeper         b_OI       A → B → B   (v lets outsiders in)
liaison            b_O        A → B → C   (three different groups)
=================  =========  ===========================================

and `brokerage_total` (sna's `t`) is their sum. Counts are computed with sparse matrix products
(exact integers) rather than by walking every two-path in Python.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def _adjacency(graph):
    n = graph.vcount()
    edges = np.array(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    data = np.ones(len(edges), dtype=np.int64)
    return sparse.csr_matrix((data, (edges[:, 0], edges[:, 1])), shape=(n, n))


def _masked(matrix, keep):
    """The entries (r, c) of a sparse matrix for which keep(r, c) holds."""
    coo = matrix.tocoo()
    mask = keep(coo.row, coo.col)
    return sparse.csr_matrix((coo.data[mask], (coo.row[mask], coo.col[mask])), shape=matrix.shape)


def brokerage(graph, groups) -> dict[str, np.ndarray]:
    """Raw role counts per node of a directed simple graph; `groups` holds one integer per node."""
    n = graph.vcount()
    cl = np.asarray(groups, dtype=np.int64)
    zero = np.zeros(n, dtype=np.int64)
    if n == 0 or graph.ecount() == 0:
        return {role: zero.copy() for role in (*ROLES, "brokerage_total")}
    g = int(cl.max()) + 1
    a = _adjacency(graph)
    at = a.T.tocsr()
    member = sparse.csr_matrix((np.ones(n, dtype=np.int64), (np.arange(n), cl)), shape=(n, g))
    rows = np.arange(n)

    # Two-paths i→j→k with i ≠ k, by the groups of i and k (closed or not).
    in_by = np.asarray((at @ member).todense())  # [j, c]: i in c with i→j
    out_by = np.asarray((a @ member).todense())  # [j, c]: k in c with j→k
    mutual_by = np.asarray((a.multiply(at) @ member).todense())  # [j, c]: i in c with i↔j
    in_all, out_all, mutual_all = in_by.sum(1), out_by.sum(1), mutual_by.sum(1)
    in_own, out_own, mutual_own = in_by[rows, cl], out_by[rows, cl], mutual_by[rows, cl]
    paths = {
        "coordinator": in_own * out_own - mutual_own,
        "representative": in_own * (out_all - out_own),
        "gatekeeper": (in_all - in_own) * out_own,
        "itinerant": (in_by * out_by - mutual_by).sum(1) - (in_own * out_own - mutual_own),
        "total": in_all * out_all - mutual_all,
    }

    # Closed two-paths (i→k exists): for each arc j→k, the i with i→j and i→k.
    same = lambda r, c: cl[r] == cl[c]  # noqa: E731
    both = (at @ a).multiply(a).tocsr()  # [j, k]: i with i→j, i→k, for arcs j→k
    own_i = (_masked(at, same) @ a).multiply(a).tocsr()  # ... with i in j's group
    i_like_k = (at @ _masked(a, same)).multiply(a).tocsr()  # ... with i in k's group

    def by_k_group(matrix, same_as_j):
        coo = matrix.tocoo()
        keep = (cl[coo.row] == cl[coo.col]) == same_as_j
        return np.bincount(coo.row[keep], weights=coo.data[keep], minlength=n).astype(np.int64)

    closed = {
        "coordinator": by_k_group(own_i, True),
        "representative": by_k_group(own_i, False),
        "gatekeeper": by_k_group(both, True) - by_k_group(own_i, True),
        "itinerant": by_k_group(i_like_k, False),
        "total": np.asarray(both.sum(1)).ravel().astype(np.int64),
    }
    counts = {role: paths[role] - closed[role] for role in ("coordinator", "representative", "gatekeeper", "itinerant")}
    total = paths["total"] - closed["total"]
    counts["liaison"] = total - sum(counts.values())
    counts["brokerage_total"] = total
    return {role: counts[role].astype(np.int64) for role in (*ROLES, "brokerage_total")}
