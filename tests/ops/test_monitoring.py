"""Sentry: reports errors only when SENTRY_DSN is set, and never personal data."""

import json
import os
import subprocess
import sys

from django.conf import settings

from maillage.core.monitoring import scrub_event

from .processes import ROOT


def _report_of_a_failing_request():
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")}
    result = subprocess.run(
        [sys.executable, "-m", "tests.ops.sentry_probe"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return [event for event in events if event.get("exception")]


def test_sentry_is_off_without_a_dsn():
    import sentry_sdk

    assert not settings.SENTRY_DSN
    assert not sentry_sdk.get_client().is_active()


def test_a_failing_request_is_reported_with_its_exception():
    (event,) = _report_of_a_failing_request()
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["transaction"] == "/echec/"


def test_a_report_carries_no_personal_data():
    (event,) = _report_of_a_failing_request()
    text = json.dumps(event)
    assert "ada@example.org" not in text  # neither the form, the query string nor a frame's locals
    assert "secret-session" not in text  # no cookie
    assert "Bonjour" not in text
    assert "user" not in event


def test_scrubbing_keeps_the_path_and_drops_the_person():
    event = {
        "user": {"ip_address": "192.0.2.1"},
        "request": {
            "url": "https://maillage.example.org/contributions/?email=ada@example.org",
            "data": {"email": "ada@example.org"},
            "cookies": {"sessionid": "s"},
            "headers": {"Cookie": "sessionid=s", "User-Agent": "Firefox", "X-Forwarded-For": "192.0.2.1"},
        },
    }
    scrubbed = scrub_event(event)
    assert scrubbed == {
        "request": {"url": "https://maillage.example.org/contributions/", "headers": {"User-Agent": "Firefox"}}
    }
