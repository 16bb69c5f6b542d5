"""Workshop allocation on synthetic instances shaped like the Assises 2025, against first-come-first-served.

Instances (synthetic, generated below with a fixed seed): 10 themes, 4 sessions (2 per day), theme 9
on day 1 only and theme 10 on day 2 only (9 workshops per session), Zipf-like theme popularity,
each attendee ranks 4 to 6 themes, 80 % attend both days and 10 % each single day, and per session
the 9 rooms together hold 5 % more seats than the attendees of that session (equal rooms).
Run: `.venv/bin/python bench/allocation.py` → bench/results/allocation.md.
"""

import math
import os
import platform
import random
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings.test")
django.setup()

from maillage.events.allocation import (  # noqa: E402
    Attendee,
    Problem,
    Workshop,
    allocate,
    first_come_first_served,
    statistics,
    validate,
)

SIZES = (400, 1400, 10000)
THEMES = [f"T{i}" for i in range(1, 11)]
DAYS = {"J1": ("S1", "S2"), "J2": ("S3", "S4")}
TIME_LIMIT = 240


def instance(n, seed=2025, rooms="equal"):
    rng = random.Random(seed + n)
    weights = [1 / (k + 1) ** 0.9 for k in range(len(THEMES))]  # Zipf-like popularity
    popularity = rng.sample(THEMES, len(THEMES))  # which theme is most popular is random
    attendees = []
    for i in range(n):
        u = rng.random()
        sessions = DAYS["J1"] + DAYS["J2"] if u < 0.8 else (DAYS["J1"] if u < 0.9 else DAYS["J2"])
        k = rng.choice((4, 4, 4, 5, 6))
        choices = []
        while len(choices) < k:
            t = rng.choices(popularity, weights)[0]
            if t not in choices:
                choices.append(t)
        attendees.append(Attendee(f"a{i}", sessions, tuple(choices)))
    workshops = []
    for s in ("S1", "S2", "S3", "S4"):
        offered = [t for t in THEMES if not (t == "T9" and s in DAYS["J2"]) and not (t == "T10" and s in DAYS["J1"])]
        demand = sum(1 for a in attendees if s in a.sessions)
        if rooms == "equal":
            workshops += [Workshop(t, s, math.ceil(demand * 1.05 / len(offered))) for t in offered]
        else:  # rooms sized to the pre-registration mentions of each theme, at least 10 seats
            mentions = {t: sum(1 for a in attendees if s in a.sessions and t in a.choices) for t in offered}
            total = sum(mentions.values())
            workshops += [Workshop(t, s, max(10, math.ceil(demand * 1.05 * mentions[t] / total))) for t in offered]
    return workshops, attendees


def run(n, rooms):
    workshops, attendees = instance(n, rooms=rooms)
    problem = Problem(workshops, attendees)
    profiles = len({(a.sessions, a.choices) for a in attendees})
    started = time.perf_counter()
    best = allocate(problem, None, time_limit=TIME_LIMIT)
    solve = time.perf_counter() - started
    assert validate(problem, best.assignment) == []
    fcfs = first_come_first_served(problem, None)
    assert validate(problem, fcfs.assignment) == [] or fcfs.unplaced
    s_best, s_fcfs = statistics(problem, best), statistics(problem, fcfs)
    per_attendee_vars = sum(len(problem.offered[s]) for a in attendees for s in a.sessions)
    row = {
        "rooms": rooms,
        "n": n,
        "profiles": profiles,
        "vars": best.variables,
        "vars_plain": per_attendee_vars,
        "solve": solve,
        "method": best.method,
        "objective": best.objective,
        "optimal": best.optimal,
        "gap": best.mip_gap,
        "top": s_best["all_top_share"],
        "first": s_best["first_choice_share"],
        "worst": s_best["worst_rank"],
        "fcfs_objective": fcfs.objective,
        "fcfs_time": fcfs.solve_seconds,
        "fcfs_top": s_fcfs["all_top_share"],
        "fcfs_first": s_fcfs["first_choice_share"],
        "fcfs_worst": s_fcfs["worst_rank"],
        "fcfs_unplaced": len(fcfs.unplaced),
    }
    if n <= 1400 and rooms == "sized":
        started = time.perf_counter()
        minimax = allocate(problem, None, minimise_worst_rank=True, time_limit=TIME_LIMIT)
        row["minimax_time"] = time.perf_counter() - started
        row["minimax_worst"] = minimax.worst_rank
        row["minimax_objective"] = minimax.objective
    return row


def main():
    rows = []
    for rooms in ("equal", "sized"):
        for n in SIZES:
            row = run(n, rooms)
            rows.append(row)
            print(
                f"{rooms} {n}: {row['solve']:.1f} s, objective {row['objective']} (optimal={row['optimal']}), "
                f"FCFS {row['fcfs_objective']}",
                flush=True,
            )
    unranked = len(THEMES) + 1
    lines = [
        "## Workshop allocation (`bench/allocation.py`)",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; HiGHS through scipy `linprog`/`milp`; "
        f"time limit {TIME_LIMIT} s per solve.",
        "",
        "Synthetic instances shaped like the Assises 2025: 10 themes, 4 sessions (2 per day), theme 9 on day 1 only,",
        "theme 10 on day 2 only, Zipf-like popularity, 4–6 ranked themes each, 80 % two-day and 20 % one-day",
        "attendees; per session the 9 rooms hold about 5 % more seats than that session's attendees, either as",
        "equal rooms (harsh: unpopular themes must be filled with people who did not rank them) or as rooms sized",
        "to the pre-registration mentions of each theme (at least 10 seats), as an organiser would. Objective =",
        f"Σ rank² (unranked theme = {unranked}² = {unranked**2}). First-come-first-served (FCFS) = attendees in",
        "registration order each take their best available theme session by session (what pretalx/Indico sign-up",
        "gives).",
        "",
        "| rooms | attendees | profiles | variables (aggregated / per attendee) | solve time | method | objective "
        "| proven optimal (gap) | all top choices | workshops at rank 1 | worst rank | FCFS objective | FCFS / optimal "
        "| FCFS all top | FCFS worst rank | FCFS without seat |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: |",
    ]
    for r in rows:
        gap = "—" if r["gap"] is None else f"{r['gap']:.2g}"
        lines.append(
            f"| {r['rooms']} | {r['n']:,} | {r['profiles']:,} | {r['vars']:,} / {r['vars_plain']:,} "
            f"| {r['solve']:.2f} s "
            f"| {r['method']} | {r['objective']:,} | {'yes' if r['optimal'] else 'no'} ({gap}) | {r['top']:.1%} "
            f"| {r['first']:.1%} | {r['worst']} | {r['fcfs_objective']:,} "
            f"| {r['fcfs_objective'] / r['objective']:.2f}× | {r['fcfs_top']:.1%} "
            f"| {r['fcfs_worst']} | {r['fcfs_unplaced']} |"
        )
    lines += [
        "",
        "Minimise-the-worst-rank-first option (lexicographic: worst rank, then Σ rank²), rooms sized to demand:",
        "",
        "| attendees | time | worst rank (plain → minimax) | objective (plain → minimax) |",
        "| ---: | ---: | --- | --- |",
    ]
    for r in rows:
        if "minimax_time" in r:
            lines.append(
                f"| {r['n']:,} | {r['minimax_time']:.2f} s | {r['worst']} → {r['minimax_worst']} | "
                f"{r['objective']:,} → {r['minimax_objective']:,} |"
            )
    lines += [
        "",
        '"lp" means the LP relaxation (dual simplex) already returned an integral vertex, which is then optimal for',
        "the integer problem too (gap 0); otherwise HiGHS's branch-and-bound runs with a relative gap of 0.",
        "Solve time includes building the model and splitting the aggregated counts back into individual paths.",
        "Σ rank² spreads disappointment: with equal rooms, FCFS gives more early registrants all their top choices",
        "but late ones get unranked themes, hence its higher objective; the optimum gives fewer people a",
        "perfect parcours and a 1.3-1.7x lower sum of squared ranks. FCFS leaves no one without a seat only",
        "because an attendee whose ranked themes are full takes any free theme.",
        "",
    ]
    out = ROOT / "bench" / "results" / "allocation.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
