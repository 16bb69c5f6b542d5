"""The solver against independent formulations: brute force, linear_sum_assignment, per-attendee model."""

import itertools
import random

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from maillage.events.allocation import (
    AllocationError,
    Attendee,
    Pin,
    Problem,
    Workshop,
    allocate,
    first_come_first_served,
    statistics,
    validate,
)


def random_instance(rng, n_attendees, sessions=("S1", "S2"), themes=("A", "B", "C"), slack=1):
    workshops = []
    for s in sessions:
        offered = [t for t in themes if rng.random() < 0.85] or list(themes)
        for t in offered:
            workshops.append(Workshop(t, s, rng.randint(1, 3)))
    attendees = []
    for i in range(n_attendees):
        own = tuple(s for s in sessions if rng.random() < 0.8) or (sessions[0],)
        k = rng.randint(1, len(themes))
        attendees.append(Attendee(f"a{i}", own, tuple(rng.sample(themes, k))))
    return workshops, attendees


def brute_force(problem, max_rank=None):
    """Every combination of individual paths; the minimum cost of the valid ones (None when none)."""
    options = []
    for a in problem.attendees:
        paths = []
        for combo in itertools.product(*[problem.offered[s] for s in a.sessions]):
            if len(set(combo)) == len(combo):
                paths.append(dict(zip(a.sessions, combo, strict=True)))
        options.append(paths)
    best = None
    for choice in itertools.product(*options):
        used = {}
        ok = True
        for path in choice:
            for s, t in path.items():
                used[(s, t)] = used.get((s, t), 0) + 1
                if used[(s, t)] > problem.capacity[(s, t)]:
                    ok = False
        if not ok:
            continue
        assignment = {a.id: path for a, path in zip(problem.attendees, choice, strict=True)}
        ranks = [problem.rank(a, t) for a in problem.attendees for t in assignment[a.id].values()]
        if max_rank is not None and ranks and max(ranks) > max_rank:
            continue
        cost = sum(r * r for r in ranks)
        key = cost if max_rank is None else cost
        if best is None or key < best:
            best = key
    return best


def brute_worst_rank(problem):
    for r in range(1, problem.unranked_rank + 1):
        if brute_force(problem, max_rank=r) is not None:
            return r
    return None


@pytest.mark.parametrize("seed", range(25))
def test_optimum_matches_brute_force_on_tiny_instances(seed):
    rng = random.Random(seed)
    workshops, attendees = random_instance(rng, rng.randint(2, 4))
    problem = Problem(workshops, attendees)
    expected = brute_force(problem)
    if expected is None:
        with pytest.raises(AllocationError):
            allocate(workshops, attendees)
        return
    result = allocate(workshops, attendees)
    assert validate(problem, result.assignment) == []
    assert result.objective == expected
    assert result.optimal


@pytest.mark.parametrize("seed", range(8))
def test_one_session_optimum_matches_linear_sum_assignment(seed):
    """With one session, the problem is an assignment of attendees to seats."""
    rng = random.Random(100 + seed)
    themes = [f"T{i}" for i in range(6)]
    workshops = [Workshop(t, "S1", rng.randint(2, 6)) for t in themes]
    seats = [w.theme for w in workshops for _ in range(w.capacity)]
    n = rng.randint(5, len(seats))
    attendees = [Attendee(f"a{i}", ("S1",), tuple(rng.sample(themes, rng.randint(1, 4)))) for i in range(n)]
    problem = Problem(workshops, attendees)
    cost = np.array([[problem.cost(a, t) for t in seats] for a in attendees])
    rows, cols = linear_sum_assignment(cost)
    assert allocate(workshops, attendees).objective == int(cost[rows, cols].sum())


@pytest.mark.parametrize("seed", range(4))
def test_aggregated_profiles_give_the_same_optimum_as_one_variable_per_attendee(seed):
    rng = random.Random(200 + seed)
    themes = [f"T{i}" for i in range(1, 7)]
    workshops = [Workshop(t, s, rng.randint(6, 12)) for s in ("S1", "S2", "S3") for t in themes]
    attendees = []
    for i in range(60):
        own = rng.choice([("S1", "S2", "S3"), ("S1", "S2"), ("S3",)])
        attendees.append(Attendee(f"a{i}", own, tuple(rng.sample(themes[:4], 3))))  # many identical profiles
    aggregated = allocate(workshops, attendees)
    plain = allocate(workshops, attendees, aggregate=False)
    assert aggregated.variables < plain.variables
    assert aggregated.objective == plain.objective
    assert validate(Problem(workshops, attendees), aggregated.assignment) == []


@pytest.mark.parametrize("seed", range(10))
def test_minimax_reaches_the_smallest_worst_rank_then_the_smallest_sum(seed):
    rng = random.Random(300 + seed)
    workshops, attendees = random_instance(rng, rng.randint(2, 4))
    problem = Problem(workshops, attendees)
    worst = brute_worst_rank(problem)
    if worst is None:
        return
    result = allocate(workshops, attendees, minimise_worst_rank=True)
    assert validate(problem, result.assignment) == []
    assert result.worst_rank == worst
    assert result.objective == brute_force(problem, max_rank=worst)


def test_minimax_can_trade_sum_for_worst_rank():
    # One seat of A per session; a and b both want A first: someone must get a worse rank.
    workshops = [Workshop("A", "S1", 1), Workshop("B", "S1", 1), Workshop("C", "S1", 1)]
    attendees = [Attendee("a", ("S1",), ("A", "B", "C")), Attendee("b", ("S1",), ("A", "C", "B"))]
    plain = allocate(workshops, attendees)
    minimax = allocate(workshops, attendees, minimise_worst_rank=True)
    assert plain.objective == 1 + 4
    assert minimax.worst_rank == 2


def test_pins_are_respected_even_when_they_cost_more():
    workshops = [Workshop("A", "S1", 2), Workshop("B", "S1", 2)]
    attendees = [Attendee("speaker", ("S1",), ("A", "B")), Attendee("x", ("S1",), ("A", "B"))]
    result = allocate(workshops, attendees, pins=[Pin("speaker", "S1", "B")])
    assert result.assignment["speaker"] == {"S1": "B"}
    assert result.assignment["x"] == {"S1": "A"}
    assert result.objective == 4 + 1


def test_pins_on_a_full_workshop_are_refused_with_a_clear_message():
    workshops = [Workshop("A", "S1", 1), Workshop("B", "S1", 5)]
    attendees = [Attendee("a", ("S1",), ("A",)), Attendee("b", ("S1",), ("A",))]
    with pytest.raises(AllocationError, match="A en session S1 a 2 affectations imposées pour 1 places"):
        allocate(workshops, attendees, pins=[Pin("a", "S1", "A"), Pin("b", "S1", "A")])


def test_session_short_of_seats_is_named_with_the_missing_count():
    workshops = [Workshop("A", "S1", 1), Workshop("B", "S1", 1), Workshop("A", "S2", 5), Workshop("B", "S2", 5)]
    attendees = [Attendee(f"a{i}", ("S1", "S2"), ("A", "B")) for i in range(5)]
    with pytest.raises(AllocationError) as info:
        allocate(workshops, attendees)
    message = str(info.value)
    assert "session S1" in message
    assert "il manque 3 places" in message
    assert "S2" not in message


def test_subtle_infeasibility_from_no_repeat_is_explained():
    # Enough seats per session, but everybody would need theme A twice.
    workshops = [
        Workshop("A", "S1", 2),
        Workshop("B", "S1", 0),
        Workshop("A", "S2", 2),
        Workshop("B", "S2", 0),
        Workshop("C", "S2", 0),
    ]
    attendees = [Attendee(f"a{i}", ("S1", "S2"), ("A", "B")) for i in range(2)]
    with pytest.raises(AllocationError) as info:
        allocate(workshops, attendees)
    assert "même thème" in str(info.value)
    assert info.value.shortages  # which workshop needs how many more seats


def test_pins_contradicting_no_repeat_are_refused():
    workshops = [Workshop("A", "S1", 2), Workshop("A", "S2", 2), Workshop("B", "S2", 2)]
    attendees = [Attendee("a", ("S1", "S2"), ("A",))]
    with pytest.raises(AllocationError, match="même thème"):
        allocate(workshops, attendees, pins=[Pin("a", "S1", "A"), Pin("a", "S2", "A")])


def test_first_come_first_served_serves_in_order_and_is_never_better_than_optimal():
    rng = random.Random(7)
    themes = [f"T{i}" for i in range(5)]
    workshops = [Workshop(t, s, 4) for s in ("S1", "S2") for t in themes]
    attendees = [Attendee(f"a{i}", ("S1", "S2"), tuple(rng.sample(themes[:3], 3) + themes[3:])) for i in range(18)]
    fcfs = first_come_first_served(workshops, attendees)
    best = allocate(workshops, attendees)
    problem = Problem(workshops, attendees)
    assert validate(problem, fcfs.assignment) == []
    assert fcfs.assignment["a0"] == {"S1": attendees[0].choices[0], "S2": attendees[0].choices[1]}
    assert best.objective <= fcfs.objective


def test_statistics_count_top_choices_and_ranks():
    workshops = [Workshop("A", "S1", 1), Workshop("B", "S1", 1)]
    attendees = [Attendee("a", ("S1",), ("A", "B")), Attendee("b", ("S1",), ("A", "B"))]
    problem = Problem(workshops, attendees)
    stats = statistics(problem, allocate(workshops, attendees))
    assert stats["all_top_choices"] == 1
    assert stats["rank_distribution"] == {1: 1, 2: 1}
    assert stats["worst_rank"] == 2


def test_unranked_theme_costs_number_of_themes_plus_one_squared():
    workshops = [Workshop("A", "S1", 0), Workshop("B", "S1", 1), Workshop("C", "S1", 0)]
    attendees = [Attendee("a", ("S1",), ("A",))]
    assert allocate(workshops, attendees).objective == (3 + 1) ** 2
