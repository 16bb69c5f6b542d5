"""gunicorn configuration of Maillage in production: `gunicorn -c gunicorn.conf.py`.

Every value comes from an environment variable (README « Mettre en production »), with defaults
for one machine behind a reverse proxy. Before serving, the Django system checks run with the
production (--deploy) checks: a missing SECRET_KEY, an empty ALLOWED_HOSTS… stop the server with
the error instead of failing later, request by request.
"""

import multiprocessing
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings.prod")

wsgi_app = "maillage.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
# Sync workers: pages are CPU-bound Python with short database queries; one process per request
# in flight, two per core by default (gunicorn's advice is 2-4 x cores).
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request still running after this is killed and its worker replaced (diagnostics and large
# imports run in the task queue, not in a request).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Workers are recycled after this many requests (0: never), with jitter so they do not all restart at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# The proxy in front (nginx) is trusted for X-Forwarded-* (comma-separated addresses).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Access log: "-" is standard output (journald), a path writes a file, empty disables it.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No client address in the access log: a request's path, status, size and duration only (personal data).
access_log_format = os.environ.get("GUNICORN_ACCESS_LOG_FORMAT", '%(t)s "%(r)s" %(s)s %(b)s %(M)sms')
proc_name = "maillage"
# Load the application once in the master, then fork: workers share its memory and start fast.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") not in {"0", "false", "no", "off"}


def on_starting(server):
    """Run the system checks, the deploy ones included, and refuse to start on any error."""
    import django
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    django.setup()
    try:
        call_command("check", deploy=True, fail_level="ERROR")
    except SystemCheckError as error:
        server.log.error("Maillage refuses to start:\n%s", error)
        raise SystemExit(1) from None
    _warm_up()
    # Forked workers must not share the master's connections: each opens its own.
    from django.db import connections

    connections.close_all()


def _warm_up():
    """Load in the master what every worker would otherwise load on its first requests.

    Workers are forked from the master and recycled every `max_requests`: without this, each
    fresh worker parses the translation catalogues and compiles the URL patterns while requests
    queue behind it (bench/RESULTS.md, « Load »: the directory's p99 went from 34 ms to 284–396 ms
    when the four workers were recycled during its run).
    """
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 - imports every view module and compiles the patterns
    for code, _name in settings.LANGUAGES:
        translation.activate(code)
    translation.deactivate()
