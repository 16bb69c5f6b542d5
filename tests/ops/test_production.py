"""Production settings and the gunicorn configuration: misconfiguration stops the server loudly."""

import json
import subprocess
import urllib.request

import pytest

from .processes import GUNICORN, REDIS_TEST_URL, ROOT, gunicorn, production_env, run_manage, unique_redis_namespace

# Runs its own processes and databases, never the suite's: once per `make test` (tests/conftest.py).
pytestmark = pytest.mark.one_suite


def _deploy_check(**env):
    return run_manage(production_env(**env), "check", "--deploy", "--fail-level", "ERROR")


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = run_manage(env, "check", "--deploy", "--fail-level", "ERROR")
    assert result.returncode != 0
    assert "core.E101" in result.stderr


def test_production_refuses_the_development_secret_key():
    result = _deploy_check(SECRET_KEY="dev-only-insecure-key-change-me")
    assert "core.E101" in result.stderr


def test_production_refuses_an_empty_host_list():
    result = _deploy_check(ALLOWED_HOSTS="")
    assert result.returncode != 0
    assert "core.E102" in result.stderr


def test_production_refuses_tasks_run_inside_requests():
    result = _deploy_check(HUEY_IMMEDIATE="1")
    assert "core.E105" in result.stderr


def test_production_refuses_an_unreadable_sentry_dsn():
    result = _deploy_check(SENTRY_DSN="not-a-dsn")
    assert "core.E106" in result.stderr


def test_a_redis_url_that_is_not_one_is_refused_in_every_environment():
    env = production_env(DJANGO_SETTINGS_MODULE="maillage.settings.dev", REDIS_URL="http://127.0.0.1:6379/1")
    result = run_manage(env, "check")
    assert result.returncode != 0
    assert "core.E103" in result.stderr


def test_production_without_redis_is_told_it_is_per_process():
    result = _deploy_check()
    assert result.returncode == 0, result.stderr
    assert "core.W103" in result.stderr


def test_gunicorn_refuses_to_start_with_a_misconfiguration(tmp_path):
    env = production_env(GUNICORN_BIND="127.0.0.1:0", ALLOWED_HOSTS="")
    result = run_manage(env, "check")  # the plain checks pass: only the deploy ones catch it
    assert result.returncode == 0
    served = subprocess.run(
        [str(GUNICORN), "-c", "gunicorn.conf.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert served.returncode != 0
    assert "core.E102" in served.stderr


def test_gunicorn_serves_the_health_endpoint_under_production_settings(tmp_path):
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=REDIS_TEST_URL,
        GUNICORN_WORKERS="2",
        **unique_redis_namespace(),
    )
    with gunicorn(env, tmp_path) as (base, _process), urllib.request.urlopen(base + "/sante/", timeout=10) as response:
        report = json.load(response)
        status = response.status
    assert status == 200
    assert report["status"] == "ok"
    assert report["checks"]["cache"]["backend"] == "RedisCache"
    assert report["checks"]["file_de_taches"]["stockage"] == "RedisStorage"
