"""Two app processes on one database and one Redis, as a region scales out (README « Mettre en production »).

Two gunicorn masters on two ports, production settings, REDIS_URL pointing at the suite's Redis
database (scripts/ensure-redis.sh finds or starts it), plus a huey worker: rate limits counted in
one process hold in the other, a map view cached by one is served by the other and both see a
write at once, and a task queued by one process is run by the worker and its result seen from the
other. Each run uses its own cache prefix and queue name, so concurrent runs never meet.
"""

import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import ExitStack

import psycopg
import pytest
from django.db import connection

from .processes import REDIS_TEST_URL, ROOT, gunicorn, production_env, run_manage, unique_redis_namespace

# Runs its own processes and databases, never the suite's: once per `make test` (tests/conftest.py).
pytestmark = pytest.mark.one_suite

SEED = """
from tests.directory.factories import ActorFactory
from tests.network.factories import RelationFactory
actors = [ActorFactory(name=f"Laboratoire synthétique {i}", latitude=45.70 + i / 100, longitude=4.80 + i / 100)
          for i in range(12)]
for source, target in zip(actors, actors[1:]):
    RelationFactory(source=source, target=target)
"""


def _database_url(tmp_path):
    """A database of its own, of the suite's kind: an SQLite file, or a PostgreSQL database dropped after."""
    if connection.vendor != "postgresql":
        return f"sqlite:///{tmp_path / 'shared.sqlite3'}", None
    settings = connection.settings_dict
    name = f"maillage_procs_{uuid.uuid4().hex[:8]}"
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    admin = f"host={host} port={port} user={settings['USER']} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"postgres://{settings['USER']}@{host}:{port}/{name}", drop


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("cluster")
    database_url, drop = _database_url(tmp_path)
    env = production_env(
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_TEST_URL,
        DIAGNOSTICS_BACKGROUND_ABOVE=0,  # every diagnostic goes through the task queue
        **unique_redis_namespace(),
    )
    try:
        for args in (["migrate", "--noinput"], ["shell", "-c", SEED]):
            result = run_manage(env, *args)
            assert result.returncode == 0, result.stdout + result.stderr
        with ExitStack() as stack:
            first, _ = stack.enter_context(gunicorn(env, tmp_path))
            second, _ = stack.enter_context(gunicorn(env, tmp_path))
            yield {"env": env, "first": first, "second": second, "tmp": tmp_path}
    finally:
        if drop:
            drop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A visitor behind the TLS proxy (X-Forwarded-Proto), keeping its cookies across both processes.

    The production cookies are Secure: a cookie jar would not send them back over the loopback's
    plain HTTP, so they are kept by hand, as the browser does behind the proxy.
    """

    def __init__(self):
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect())

    def _open(self, request):
        request.add_header("X-Forwarded-Proto", "https")
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, value = header.split(";", 1)[0].split("=", 1)
                self.cookies[name.strip()] = value
            return response.status, response.read().decode(), response.headers

    def get(self, url):
        return self._open(urllib.request.Request(url))

    def post(self, url, data):
        _status, page, _headers = self.get(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        referer = "https://" + url.split("://", 1)[1]  # the page the form was on, as the browser saw it
        return self._open(urllib.request.Request(url, data=body, headers={"Referer": referer}))[0]


def _signup(browser, base, n):
    return browser.post(
        f"{base}/contributions/inscription/",
        {
            "email": f"personne{n}-{uuid.uuid4().hex[:6]}@example.org",
            "username": f"personne{n}{uuid.uuid4().hex[:6]}",
            "password1": "un mot de passe assez long 42",
            "password2": "un mot de passe assez long 42",
        },
    )


def test_a_rate_limit_counted_in_one_process_holds_in_the_other(cluster, settings):
    limit = settings.ACCOUNTS_SIGNUP_RATE_LIMIT_PER_IP[0]
    browser = Browser()
    answers = [_signup(browser, cluster["first"] if n % 2 else cluster["second"], n) for n in range(limit)]
    assert answers == [302] * limit  # each redirected to « inscription envoyée »
    assert _signup(browser, cluster["first"], limit) == 429
    assert _signup(browser, cluster["second"], limit + 1) == 429


def test_a_map_view_cached_by_one_process_is_served_by_the_other(cluster):
    from django.core.cache.backends.redis import RedisCache

    url = "/carte/donnees/"
    browser = Browser()
    status, body, headers = browser.get(cluster["first"] + url)
    assert status == 200
    shared = RedisCache(REDIS_TEST_URL, {"KEY_PREFIX": cluster["env"]["CACHE_KEY_PREFIX"]})
    keys = list(shared._cache.get_client().scan_iter(f"{cluster['env']['CACHE_KEY_PREFIX']}:1:cartography:view:*"))
    assert len(keys) == 1
    key = keys[0].decode().split(":", 2)[2]
    # Mark the cached body: the second process can only answer the mark if it reads the shared entry.
    cached_body, etag = shared.get(key)
    shared.set(key, (cached_body.replace('"total"', '"marque":1,"total"', 1), etag), 60)
    status, second_body, _ = browser.get(cluster["second"] + url)
    assert status == 200
    assert '"marque":1' in second_body


def test_the_main_pages_rendered_by_one_process_are_served_from_the_cache_by_the_other(cluster):
    """Production settings, anonymous visitors: no cookie set, no session, the page cache shared in Redis."""
    listing = Browser().get(cluster["first"] + "/acteurs/")[1]
    fiche = re.search(r'href="(/acteurs/(?!typologie)[a-z0-9-]+/)"', listing).group(1)
    for url in (fiche, "/acteurs/", "/carte/", "/reseau/"):
        visitor = Browser()
        first = visitor.get(cluster["first"] + url)
        second = visitor.get(cluster["second"] + url)
        assert (first[0], second[0]) == (200, 200), url
        assert second[2]["X-Page-Cache"] == "hit", url
        assert second[1] == first[1], url
        assert visitor.cookies == {}, url  # nothing set: no session, no CSRF cookie, no message


def test_a_write_is_seen_at_once_by_both_processes(cluster):
    browser = Browser()
    before = {base: browser.get(base + "/carte/donnees/")[1] for base in (cluster["first"], cluster["second"])}
    result = run_manage(
        cluster["env"],
        "shell",
        "-c",
        "from tests.directory.factories import ActorFactory; "
        "ActorFactory(slug='ecrit-ailleurs', latitude=45.2, longitude=5.7)",
    )
    assert result.returncode == 0, result.stderr
    for base in (cluster["first"], cluster["second"]):
        after = browser.get(base + "/carte/donnees/")[1]
        assert after != before[base]
        assert '"total":13' in after


def test_a_task_queued_by_one_process_is_run_by_the_worker_and_seen_from_the_other(cluster):
    browser = Browser()
    status, page, _ = browser.get(cluster["first"] + "/diagnostic/")
    assert status == 200
    progress_url = re.search(r'hx-get="(/diagnostic/calcul/\d+/avancement/)"', page).group(1)
    assert "Avancement" in browser.get(cluster["second"] + progress_url)[1]  # queued, not run inline
    log = open(cluster["tmp"] / "huey.log", "w+")  # noqa: SIM115 - closed below
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--workers", "1"],
        cwd=ROOT,
        env=cluster["env"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            status, fragment, headers = browser.get(cluster["second"] + progress_url)
            if headers.get("HX-Refresh"):
                break
            time.sleep(1)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
    assert headers.get("HX-Refresh") == "true", (cluster["tmp"] / "huey.log").read_text()[-3000:]
    assert "Calcul terminé" in fragment
