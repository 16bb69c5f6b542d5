"""Benchmark of the diagnostic pages on the DEMO ecosystem (the report's AURA actors and relations).

The demo is loaded by `load_demo` into a temporary SQLite file, never the project's database.
Measured, for the regional page (`/diagnostic/?region=84`) and each of the report's four poles:
- computing the diagnostic (graph view from the database + every measure + the stored result), with
  no stored run, and building each card from it (the target: every card computed in < 1 s);
- serving the page from the stored run, through Django's test client (the target: < 50 ms);
- the comparison page of the four poles, once their runs are stored.

Usage:  .venv/bin/python bench/diagnostics_pages.py [--repeat 7]
Writes bench/results/diagnostics_pages.md.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "diagnostics_pages.md"
TERRITORIES = [("region=84", "Auvergne-Rhône-Alpes (région 84)")] + [
    (f"departement={code}", f"{pole} (département {code})")
    for code, pole in (("69", "Lyon"), ("38", "Grenoble"), ("63", "Clermont-Ferrand"), ("42", "Saint-Étienne"))
]


def setup_django(db_path):
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "maillage.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(repeat):
    from django.http import QueryDict
    from django.test import Client

    from maillage.diagnostics import cards as card_module
    from maillage.diagnostics.graphs import Question
    from maillage.diagnostics.models import DiagnosticRun
    from maillage.diagnostics.services import get_or_start_run
    from maillage.directory.models import ActorType

    client = Client()
    # One computation first, so that the figures do not include importing igraph, leidenalg and SciPy.
    get_or_start_run(Question.from_params(QueryDict(TERRITORIES[0][0])))
    rows = []
    slowest_card = (0.0, "")
    for query, label in TERRITORIES:
        question = Question.from_params(QueryDict(query))
        computes, card_times = [], {}
        for _ in range(repeat):
            DiagnosticRun.objects.all().delete()
            started = time.perf_counter()
            run = get_or_start_run(question)
            computes.append(time.perf_counter() - started)
        types = list(ActorType.objects.all())
        builders = {
            "relations": lambda r: card_module.relations_card(r, r.result),
            "types": lambda r, types=types: card_module.types_card(r, r.result, types),
            "pivots": lambda r: card_module.pivots_card(r, r.result),
            "entre-soi": lambda r: card_module.entre_soi_card(r, r.result),
            "communautes": lambda r: card_module.communities_card(r, r.result, {}),
            "isoles": lambda r: card_module.isolated_card(r, r.result),
            "dependances": lambda r: card_module.dependency_card(r, r.result),
            "cycle-de-vie": lambda r: card_module.lifecycle_card(r, r.result),
        }
        for name, build in builders.items():
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                build(run)
                times.append(time.perf_counter() - started)
            card_times[name] = statistics.median(times)
        url = f"/diagnostic/?{query}"
        assert client.get(url).status_code == 200  # warm (templates, the run is stored)
        served = []
        for _ in range(repeat * 3):
            started = time.perf_counter()
            response = client.get(url)
            served.append(time.perf_counter() - started)
            assert response.status_code == 200
        worst_card = max(card_times.items(), key=lambda item: item[1])
        compute = statistics.median(computes)
        if compute + worst_card[1] > slowest_card[0]:
            slowest_card = (compute + worst_card[1], f"{label}, {worst_card[0]}")
        rows.append(
            {
                "label": label,
                "actors": run.node_count,
                "relations": run.edge_count,
                "compute": compute,
                "compute_p95": p95(computes),
                "cards": sum(card_times.values()),
                "worst_card": worst_card,
                "served": statistics.median(served),
                "served_p95": p95(served),
            }
        )
    compare = []
    assert client.get("/diagnostic/comparer/").status_code == 200
    for _ in range(repeat * 3):
        started = time.perf_counter()
        client.get("/diagnostic/comparer/")
        compare.append(time.perf_counter() - started)
    return rows, compare, slowest_card


def write(rows, compare, slowest_card, repeat):
    lines = [
        "## Diagnostic pages on the demo ecosystem (`bench/diagnostics_pages.py`)",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; SQLite; "
        f"the demo loaded by `load_demo` (the report's actors and relations, not synthetic); {repeat} runs per "
        "figure (served pages: 3× as many), medians and 95th percentiles.",
        "",
        "*Compute* = a diagnostic with no stored run: graph view from the database, every measure "
        "(python-igraph, 999 E-I permutations, Leiden with stability runs), the stored result. *Cards* = "
        "building the eight cards (sentences, SVG charts, tables) from the stored result. *Served* = the "
        "whole page through Django's test client once the run is stored (data version check, run lookup, "
        "filters, cards, template).",
        "",
        "| page | actors | relations | compute (median / p95) | 8 cards | slowest card | served from the stored run "
        "(median / p95) |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['label']} | {r['actors']} | {r['relations']} | {ms(r['compute'])} / {ms(r['compute_p95'])} | "
            f"{ms(r['cards'])} | {r['worst_card'][0]} {ms(r['worst_card'][1])} | "
            f"{ms(r['served'])} / {ms(r['served_p95'])} |"
        )
    regional = rows[0]
    lines += [
        "",
        f"Comparison page of the four poles, runs stored: {ms(statistics.median(compare))} median, "
        f"{ms(p95(compare))} p95.",
        "",
        f"Targets: every card of the regional page computed in < 1 s — worst case compute + slowest card "
        f"{ms(slowest_card[0])} ({slowest_card[1]}): {'met' if slowest_card[0] < 1 else 'NOT met'}; "
        f"regional page served from the stored run in < 50 ms — {ms(regional['served'])} median: "
        f"{'met' if regional['served'] < 0.05 else 'NOT met'}.",
        "",
    ]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        rows, compare, slowest_card = measure(args.repeat)
    write(rows, compare, slowest_card, args.repeat)


if __name__ == "__main__":
    main()
