"""Test settings: fast hashing, in-memory e-mail, tasks run inline."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
HUEY["immediate"] = True  # noqa: F405
ALLOWED_HOSTS = ["*"]
PAGE_CACHE_VIEWS = []  # tests re-read pages after changing data outside the versioned tables; tests/ops enable it

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # The test database is thrown away after the run: its commits need not wait for the disk.
    # Per connection (no server setting changes); the live server's and tests' connections alike.
    DATABASES["default"]["OPTIONS"]["options"] += " -c synchronous_commit=off"  # noqa: F405
