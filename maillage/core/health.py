"""The health of an app process: can it reach its database, its cache and its task queue?

Each probe is timed and reports "ok" or "erreur" with the exception's class (never its message,
which may hold an address or a password). `/sante/` answers 200 when all are ok, else 503, so a
load balancer or a supervisor takes a process out of service when one of them is unreachable.
"""

import time
import uuid

from django.core.cache import cache, caches
from django.db import connection

OK = "ok"
ERROR = "erreur"


def _probe(function):
    started = time.perf_counter()
    try:
        details = function() or {}
        status = OK
    except Exception as error:  # noqa: BLE001 - any failure of a dependency is what we report
        details = {"erreur": type(error).__name__}
        status = ERROR
    return {"status": status, "ms": round((time.perf_counter() - started) * 1000, 2), **details}


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"moteur": connection.vendor}


def check_cache():
    """Write, read back and delete a key: a cache that accepts writes but loses them is not healthy."""
    key = f"sante:{uuid.uuid4().hex}"
    cache.set(key, 1, 10)
    try:
        if cache.get(key) != 1:
            raise LookupError("value not read back")
    finally:
        cache.delete(key)
    return {"backend": type(caches["default"]).__name__}


def check_task_queue():
    """The queue's storage answers (the number of tasks waiting tells whether the worker keeps up)."""
    from huey.contrib.djhuey import HUEY

    if HUEY.immediate:
        return {"mode": "immédiat"}  # untranslated: a machine-read JSON value
    return {"en_attente": HUEY.pending_count(), "stockage": type(HUEY.storage).__name__}


PROBES = {"base_de_donnees": check_database, "cache": check_cache, "file_de_taches": check_task_queue}


def health():
    """(report, healthy): one probe per dependency."""
    checks = {name: _probe(function) for name, function in PROBES.items()}
    healthy = all(check["status"] == OK for check in checks.values())
    return {"status": OK if healthy else ERROR, "checks": checks}, healthy
