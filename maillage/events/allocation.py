"""Optimal workshop allocation on plain data (no database), shared by the command and the organiser page.

Model: each attendee gets exactly one workshop in each session they attend, never the same theme
twice, only themes offered in that session, within capacities; minimise the sum of rank², where an
unranked theme costs (number of themes + 1)². Solved exactly with scipy's `milp` (HiGHS).

Attendees with the same (sessions, choices) profile and no pin are interchangeable, so the model
uses one integer variable per (profile, session, theme) counting how many of them take that
workshop. Any integer solution splits back into individual paths: per profile, the bipartite
multigraph sessions × themes has every session of degree n and every theme of degree ≤ n, so by
König's edge-colouring theorem it is the union of n matchings covering every session (see
`_split_profile`). The aggregated and the per-attendee models therefore have the same optimum
(also checked by the tests).
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_matrix


@dataclass(frozen=True)
class Workshop:
    theme: str
    session: str
    capacity: int


@dataclass(frozen=True)
class Attendee:
    id: str
    sessions: tuple[str, ...]
    choices: tuple[str, ...]


@dataclass(frozen=True)
class Pin:
    attendee: str
    session: str
    theme: str


class AllocationError(Exception):
    """No allocation exists (or the data is inconsistent); the message says why, in French."""

    def __init__(self, message, shortages=None):
        super().__init__(message)
        self.shortages = shortages or []


@dataclass
class Allocation:
    assignment: dict[str, dict[str, str]]  # attendee -> session -> theme
    objective: int
    worst_rank: int
    optimal: bool
    mip_gap: float | None
    solve_seconds: float
    variables: int
    method: str = "milp"  # "lp" when the relaxation was already integral, "fcfs" for the baseline
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # (attendee, session) left without a seat


class Problem:
    """Validated instance: sessions in order, capacities, attendees, pins."""

    def __init__(self, workshops, attendees, pins=()):
        self.workshops = list(workshops)
        self.attendees = list(attendees)
        self.pins = list(pins)
        self.sessions = []
        self.capacity = {}
        themes = []
        for w in self.workshops:
            if w.session not in self.sessions:
                self.sessions.append(w.session)
            if w.theme not in themes:
                themes.append(w.theme)
            if (w.session, w.theme) in self.capacity:
                raise AllocationError(
                    _("Le thème %(theme)s est proposé deux fois dans la session %(session)s.")
                    % {"theme": w.theme, "session": w.session}
                )
            if w.capacity < 0:
                raise AllocationError(
                    _("La capacité de l'atelier %(theme)s en session %(session)s est négative.")
                    % {"theme": w.theme, "session": w.session}
                )
            self.capacity[(w.session, w.theme)] = w.capacity
        self.themes = themes
        self.offered = {s: [t for t in themes if (s, t) in self.capacity] for s in self.sessions}
        self.unranked_rank = len(themes) + 1
        ids = set()
        for a in self.attendees:
            if a.id in ids:
                raise AllocationError(_("Le participant %(id)s apparaît deux fois.") % {"id": a.id})
            ids.add(a.id)
            for s in a.sessions:
                if s not in self.offered:
                    raise AllocationError(
                        _("Le participant %(id)s suit la session %(session)s, qui n'a aucun atelier.")
                        % {"id": a.id, "session": s}
                    )
            if len(set(a.sessions)) != len(a.sessions):
                raise AllocationError(_("Le participant %(id)s cite deux fois la même session.") % {"id": a.id})
            if len(set(a.choices)) != len(a.choices):
                raise AllocationError(_("Le participant %(id)s classe deux fois le même thème.") % {"id": a.id})
        self.by_id = {a.id: a for a in self.attendees}

    def rank(self, attendee, theme):
        try:
            return attendee.choices.index(theme) + 1
        except ValueError:
            return self.unranked_rank

    def cost(self, attendee, theme):
        return self.rank(attendee, theme) ** 2


# --------------------------------------------------------------------------- checks


def check_feasibility(problem):
    """Raise AllocationError with a French explanation for the infeasibilities visible without solving."""
    p = problem
    shortages = []
    for s in p.sessions:
        demand = sum(1 for a in p.attendees if s in a.sessions)
        seats = sum(p.capacity[(s, t)] for t in p.offered[s])
        if demand > seats:
            shortages.append((s, demand, seats))
    if shortages:
        lines = [
            _("session %(session)s : %(demand)d participants pour %(seats)d places, il manque %(missing)d places")
            % {"session": s, "demand": d, "seats": c, "missing": d - c}
            for s, d, c in shortages
        ]
        raise AllocationError(
            _("Aucune répartition possible : ") + " ; ".join(lines) + ".",
            shortages=[(s, None, d - c) for s, d, c in shortages],
        )
    for a in p.attendees:
        offered = set()
        for s in a.sessions:
            offered.update(p.offered[s])
        if len(offered) < len(a.sessions):
            raise AllocationError(
                _("Le participant %(id)s suit %(n)d sessions mais seuls %(k)d thèmes y sont proposés.")
                % {"id": a.id, "n": len(a.sessions), "k": len(offered)}
            )
    pinned = Counter()
    seen = set()
    for pin in p.pins:
        a = p.by_id.get(pin.attendee)
        if a is None:
            raise AllocationError(_("Affectation imposée à un participant inconnu : %(id)s.") % {"id": pin.attendee})
        if pin.session not in a.sessions:
            raise AllocationError(
                _("Affectation imposée impossible : %(id)s ne suit pas la session %(session)s.")
                % {"id": a.id, "session": pin.session}
            )
        if (pin.session, pin.theme) not in p.capacity:
            raise AllocationError(
                _("Affectation imposée impossible : le thème %(theme)s n'est pas proposé en session %(session)s.")
                % {"theme": pin.theme, "session": pin.session}
            )
        for key, msg in (
            ((a.id, pin.session), _("%(id)s a deux affectations imposées dans la session %(session)s.")),
            ((a.id, "theme", pin.theme), _("%(id)s a deux affectations imposées au même thème %(theme)s.")),
        ):
            if key in seen:
                raise AllocationError(
                    _("Affectations imposées contradictoires : ")
                    + msg % {"id": a.id, "session": pin.session, "theme": pin.theme}
                )
            seen.add(key)
        pinned[(pin.session, pin.theme)] += 1
    for (s, t), n in pinned.items():
        if n > p.capacity[(s, t)]:
            raise AllocationError(
                _("L'atelier %(theme)s en session %(session)s a %(n)d affectations imposées pour %(c)d places.")
                % {"theme": t, "session": s, "n": n, "c": p.capacity[(s, t)]},
                shortages=[(s, t, n - p.capacity[(s, t)])],
            )


# --------------------------------------------------------------------------- model


class _Model:
    """Variables x[profile, session, theme] (integer counts) and their constraints."""

    def __init__(self, problem, aggregate=True, max_rank=None):
        p = problem
        pinned = defaultdict(dict)
        for pin in p.pins:
            pinned[pin.attendee][pin.session] = pin.theme
        groups = defaultdict(list)
        for a in p.attendees:
            key = (a.sessions, a.choices) if aggregate and a.id not in pinned else ("id", a.id)
            groups[key].append(a)
        self.profiles = list(groups.values())
        cols, lower, upper, cost, rank = [], [], [], [], []
        for k, members in enumerate(self.profiles):
            a, n = members[0], len(members)
            pins = pinned.get(a.id, {})
            for s in a.sessions:
                for t in p.offered[s]:
                    r = p.rank(a, t)
                    ub = n
                    if max_rank is not None and r > max_rank:
                        ub = 0
                    lb = 0
                    if s in pins:
                        if pins[s] == t:
                            lb = ub = 1
                        else:
                            ub = 0
                    elif t in pins.values():
                        ub = 0
                    cols.append((k, s, t))
                    lower.append(lb)
                    upper.append(ub)
                    cost.append(r * r)
                    rank.append(r)
        self.problem = p
        self.cols = cols
        self.lower = np.array(lower, dtype=float)
        self.upper = np.array(upper, dtype=float)
        self.cost = np.array(cost, dtype=float)
        self.rank = np.array(rank)
        rows, cidx, vals, lo, hi = [], [], [], [], []
        row = 0
        by_ps = defaultdict(list)
        by_pt = defaultdict(list)
        by_st = defaultdict(list)
        for j, (k, s, t) in enumerate(cols):
            by_ps[(k, s)].append(j)
            by_pt[(k, t)].append(j)
            by_st[(s, t)].append(j)
        for (k, _s), js in by_ps.items():  # one workshop per attended session
            n = len(self.profiles[k])
            rows += [row] * len(js)
            cidx += js
            vals += [1.0] * len(js)
            lo.append(n)
            hi.append(n)
            row += 1
        for (k, _t), js in by_pt.items():  # never the same theme twice
            if len(js) < 2:
                continue
            n = len(self.profiles[k])
            rows += [row] * len(js)
            cidx += js
            vals += [1.0] * len(js)
            lo.append(0)
            hi.append(n)
            row += 1
        self.capacity_rows = {}
        for (s, t), js in by_st.items():  # capacities
            self.capacity_rows[(s, t)] = row
            rows += [row] * len(js)
            cidx += js
            vals += [1.0] * len(js)
            lo.append(0)
            hi.append(p.capacity[(s, t)])
            row += 1
        self.rows, self.cidx, self.vals = rows, cidx, vals
        self.row_lo = np.array(lo, dtype=float)
        self.row_hi = np.array(hi, dtype=float)
        self.n_rows = row

    def matrix(self, extra_cols=0):
        return coo_matrix((self.vals, (self.rows, self.cidx)), shape=(self.n_rows, len(self.cols) + extra_cols)).tocsr()


def _options(time_limit):
    options = {"mip_rel_gap": 0.0, "disp": False}
    if time_limit:
        options["time_limit"] = float(time_limit)
    return options


def _minimise_worst_rank(problem, aggregate, time_limit):
    """First stage of the lexicographic option: the smallest worst rank any allocation can reach.

    Feasibility solves with ranks above R forbidden, R growing from its obvious lower bound (an
    attendee of k sessions cannot do better than rank k); the sum is then minimised under that R.
    """
    lower = max((len(a.sessions) for a in problem.attendees), default=1)
    for max_rank in range(max(lower, 1), problem.unranked_rank + 1):
        m = _Model(problem, aggregate, max_rank=max_rank)
        lp = _relaxation(m, np.zeros(len(m.cols)), time_limit)
        if lp.status == 2:  # even the relaxation is infeasible: no allocation with this worst rank
            continue
        if lp.status == 0 and np.allclose(lp.x, np.rint(lp.x), atol=1e-6):
            return max_rank
        res = milp(
            np.zeros(len(m.cols)),
            constraints=[LinearConstraint(m.matrix(), m.row_lo, m.row_hi)],
            integrality=np.ones(len(m.cols)),
            bounds=Bounds(m.lower, m.upper),
            options=_options(time_limit),
        )
        if res.x is not None:
            return max_rank
    raise _infeasible(problem)


def _infeasible(problem):
    """Explain an infeasibility the pre-checks could not see: which workshops would need more seats."""
    m = _Model(problem, aggregate=True)
    n = len(m.cols)
    caps = list(m.capacity_rows.items())
    A = m.matrix(extra_cols=len(caps))
    A = A.tolil()
    for i, (_key, row) in enumerate(caps):
        A[row, n + i] = -1.0  # elastic seats
    c = np.concatenate([np.zeros(n), np.ones(len(caps))])
    res = milp(
        c,
        constraints=[LinearConstraint(A.tocsr(), m.row_lo, m.row_hi)],
        integrality=np.ones(n + len(caps)),
        bounds=Bounds(
            np.concatenate([m.lower, np.zeros(len(caps))]), np.concatenate([m.upper, np.full(len(caps), np.inf)])
        ),
        options={"disp": False},
    )
    if res.x is None:
        return AllocationError(
            _(
                "Aucune répartition possible : les affectations imposées et l'interdiction de suivre deux fois "
                "le même thème sont incompatibles."
            )
        )
    shortages = [(s, t, round(res.x[n + i])) for i, ((s, t), _row) in enumerate(caps) if round(res.x[n + i]) > 0]
    detail = " ; ".join(
        _("il manque %(missing)d places à l'atelier %(theme)s en session %(session)s")
        % {"missing": k, "theme": t, "session": s}
        for s, t, k in shortages
    )
    return AllocationError(
        _(
            "Aucune répartition possible avec ces capacités sans faire suivre deux fois le même thème "
            "(ou sans déroger aux affectations imposées) : %(detail)s."
        )
        % {"detail": detail},
        shortages=shortages,
    )


def allocate(workshops, attendees, pins=(), minimise_worst_rank=False, aggregate=True, time_limit=None):
    """Solve the allocation exactly; raise AllocationError (French message) when none exists."""
    started = time.perf_counter()
    problem = workshops if isinstance(workshops, Problem) else Problem(workshops, attendees, pins)
    check_feasibility(problem)
    max_rank = None
    if minimise_worst_rank and problem.attendees:
        max_rank = _minimise_worst_rank(problem, aggregate, time_limit)
    m = _Model(problem, aggregate, max_rank=max_rank)
    if not m.cols:
        return Allocation({a.id: {} for a in problem.attendees}, 0, 0, True, 0.0, 0.0, 0)
    res, method = _solve(m, time_limit)
    if res.x is None:
        if res.status == 1:
            raise AllocationError(_("Le calcul a dépassé le temps imparti sans trouver de répartition."))
        raise _infeasible(problem)
    counts = np.rint(res.x).astype(int)
    tables = defaultdict(dict)
    for j, (k, s, t) in enumerate(m.cols):
        if counts[j] > 0:
            tables[k][(s, t)] = counts[j]
    assignment = {}
    for k, members in enumerate(m.profiles):
        table = tables.get(k, {})
        for a, path in zip(members, _split_profile(table, len(members)), strict=True):
            assignment[a.id] = path
    objective = total_cost(problem, assignment)
    worst = max((problem.rank(problem.by_id[a], t) for a, path in assignment.items() for t in path.values()), default=0)
    return Allocation(
        assignment=assignment,
        objective=objective,
        worst_rank=worst,
        optimal=res.status == 0,
        mip_gap=getattr(res, "mip_gap", None),
        solve_seconds=time.perf_counter() - started,
        variables=len(m.cols),
        method=method,
    )


def _relaxation(m, cost, time_limit):
    A = m.matrix()
    eq = m.row_lo == m.row_hi
    options = {"simplex_dual_edge_weight_strategy": "devex"}  # measured 2-4x faster than the default here
    if time_limit:
        options["time_limit"] = float(time_limit)
    return linprog(
        cost,
        A_ub=A[~eq],
        b_ub=m.row_hi[~eq],
        A_eq=A[eq],
        b_eq=m.row_hi[eq],
        bounds=np.column_stack([m.lower, m.upper]),
        method="highs-ds",
        options=options,
    )


def _solve(m, time_limit):
    """LP relaxation first: an integral vertex is optimal for the MILP too (its bound is met); else branch.

    The constraint matrix is close to a transportation problem, so the LP vertex is usually
    integral and HiGHS's MIP heuristics are skipped altogether.
    """
    lp = _relaxation(m, m.cost, time_limit)
    if lp.status == 0 and np.allclose(lp.x, np.rint(lp.x), atol=1e-6):
        lp.mip_gap = 0.0
        return lp, "lp"
    if lp.status == 2:  # infeasible relaxation: the MILP is infeasible too
        return lp, "lp"
    res = milp(
        m.cost,
        constraints=[LinearConstraint(m.matrix(), m.row_lo, m.row_hi)],
        integrality=np.ones(len(m.cols)),
        bounds=Bounds(m.lower, m.upper),
        options=_options(time_limit),
    )
    return res, "milp"


def _split_profile(table, n):
    """Split counts {(session, theme): k} of n interchangeable attendees into n paths.

    Peel off a matching that covers every session and every "tight" theme (degree equal to the
    attendees left), as many times as it stays valid; König guarantees such a matching exists.
    """
    table = dict(table)
    if not table:
        return [{} for _i in range(n)]
    paths = []
    left = n
    while left:
        sessions = sorted({s for s, _t in table})
        theme_degree = Counter()
        for (_s, t), k in table.items():
            theme_degree[t] += k
        tight = {t for t, d in theme_degree.items() if d == left}
        matching = _find_matching(sessions, table, tight)
        if matching is None:  # cannot happen for a valid table; fail loudly rather than mis-assign
            raise AllocationError(_("Répartition incohérente : décomposition impossible."))
        used = set(matching.values())
        times = min(table[(s, t)] for s, t in matching.items())
        for t, d in theme_degree.items():
            if t not in used:
                times = min(times, left - d)
        times = max(times, 1)
        for s, t in matching.items():
            table[(s, t)] -= times
            if table[(s, t)] == 0:
                del table[(s, t)]
        paths.extend([dict(matching)] * times)
        left -= times
    return [dict(p) for p in paths]


def _find_matching(sessions, table, tight):
    options = {s: [t for (ss, t), k in table.items() if ss == s and k > 0] for s in sessions}
    order = sorted(sessions, key=lambda s: len(options[s]))
    chosen = {}

    def search(i, used):
        if i == len(order):
            return tight <= used
        remaining_sessions = len(order) - i
        if len(tight - used) > remaining_sessions:
            return False
        s = order[i]
        for t in sorted(options[s], key=lambda t: t not in tight):
            if t in used:
                continue
            chosen[s] = t
            if search(i + 1, used | {t}):
                return True
            del chosen[s]
        return False

    return chosen if search(0, frozenset()) else None


# --------------------------------------------------------------------------- baseline and statistics


def first_come_first_served(workshops, attendees, pins=()):
    """What pretalx/Indico-style sign-up gives: in registration order, best available choice per session."""
    problem = workshops if isinstance(workshops, Problem) else Problem(workshops, attendees, pins)
    started = time.perf_counter()
    left = dict(problem.capacity)
    assignment, unplaced = {}, []
    for a in problem.attendees:
        path = {}
        for s in problem.sessions:
            if s not in a.sessions:
                continue
            candidates = [t for t in problem.offered[s] if left[(s, t)] > 0 and t not in path.values()]
            if not candidates:
                unplaced.append((a.id, s))
                continue
            theme = min(candidates, key=lambda t: (problem.rank(a, t), -left[(s, t)]))
            left[(s, theme)] -= 1
            path[s] = theme
        assignment[a.id] = path
    objective = total_cost(problem, assignment) + len(unplaced) * problem.unranked_rank**2
    worst = max((problem.rank(problem.by_id[a], t) for a, path in assignment.items() for t in path.values()), default=0)
    return Allocation(
        assignment=assignment,
        objective=objective,
        worst_rank=worst,
        optimal=False,
        mip_gap=None,
        solve_seconds=time.perf_counter() - started,
        variables=0,
        method="fcfs",
        unplaced=unplaced,
    )


def total_cost(problem, assignment):
    return sum(problem.cost(problem.by_id[a], t) for a, path in assignment.items() for t in path.values())


def validate(problem, assignment):
    """List of French problems with an assignment (empty when valid); used by tests and the organiser page."""
    errors = []
    used = Counter()
    for a in problem.attendees:
        path = assignment.get(a.id, {})
        if set(path) != set(a.sessions):
            errors.append(_("%(id)s : sessions affectées différentes des sessions suivies.") % {"id": a.id})
        if len(set(path.values())) != len(path):
            errors.append(_("%(id)s : même thème deux fois.") % {"id": a.id})
        for s, t in path.items():
            if (s, t) not in problem.capacity:
                errors.append(_("%(id)s : thème %(t)s non proposé en session %(s)s.") % {"id": a.id, "t": t, "s": s})
            used[(s, t)] += 1
    for key, n in used.items():
        if key in problem.capacity and n > problem.capacity[key]:
            errors.append(_("Atelier %(t)s en session %(s)s au-delà de sa capacité.") % {"t": key[1], "s": key[0]})
    for pin in problem.pins:
        if assignment.get(pin.attendee, {}).get(pin.session) != pin.theme:
            errors.append(_("Affectation imposée non respectée pour %(id)s.") % {"id": pin.attendee})
    return errors


def statistics(problem, allocation):
    """Figures shown to the organiser: top-choice share, rank distribution, worst rank."""
    distribution = Counter()
    all_top = 0
    for a in problem.attendees:
        path = allocation.assignment.get(a.id, {})
        ranks = sorted(problem.rank(a, t) for t in path.values())
        distribution.update(ranks)
        if path and len(path) == len(a.sessions) and ranks == list(range(1, len(a.sessions) + 1)):
            all_top += 1
    total = len(problem.attendees)
    return {
        "attendees": total,
        "objective": allocation.objective,
        "worst_rank": allocation.worst_rank,
        "all_top_choices": all_top,
        "all_top_share": (all_top / total) if total else 0.0,
        "rank_distribution": {r: distribution[r] for r in sorted(distribution)},
        "first_choice_share": (distribution[1] / sum(distribution.values())) if distribution else 0.0,
        "unplaced": len(allocation.unplaced),
        "unranked_rank": problem.unranked_rank,
        "solve_seconds": allocation.solve_seconds,
        "optimal": allocation.optimal,
    }
