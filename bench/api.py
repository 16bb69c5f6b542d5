"""Benchmark of the API's list and detail latency on 100,000 SYNTHETIC actors.

Reuses the synthetic generator of `bench/directory_search.py` (random names and missions from a
word list, real communes, 5 % disappeared; clearly labelled « synthétique »), adds synthetic
relations, then times whole requests through Django's full stack (middleware, authentication,
throttles, serialization) with the test client, in-process, in a fresh process (not the one that
generated the data). Baseline, measured in the same run: the site's own HTML pages for the same
data (the directory list with the same filters, the fiche, the relations table), rendered (not
served from the anonymous page cache). Each backend runs in its own processes and database (a
temporary SQLite file; the PostgreSQL database `maillage_bench_api`, dropped and re-created).
Writes bench/results/api.md.

Usage:  .venv/bin/python bench/api.py [--actors 100000] [--relations 50000] [--repeat 30] [--backend sqlite|postgres]
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import directory_search as synthetic  # noqa: E402  (the shared synthetic generator and timing helpers)

RESULTS = ROOT / "bench" / "results" / "api.md"
PG_BENCH_DB = "maillage_bench_api"
TARGET_P95_MS = 50


def generate_relations(n_relations, seed=20230302):
    from maillage.directory.models import Actor
    from maillage.network.models import DIRECTED_KINDS, Relation, RelationKind

    rng = random.Random(seed)
    ids = list(Actor.objects.values_list("pk", flat=True))
    kinds = list(RelationKind.values)
    seen, rows = set(), []
    while len(rows) < n_relations:
        a, b = rng.sample(ids, 2)
        kind = rng.choice(kinds)
        if kind not in DIRECTED_KINDS and a > b:
            a, b = b, a
        if (a, b, kind) in seen:
            continue
        seen.add((a, b, kind))
        start = rng.choice([None, rng.randint(2010, 2023)])
        rows.append(Relation(source_id=a, target_id=b, kind=kind, start_year=start, source_reference="synthétique"))
    Relation.objects.bulk_create(rows, batch_size=5000)


def setup_django():
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "maillage.settings.base"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["API_THROTTLE_ANON"] = "100000000/min"  # the benchmark measures latency, not the throttle
    sys.path.insert(0, str(ROOT))
    django.setup()


def generate_backend(args):
    """Child process 1: migrate, generate the synthetic data, analyse; prints the generation time."""
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    generated_in = synthetic.generate(args.actors)
    generate_relations(args.relations)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print("BENCH_JSON " + json.dumps({"generate_s": generated_in}))


def run_backend(args):
    """Child process 2, fresh: times the requests.

    Not the process that generated the data: its hundreds of thousands of leftover objects made
    every request pay for the garbage collector's passes over them (a third of the CPU time in an
    earlier version of this bench), which no server process pays.
    """
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from maillage.directory.models import Actor

    client = Client()
    # The baseline's pages are rendered, not read from the anonymous page cache: that cache serves
    # only visitors without a session cookie, and this client carries one (an unknown key: no
    # session is created, nothing else changes).
    site_client = Client()
    site_client.cookies[settings.SESSION_COOKIE_NAME] = "bench-no-page-cache"

    def get(url, client=client):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        return response

    # A cursor deep in the list: the 20th page of 50.
    url = "/api/v1/actors/?page_size=50"
    for _ in range(20):
        url = get(url).json()["next"]
    deep = url.replace("http://testserver", "")
    active = Actor.objects.filter(lifecycle="active").order_by("pk").values_list("slug", flat=True)
    slug = active[min(5000, active.count() // 2)]
    commune = Actor.objects.get(slug=slug).commune.code
    tag = "theme-synthetique-3"  # one of the generator's 30 tags (about 5 % of the actors)
    busy = (
        Actor.objects.values("department__code")
        .order_by()
        .annotate(n=Count("id"))
        .order_by("-n")[0]["department__code"]
    )

    cases = [
        ("liste, 1re page de 50", "/api/v1/actors/?page_size=50", "/acteurs/"),
        ("liste, 20e page de 50 (curseur)", deep, "/acteurs/?page=20"),
        (
            f"liste filtrée (département {busy}, type lab)",
            f"/api/v1/actors/?departement={busy}&type=lab&page_size=50",
            f"/acteurs/?departement={busy}&type=lab",
        ),
        ("liste, recherche « innovation »", "/api/v1/actors/?q=innovation&page_size=50", "/acteurs/?q=innovation"),
        ("liste, une étiquette", f"/api/v1/actors/?tag={tag}&page_size=50", f"/acteurs/?tag={tag}"),
        ("fiche d'un acteur", f"/api/v1/actors/{slug}/", f"/acteurs/{slug}/"),
        ("relations, 1re page de 50", "/api/v1/relations/?page_size=50", "/reseau/relations/"),
        (
            f"relations du département {busy}",
            f"/api/v1/relations/?departement={busy}&page_size=50",
            f"/reseau/relations/?departement={busy}",
        ),
        (f"relations de la commune {commune}", f"/api/v1/relations/?commune={commune}&page_size=50", None),
        ("relations, une étiquette", f"/api/v1/relations/?tag={tag}&page_size=50", None),
        ("relations, recherche « innovation »", "/api/v1/relations/?q=innovation&page_size=50", None),
    ]
    result = {"backend": connection.vendor, "actors": Actor.objects.count(), "rows": []}
    for label, api_url, site_url in cases:
        row = {"case": label, "api_url": api_url, "api": synthetic.timed(lambda u=api_url: get(u), args.repeat)}
        row["items"] = len(get(api_url).json().get("results", [1]))
        if site_url:
            row["site_url"] = site_url
            row["site"] = synthetic.timed(lambda u=site_url: get(u, site_client), args.repeat)
        result["rows"].append(row)
    result["load_average"] = synthetic.load_average()
    print("BENCH_JSON " + json.dumps(result))


def prepare_postgres():
    import psycopg

    url = synthetic.PG_ADMIN_URL.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
        conn.execute(f"CREATE DATABASE {PG_BENCH_DB}")
    return synthetic.PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + PG_BENCH_DB


def spawn(backend, args):
    env = dict(os.environ)
    tmp = None
    if backend == "sqlite":
        handle, tmp = tempfile.mkstemp(prefix="maillage_bench_api_", suffix=".sqlite3")
        os.close(handle)
        env["DATABASE_URL"] = f"sqlite:///{tmp}"
    else:
        env["DATABASE_URL"] = prepare_postgres()
    common = ["--actors", str(args.actors), "--relations", str(args.relations), "--repeat", str(args.repeat)]
    try:
        generated = _child([sys.executable, __file__, "--generate", backend, *common], env)
        result = _child([sys.executable, __file__, "--backend", backend, *common], env)
    finally:
        if tmp:
            for suffix in ("", "-wal", "-shm"):
                Path(tmp + suffix).unlink(missing_ok=True)
    return {**result, **generated}


def _child(cmd, env):
    try:
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    except subprocess.CalledProcessError as error:
        sys.stderr.write(error.stderr)
        raise
    line = next(line for line in out.splitlines() if line.startswith("BENCH_JSON "))
    return json.loads(line[len("BENCH_JSON ") :])


def fmt(ms):
    return f"{ms:.1f}"


def write_markdown(results, args):
    lines = [
        "# API: list and detail latency (synthetic data)",
        "",
        f"{args.actors:,} **synthetic** actors (`bench/directory_search.py`'s generator) and {args.relations:,} "
        "synthetic relations, in a separate database per backend. Each figure is the median or p95 of "
        f"{args.repeat} whole requests through Django's stack (test client, in-process), in milliseconds. "
        f"Target (issue 15): p95 ≤ {TARGET_P95_MS} ms for a page of 50. Baseline in the same run: the site's "
        "HTML page for the same data (directory list of 20 with its facets, the fiche, the relations table), "
        "rendered for a visitor with a session cookie (so not read from the anonymous page cache).",
        "",
        "Wall-clock times depend on the machine's load (its load average is given per backend); the CPU p95 "
        "of this process is given too (on SQLite the database runs in-process, so it is the whole work).",
        "",
    ]
    for res in results:
        load = res.get("load_average")
        lines += [
            f"## {res['backend']} ({res['actors']:,} acteurs, génération {res['generate_s']:.0f} s"
            + (f", charge moyenne {load:.1f}" if load is not None else "")
            + ")",
            "",
            "| case | items | API median | API p95 | API CPU p95 | p95 ≤ 50 ms | site page median | site page p95 |",
            "| --- | ---: | ---: | ---: | ---: | :---: | ---: | ---: |",
        ]
        for row in res["rows"]:
            api, site = row["api"], row.get("site")
            ok = "yes" if api["p95_ms"] <= TARGET_P95_MS else "no"
            lines.append(
                f"| {row['case']} | {row['items']} | {fmt(api['median_ms'])} | {fmt(api['p95_ms'])} | "
                f"{fmt(api['cpu_p95_ms'])} | {ok} | "
                + (f"{fmt(site['median_ms'])} | {fmt(site['p95_ms'])} |" if site else "– | – |")
            )
        lines.append("")
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--relations", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], help="child mode: time the requests")
    parser.add_argument("--generate", choices=["sqlite", "postgres"], help="child mode: generate the data")
    parser.add_argument("--only", choices=["sqlite", "postgres"], help="parent mode: run one backend only")
    args = parser.parse_args()
    if args.generate:
        generate_backend(args)
        return
    if args.backend:
        run_backend(args)
        return
    backends = [args.only] if args.only else ["sqlite", "postgres"]
    write_markdown([spawn(backend, args) for backend in backends], args)


if __name__ == "__main__":
    main()
