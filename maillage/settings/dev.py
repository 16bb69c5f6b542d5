"""Local development: DEBUG on, console e-mails, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403

DEBUG = True
HUEY["immediate"] = True  # noqa: F405  (no worker needed on a laptop)
PAGE_CACHE_VIEWS = []  # a template edited is seen at once
