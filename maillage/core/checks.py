"""Start-up checks of the production settings: a misconfigured instance refuses to start.

They run only under `maillage.settings.prod` (PRODUCTION = True): `manage.py check --deploy`, and
gunicorn.conf.py, which runs the checks before serving and stops on any error. Each message names
the environment variable to set.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

DEV_SECRET_KEY = "dev-only-insecure-key-change-me"  # noqa: S105 - base.py's default, for development only
MIN_SECRET_KEY_LENGTH = 50
REDIS_SCHEMES = {"redis", "rediss", "unix"}


def _secret_key_errors():
    key = settings.SECRET_KEY or ""
    if not key or key == DEV_SECRET_KEY or len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < 5:
        return [
            Error(
                "SECRET_KEY is missing, the development key or too weak for production.",
                hint=f"Set SECRET_KEY to a random string of {MIN_SECRET_KEY_LENGTH}+ characters, e.g. "
                "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
                id="core.E101",
            )
        ]
    return []


def _allowed_hosts_errors():
    hosts = [host for host in settings.ALLOWED_HOSTS if host]
    if not hosts or "*" in hosts:
        return [
            Error(
                "ALLOWED_HOSTS is empty or '*' in production.",
                hint="Set ALLOWED_HOSTS to the site's domain names, comma-separated (e.g. maillage.example.org).",
                id="core.E102",
            )
        ]
    return []


def _redis_errors():
    url = settings.REDIS_URL
    if not url:
        return [
            Warning(
                "REDIS_URL is not set: the cache, rate limits and the map cache are per process, and tasks "
                "are queued in an SQLite file.",
                hint="Fine for one app process on one machine; set REDIS_URL (redis://host:6379/0) as soon "
                "as several processes or machines serve the site.",
                id="core.W103",
            )
        ]
    if urlsplit(url).scheme not in REDIS_SCHEMES:
        return [
            Error(
                f"REDIS_URL must start with redis://, rediss:// or unix:// (got {urlsplit(url).scheme or 'nothing'}).",
                hint="e.g. REDIS_URL=redis://127.0.0.1:6379/0",
                id="core.E103",
            )
        ]
    return []


def _database_warnings():
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        return [
            Warning(
                "DATABASE_URL is not set: production runs on the SQLite file.",
                hint="SQLite serves one machine; set DATABASE_URL=postgres://… to scale out "
                "(README section 'Mettre en production', moving from SQLite).",
                id="core.W104",
            )
        ]
    return []


def _task_queue_errors():
    if settings.HUEY.get("immediate"):
        return [
            Error(
                "The task queue runs tasks inside web requests (HUEY immediate) in production.",
                hint="Unset HUEY_IMMEDIATE and run the worker: `manage.py run_huey`.",
                id="core.E105",
            )
        ]
    return []


def _sentry_errors():
    if not settings.SENTRY_DSN:
        return []
    from sentry_sdk.utils import BadDsn, Dsn

    try:
        Dsn(settings.SENTRY_DSN)
    except BadDsn as error:
        return [Error(f"SENTRY_DSN cannot be read: {error}", hint="Copy the project's DSN.", id="core.E106")]
    return []


def _site_url_warnings():
    if urlsplit(settings.SITE_URL).hostname in {"127.0.0.1", "localhost"}:
        return [
            Warning(
                "SITE_URL still points to this machine: links in e-mails would not work.",
                hint="Set SITE_URL to the public address, e.g. https://maillage.example.org",
                id="core.W107",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_production_settings(app_configs=None, **kwargs):
    if not getattr(settings, "PRODUCTION", False):
        return []
    return [
        *_secret_key_errors(),
        *_allowed_hosts_errors(),
        *_redis_errors(),
        *_database_warnings(),
        *_task_queue_errors(),
        *_sentry_errors(),
        *_site_url_warnings(),
    ]


@register(Tags.caches)
def check_redis_url(app_configs=None, **kwargs):
    """A REDIS_URL that cannot be one fails in every environment, not only under --deploy."""
    if settings.REDIS_URL and urlsplit(settings.REDIS_URL).scheme not in REDIS_SCHEMES:
        return _redis_errors()
    return []
