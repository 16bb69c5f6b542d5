"""Fixtures shared by the whole suite: factories' seed data and a real headless Chromium."""

import os
import threading
from pathlib import Path

import pytest
from django.db import connection
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# tests between browser steps are still synchronous, so Django's guard is relaxed here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def is_postgres():
    return connection.vendor == "postgresql"


def uses_chromium(item):
    return item.get_closest_marker("browser") is not None or "browser" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(config, items):
    """`make test` runs the suite on SQLite and on PostgreSQL, side by side. Two kinds of tests run
    in one of them only, each kind in its own, so that both suites end near the same time:

    - a test marked `one_suite` never uses the suite's database (it reads files, or runs its own
      processes and databases): running it twice tells nothing more. It runs in the PostgreSQL suite
      (the two-process test then shares a PostgreSQL database, as in production).
    - a browser test (real Chromium, `browser` marker or fixture) checks what the page does in the
      browser: scripts, layout, accessibility, the CSP. What the server reads and writes for those
      pages is tested on both databases by the client tests (views, search, contributions, surveys…).
      It runs in the SQLite suite.

    The other suite deselects them (the count shows in pytest's summary line)."""
    if connection.vendor == "postgresql":
        elsewhere = [item for item in items if uses_chromium(item)]
    else:
        elsewhere = [item for item in items if item.get_closest_marker("one_suite") and not uses_chromium(item)]
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        ids = {id(item) for item in elsewhere}
        items[:] = [item for item in items if id(item) not in ids]


_EMPTYING_AFTER_A_TEST = threading.local()


def _empty_postgres_tables_with_delete():
    """After a transactional test (live server, concurrency), Django empties every table with one
    TRUNCATE of all of them: on PostgreSQL that statement costs 0.3–2.5 s (a new file per table and
    index), while the few rows a test leaves are deleted in tens of milliseconds. Only that flush
    changes: the same tables are emptied, sequences are left alone as before, post_migrate still runs,
    and the application's own flushes (`import_all`) keep their TRUNCATE. Foreign keys are
    deferrable (Django creates them so): they are checked at commit, when every table is empty.
    """
    from django.db.backends.postgresql.operations import DatabaseOperations
    from django.test.testcases import TransactionTestCase

    truncate = DatabaseOperations.sql_flush
    fixture_teardown = TransactionTestCase._fixture_teardown

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not getattr(_EMPTYING_AFTER_A_TEST, "on", False) or reset_sequences or allow_cascade or not tables:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return ["SET CONSTRAINTS ALL DEFERRED", *(f"DELETE FROM {self.quote_name(table)}" for table in tables)]

    def emptying_teardown(self):
        _EMPTYING_AFTER_A_TEST.on = True
        try:
            fixture_teardown(self)
        finally:
            _EMPTYING_AFTER_A_TEST.on = False

    DatabaseOperations.sql_flush = sql_flush
    TransactionTestCase._fixture_teardown = emptying_teardown


def pytest_configure(config):
    _empty_postgres_tables_with_delete()


@pytest.fixture(autouse=True)
def _french_after_each_test():
    """A request under /en/ leaves English active in the test's thread: every test starts in French."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _migration_seed_rows(request):
    """Put back the reference rows seeded by data migrations (actor types, motivations).

    Transactional tests (the live-server browser tests) end with a flush that empties every
    table, seeded rows included; later tests of any app must still find them.
    """
    uses_db = request.node.get_closest_marker("django_db") is not None
    if not uses_db:
        for name in ("transactional_db", "db", "live_server"):
            if name in request.fixturenames:
                request.getfixturevalue(name)
                uses_db = True
                break
    if not uses_db:
        return
    from maillage.directory.actor_types import ensure_actor_types
    from maillage.directory.models import ActorType
    from maillage.network.models import Motivation, ensure_motivations

    if not ActorType.objects.exists():
        ensure_actor_types(ActorType)
    if not Motivation.objects.exists():
        ensure_motivations(Motivation)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


class ConsoleErrors(list):
    """Console errors and uncaught page errors seen by a page."""


@pytest.fixture
def page(browser):
    """A fresh page that records console errors; tests assert `page.console_errors == []`.

    Requests to other hosts (map tiles) are aborted: pages must work with no tile server.
    """
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = ConsoleErrors()
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def route(route):
        url = route.request.url
        if url.startswith(("http://localhost", "http://127.0.0.1", "data:", "blob:")):
            return route.continue_()
        return route.abort()

    context.route("**/*", route)
    page.console_errors = errors
    yield page
    context.close()


def ignore_offline_tile_errors(errors):
    """Aborted tile requests show as console errors; they are expected with no tile server."""
    return [e for e in errors if "net::ERR_FAILED" not in e and "ERR_BLOCKED" not in e]


@pytest.fixture
def axe():
    """Run axe-core in the page; returns violations of impact serious or critical."""

    def run(page, context=None):
        # Evaluated through the DevTools protocol: a <script> tag would be (rightly) blocked by the CSP.
        page.evaluate(AXE_JS.read_text() + "\n;true")
        result = page.evaluate(
            """async (ctx) => await axe.run(ctx || document, {resultTypes: ['violations']})""",
            context,
        )
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return run
