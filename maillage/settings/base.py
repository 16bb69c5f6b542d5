"""Settings shared by every environment, read from environment variables.

SQLite is the embedded default; DATABASE_URL (e.g. postgres://user@host:5432/db)
switches to PostgreSQL, the production database.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Reverse proxies whose X-Real-IP header gives the client's address (rate limits count per client).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "huey.contrib.djhuey",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "maillage.core",
    "maillage.territories",
    "maillage.directory",
    "maillage.cartography",
    "maillage.network",
    "maillage.contributions",
    "maillage.events",
    "maillage.imports",
    "maillage.diagnostics",
    "maillage.initiatives",
    "maillage.surveys",
    "maillage.site",
    "maillage.api",
    "maillage.opendata",
    "maillage.privacy",
    "maillage.demo",
]

MIDDLEWARE = [
    "maillage.api.middleware.ApiJsonErrorsMiddleware",  # first: every error under /api/ leaves as JSON
    "maillage.core.middleware.TrustedProxyClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "maillage.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "maillage.core.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Serves the main pages to visitors without a session from the cache (maillage.core.pagecache).
    "maillage.core.pagecache.AnonymousPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its French page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "maillage.urls"
WSGI_APPLICATION = "maillage.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "maillage" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "maillage.site.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and background tasks share the file; IMMEDIATE
    # transactions take the write lock at BEGIN, so concurrent writers wait for the busy timeout
    # instead of failing at once with "database is locked" when a read lock cannot be upgraded.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No single query may hold a connection for long (e.g. a crafted filter): PostgreSQL
    # cancels any statement running longer than this (milliseconds; 0 disables).
    DB_STATEMENT_TIMEOUT_MS = int(os.environ.get("DB_STATEMENT_TIMEOUT_MS", "30000"))
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS}"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French is the source language of the UI and the default; English is a complete translation
# (maillage/locale/en). The language comes from the URL only: French pages are unprefixed, their
# English versions live under /en/ (i18n_patterns without a default prefix), so a French link
# stays French whatever the browser's Accept-Language says and a shared link shows one language.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]  # untranslated: each name in its own language
LOCALE_PATHS = [BASE_DIR / "maillage" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "maillage" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

LOGIN_URL = "contributions:login"
LOGOUT_REDIRECT_URL = "site:home"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a login while its username and address are locked out
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes): after 5 wrong passwords for one username from one address,
# that pair is locked out for an hour, even with the right password; a success resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "contributions/locked_out.html"
AXES_USERNAME_CALLABLE = "maillage.core.auth.axes_username"
AXES_VERBOSE = False
# Links e-mailed to confirm a new account (and reset a password) expire after three days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
# Absolute address of the site, for links in e-mails sent by management commands.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Maillage <noreply@maillage.invalid>")

# Redis (REDIS_URL, e.g. redis://127.0.0.1:6379/0) is what several app processes share: when it is
# set, the cache (hence rate limits, the map cache and every cached fragment) and the task queue
# live there; without it, a single process keeps its cache in memory and tasks in an SQLite file.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Cached pages and fragments are keyed on the data version (maillage.core.dataversion), so they never
# go stale; this only bounds how long an unused entry occupies memory.
CACHE_TIMEOUT = int(os.environ.get("CACHE_TIMEOUT", str(24 * 3600)))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "maillage"),
            "TIMEOUT": CACHE_TIMEOUT,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
            "LOCATION": os.environ.get("CACHE_LOCATION", "maillage"),
            "TIMEOUT": CACHE_TIMEOUT,
        }
    }

# Background work: huey, on Redis when REDIS_URL is set (every app process and every worker
# then share one queue), else in an SQLite file beside the code (no extra service).
# HUEY_REDIS_URL, the older name, still works.
HUEY_REDIS_URL = os.environ.get("HUEY_REDIS_URL") or REDIS_URL
if HUEY_REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": os.environ.get("HUEY_NAME", "maillage"),
        "url": HUEY_REDIS_URL,
        "immediate": False,
        "results": True,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "maillage",
        "filename": str(BASE_DIR / "huey.sqlite3"),
        "immediate": env_bool("HUEY_IMMEDIATE", False),
    }

# Error reporting (optional): Sentry, or any service speaking its protocol (GlitchTip…), only when
# SENTRY_DSN is set; no personal data is sent (see maillage.core.monitoring).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "production")
SENTRY_TRACES_SAMPLE_RATE = float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0"))
if SENTRY_DSN:
    from maillage.core.monitoring import init_sentry

    init_sentry(SENTRY_DSN, environment=SENTRY_ENVIRONMENT, traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE)

# Pages served from the cache to visitors without a session or account, keyed on the data version
# (maillage.core.pagecache); what they show beyond the versioned tables is at most this late.
PAGE_CACHE_VIEWS = [
    "directory:actor_list",
    "directory:actor_detail",
    "cartography:map",
    "network:network",
]
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))

# Production settings (maillage.settings.prod) set this; the core.E10x checks then refuse to start
# on a missing secret, host list or Redis address (see maillage.core.checks).
PRODUCTION = False

# Map tiles: URL and attribution are settings (OpenStreetMap by default).
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">contributeurs OpenStreetMap</a>',
)


def _tile_origin(url):
    """The origin of the tile URL template, for the CSP ({s} sub-domains become a wildcard)."""
    parts = urlsplit(url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


# Content Security Policy (django-csp): every script and style is a static file of this site;
# the only outside resource is the map tile server. Inline style attributes stay allowed (the
# map and graph libraries position their elements with them); inline scripts do not.
# The embed view relaxes frame-ancestors for itself (maillage.cartography.views.embed_page).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"] + [o for o in [_tile_origin(MAP_TILE_URL)] if o],
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# Browser features no page uses are switched off (core.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
}

# Optional online address geocoder (the national address base API, e.g.
# https://api-adresse.data.gouv.fr/search/); empty means off: communes are geocoded offline.
ADDRESS_GEOCODER_URL = os.environ.get("ADDRESS_GEOCODER_URL", "")
ADDRESS_GEOCODER_TIMEOUT = float(os.environ.get("ADDRESS_GEOCODER_TIMEOUT", "5"))

SITE_NAME = os.environ.get("SITE_NAME", "Maillage")
# The operator's name, set per instance; the default is a phrase, so it follows the page's language.
SITE_OPERATOR = os.environ.get("SITE_OPERATOR") or gettext_lazy("l'équipe Maillage")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Panels that other domains add to an actor's fiche, in order. Each is a function
# `(request, actor) -> str` returning HTML (or "" when it has nothing to show);
# a path that does not import fails the directory.E001 check at start-up.
# The measures the surveys app compares waves with (the diagnostics app's, same layer: named, not imported).
SURVEYS_MEASURES_MODULE = "maillage.diagnostics.measures"

ACTOR_FICHE_PANELS = [
    "maillage.network.panels.actor_panel",
    "maillage.initiatives.panels.actor_panel",
    "maillage.events.panels.actor_panel",
    "maillage.contributions.panels.actor_panel",
    "maillage.diagnostics.panels.actor_panel",
    "maillage.opendata.linked_data.actor_panel",  # schema.org JSON-LD (a data block, nothing visible)
]

# Optional layers of the map /carte/ that other domains add (query parameter `<key>=1` turns one on).
# Each is a function `(request) -> dict` (see maillage/cartography/overlays.py); a path that does
# not import fails the cartography.E001 check at start-up.
MAP_OVERLAYS = [
    "maillage.initiatives.overlay.map_overlay",
]

# Diagnostics: above this many actors a diagnostic runs in the task queue (the page shows its
# progress); above this many, betweenness is approximated (sampled paths) instead of exact.
DIAGNOSTICS_BACKGROUND_ABOVE = int(os.environ.get("DIAGNOSTICS_BACKGROUND_ABOVE", "1500"))
DIAGNOSTICS_EXACT_BETWEENNESS_MAX_NODES = int(os.environ.get("DIAGNOSTICS_EXACT_BETWEENNESS_MAX_NODES", "5000"))

# Contributions and moderation (see maillage/contributions/README.md).
CONTRIBUTIONS_FRESHNESS_MONTHS = int(os.environ.get("CONTRIBUTIONS_FRESHNESS_MONTHS", "12"))
CONTRIBUTIONS_OWNER_AUTO_CLAIM_BY_DOMAIN = env_bool("CONTRIBUTIONS_OWNER_AUTO_CLAIM_BY_DOMAIN", False)
CONTRIBUTIONS_RATE_LIMIT_PER_IP = (20, 3600)  # anonymous proposals per IP per hour
CONTRIBUTIONS_RATE_LIMIT_PER_EMAIL = (5, 3600)  # proposals per (normalised) e-mail address per hour
CONTRIBUTIONS_RATE_LIMIT_PER_USER = (10, 3600)  # proposals per contributor account per hour (moderators exempt)
ACCOUNTS_SIGNUP_RATE_LIMIT_PER_IP = (5, 3600)  # account creations per IP per hour
ACCOUNTS_SIGNUP_RATE_LIMIT_PER_EMAIL = (3, 3600)  # account creation attempts per e-mail address per hour
EVENTS_REGISTRATION_RATE_LIMIT_PER_IP = (10, 3600)  # event registrations per IP per hour
EVENTS_REGISTRATION_RATE_LIMIT_PER_EMAIL = (3, 3600)  # event registrations per e-mail address per hour
# Staff imports of files larger than this run in the task queue, with a progress page.
DIRECTORY_IMPORT_BACKGROUND_BYTES = int(os.environ.get("DIRECTORY_IMPORT_BACKGROUND_BYTES", str(256 * 1024)))
CONTRIBUTIONS_DUPLICATE_THRESHOLD = 85  # RapidFuzz score above which a new actor is a probable duplicate

# The public API (/api/v1/, maillage.api): JSON only, partner tokens, errors as JSON, cursor pages,
# throttles counted in the default cache (shared by every process once CACHES points at Redis).
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["maillage.api.authentication.PartnerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["maillage.api.permissions.ReadOrPartnerWrite"],
    "DEFAULT_THROTTLE_CLASSES": ["maillage.api.throttling.AnonThrottle", "maillage.api.throttling.PartnerThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "300/min"),
        "partner": os.environ.get("API_THROTTLE_PARTNER", "1200/min"),
    },
    "DEFAULT_PAGINATION_CLASS": "maillage.api.pagination.StableCursorPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "maillage.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "maillage.api.schema.ApiAutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Maillage",
    "DESCRIPTION": gettext_lazy(
        "Lecture publique des acteurs, relations, territoires et événements ; écriture par jeton partenaire."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ActorTypeEnum": "maillage.directory.models.ActorTypeCode",
        "LegalStatusEnum": "maillage.directory.models.LegalStatus",
        "ScopeEnum": "maillage.directory.models.Scope",
        "LifecycleEnum": "maillage.directory.models.Lifecycle",
        "RelationKindEnum": "maillage.network.models.RelationKind",
        "MotivationEnum": "maillage.network.models.MotivationCode",
        "RelationOriginEnum": "maillage.network.models.RelationOrigin",
        "RelationStatusEnum": "maillage.network.models.RelationStatus",
        "InitiativePhaseEnum": "maillage.initiatives.models.Phase",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "maillage.api.schema.add_links",
    ],
}

# Personal data (maillage/privacy/README.md): how long a signed personal-data link stays valid,
# and the retention durations that `manage.py apply_retention` enforces and the « Données
# personnelles » page states (one source for both).
PERSONAL_DATA_LINK_DAYS = int(os.environ.get("PERSONAL_DATA_LINK_DAYS", "365"))
RETENTION_UNCONFIRMED_PROPOSAL_DAYS = int(os.environ.get("RETENTION_UNCONFIRMED_PROPOSAL_DAYS", "30"))
RETENTION_INACTIVE_ACCOUNT_DAYS = int(os.environ.get("RETENTION_INACTIVE_ACCOUNT_DAYS", "30"))
RETENTION_REGISTRATION_DAYS_AFTER_EVENT = int(os.environ.get("RETENTION_REGISTRATION_DAYS_AFTER_EVENT", "90"))
