"""Production: secrets, hosts, database and Redis come from the environment.

Nothing here falls back silently: a missing or insecure SECRET_KEY, an empty ALLOWED_HOSTS, a
task queue running inside the web request or an unreadable REDIS_URL / SENTRY_DSN is a system
check error (maillage.core.checks), and gunicorn.conf.py runs the checks before serving.
"""

import os

from .base import *  # noqa: F403

PRODUCTION = True
DEBUG = False
# Read as is; the core.E101 check refuses a missing ("unset": Django itself cannot start with an
# empty key, and the check must be able to say which variable is missing), short or development key.
SECRET_KEY = os.environ.get("SECRET_KEY") or "unset"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "")  # noqa: F405  (no default host in production)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Static files: collected (`collectstatic`), hashed names and compressed copies, cached for ever by
# browsers. STATIC_COLLECTED=0 serves them from the source tree instead (a throwaway instance, the
# multi-process tests and the load benchmark: no collectstatic, no far-future caching).
if env_bool("STATIC_COLLECTED", True):  # noqa: F405
    STORAGES["staticfiles"] = {  # noqa: F405
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    }
    WHITENOISE_USE_FINDERS = False
# Persistent connections: each gunicorn worker keeps its PostgreSQL connection between requests
# (checked before reuse), instead of paying a new connection on every page.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# HTTPS only, behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto
# (`check --deploy` is clean with these settings). The health endpoint answers on plain HTTP too:
# load balancers and supervisors probe the app process directly.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)  # noqa: F405
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)  # noqa: F405
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405
