"""Load test of the four main pages: gunicorn (production settings) beside `runserver`, same run.

    .venv/bin/python bench/load.py [--duration 10] [--connections 16] [--database-url postgres://…]

The load generator is wrk (Debian package, installed by scripts/ensure-wrk.sh): a C event loop
that keeps N connections busy and measures latency percentiles without coordinated-omission
tricks of our own, so the figures are the server's, not a Python client's; chosen over locust
(whose Python client would need more of our 2 cores than the server) and oha (not packaged).
A Lua `done` hook prints p50/p95/p99 (wrk's --latency shows no p95).

Bounded and local: every target is 127.0.0.1, each run lasts --duration seconds (at most 60).
The database is the demo (`load_demo`, the report's actors) in PostgreSQL, loaded when empty.
Servers: gunicorn with gunicorn.conf.py, 4 workers, maillage.settings.prod, Redis (db 2) for the
cache; the baseline is `manage.py runserver` as `make run` serves (dev settings, one process).
Before each measurement one request checks how the page is served (X-Page-Cache: hit under
gunicorn), so the table says whether it measured cached pages. The network page's graph data
(`/reseau/graphe.json`, asked for gzip-compressed as browsers do) has a row of its own.
Results: bench/results/load.md (assembled into bench/RESULTS.md by run_all.py) and load.json.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("JSON {\\"requests\\": %d, \\"duration_us\\": %d, \\"errors\\": %d, \\"non2xx\\": %d, "
    .. "\\"p50\\": %d, \\"p95\\": %d, \\"p99\\": %d}\\n",
    summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def server_env(database_url, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL", "HUEY_"))}
    env.update(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": "bench-only-" + "s3cr3t" * 10,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": "https://maillage.example.org",
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_COLLECTED": "0",
            "GUNICORN_ACCESS_LOG": "",
            **extra,
        }
    )
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def ensure_demo(database_url):
    env = server_env(database_url, DJANGO_SETTINGS_MODULE="maillage.settings.dev")
    manage(env, "migrate", "--noinput", "-v0")
    count = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from maillage.directory.models import Actor; print(Actor.objects.count())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    if int(count) == 0:
        manage(env, "load_demo")
    slug = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from maillage.network.models import Relation; "
            "from django.db.models import Count; from maillage.directory.models import Actor; "
            "print(Actor.objects.annotate(n=Count('relations_out')).order_by('-n', 'pk')[0].slug)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    return slug


def wait_up(url, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {timeout} s")


def start(kind, port, database_url, workers):
    log = open(Path(tempfile.gettempdir()) / f"maillage-bench-{kind}.log", "w")  # noqa: SIM115
    if kind == "gunicorn":
        env = server_env(
            database_url,
            DJANGO_SETTINGS_MODULE="maillage.settings.prod",
            REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2"),
            GUNICORN_BIND=f"127.0.0.1:{port}",
            GUNICORN_WORKERS=str(workers),
        )
        command = [GUNICORN, "-c", "gunicorn.conf.py"]
    else:
        env = server_env(database_url, DJANGO_SETTINGS_MODULE="maillage.settings.dev")
        command = [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    wait_up(f"http://127.0.0.1:{port}/")
    return process


def served_how(url, headers=None):
    """How the server answered one more request after the warm-up: the page cache's verdict
    (X-Page-Cache: hit/miss, absent when the page was rendered), the encoding and the size.
    Checked so that a table of cached-page figures cannot silently measure rendered pages."""
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        return {
            "page_cache": response.headers.get("X-Page-Cache", "-"),
            "encoding": response.headers.get("Content-Encoding", "-"),
            "bytes": len(body),
        }


def wrk(url, duration, connections, script, headers=None):
    assert url.startswith("http://127.0.0.1:"), "loopback only"
    header_args = [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")]
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", *header_args, "-s", script, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("JSON "))
    data = json.loads(line[5:])
    return {
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50": data["p50"] / 1000,
        "p95": data["p95"] / 1000,
        "p99": data["p99"] / 1000,
        "errors": data["errors"] + data["non2xx"],
        "requests": data["requests"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/maillage_bench"),
    )
    args = parser.parse_args()
    duration = max(1, min(args.duration, 60))
    subprocess.run([str(ROOT / "scripts" / "ensure-wrk.sh")], check=True)
    subprocess.run([str(ROOT / "scripts" / "ensure-redis.sh")], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([str(ROOT / "scripts" / "ensure-postgres.sh")], check=True, stdout=subprocess.DEVNULL)
    name = args.database_url.rsplit("/", 1)[1]
    subprocess.run(
        ["psql", args.database_url.rsplit("/", 1)[0] + "/postgres", "-qc", f'CREATE DATABASE "{name}"'],
        capture_output=True,
        check=False,
    )
    slug = ensure_demo(args.database_url)
    pages = {
        "fiche": f"/acteurs/{slug}/",
        "annuaire": "/acteurs/",
        "carte": "/carte/",
        "réseau": "/reseau/",
        # What the network page fetches next: the laid-out graph, gzip-compressed, as a browser asks for it.
        "réseau, données du graphe": "/reseau/graphe.json",
    }
    headers = {"réseau, données du graphe": {"Accept-Encoding": "gzip"}}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(LUA)
        script = handle.name
    results = {}
    load_before = os.getloadavg()  # other work on the machine, before our servers and wrk add theirs
    for kind, port in (("runserver", 8118), ("gunicorn", 8117)):
        process = start(kind, port, args.database_url, args.workers)
        try:
            for label, path in pages.items():
                url = f"http://127.0.0.1:{port}{path}"
                wrk(url, 2, args.connections, script, headers.get(label))  # warm-up (caches, connections)
                served = served_how(url, headers.get(label))
                measured = wrk(url, duration, args.connections, script, headers.get(label))
                results.setdefault(label, {})[kind] = {**measured, **served}
                print(kind, label, results[label][kind], flush=True)
        finally:
            process.terminate()
            try:
                process.wait(timeout=60)  # gunicorn's graceful timeout is 30 s
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    load = os.getloadavg()
    report = {
        "date": datetime.now(UTC).isoformat(timespec="minutes"),
        "load_average": load,
        "load_average_before": load_before,
        "duration_s": duration,
        "connections": args.connections,
        "workers": args.workers,
        "pages": pages,
        "results": results,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "load.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    lines = [
        "## Load: the four main pages under gunicorn beside runserver (`bench/load.py`)",
        "",
        f"Measured {report['date']} on {os.cpu_count()} cores; load average before the run "
        f"{load_before[0]:.1f} (1 min: other work on the machine), at its end {load[0]:.1f} / {load[1]:.1f} / "
        f"{load[2]:.1f} (1/5/15 min, these servers and wrk included).",
        f"wrk, {args.connections} connections, 2 threads, {duration} s per page after a 2 s warm-up; demo data "
        "(the report's actors, `load_demo`) in PostgreSQL. gunicorn: `gunicorn.conf.py`, "
        f"{args.workers} sync workers, production settings, Redis cache; baseline: `manage.py runserver` "
        "(dev settings, as `make run`). Anonymous visitors: gunicorn serves these pages from the page cache "
        "(maillage.core.pagecache, keyed on the data version).",
        "",
        "*Page cache*: the `X-Page-Cache` header of one request made after the warm-up (hit: served from the "
        "cache; - : rendered, the page cache is off under `runserver`'s dev settings). The graph data is asked "
        "for with `Accept-Encoding: gzip`, as browsers do; its size is the bytes sent.",
        "",
        "| page | server | page cache | req/s | p50 ms | p95 ms | p99 ms | errors | bytes |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, by_server in results.items():
        for kind in ("runserver", "gunicorn"):
            r = by_server[kind]
            size = f"{r['bytes']:,}" + (f" ({r['encoding']})" if r["encoding"] != "-" else "")
            lines.append(
                f"| {label} (`{pages[label]}`) | {kind} | {r['page_cache']} | {r['rps']:.0f} | {r['p50']:.1f} | "
                f"{r['p95']:.1f} | {r['p99']:.1f} | {r['errors']} | {size} |"
            )
    if load_before[0] > 1.5:
        lines += [
            "",
            f"The machine was busy (load average {load_before[0]:.1f} before the run on {os.cpu_count()} cores: "
            "other processes than these servers): the figures are a fraction of what an idle machine gives. "
            "Rerun `make bench-load` on an idle machine to check the issue's target (≥ 200 req/s, p99 ≤ 200 ms). "
            "What does not depend on the load is tested: a cached page costs one query (tests/ops).",
        ]
    (RESULTS / "load.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
