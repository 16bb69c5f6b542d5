"""The data version: one number that changes after any write to the data pages show.

One row, `core_data_version`, that database triggers increment on every write to a registered
table (bulk writes, raw SQL and other processes included): the directory's actors, tags and
contacts, relations, communes, map points… Each app registers its tables in its AppConfig.ready()
(`register`); the triggers are (re)installed after every `migrate` (SQLite drops a table's
triggers when it rebuilds it) and a system check (core.E110) refuses to start without them.

Everything derived from that data is cached keyed on it: directory search and facets, the map's
views, the fiche's panels, kept diagnostics. A write anywhere is seen by every process at its next
read, with no message to send and no cache to clear; one primary-key read per use.

The version is "<epoch>.<counter>": the epoch is drawn when the row is created, so a database
rebuilt from a backup never reuses the versions (and cached or kept results) of another one.
The row is not a Django model on purpose: a test's flush, or `flush`/`loaddata`, leaves it alone.
"""

import hashlib
import secrets

from django.core import checks
from django.db import DEFAULT_DB_ALIAS, connection, connections

TABLE = "core_data_version"
FUNCTION = "core_data_version_bump"
TRIGGER_SUFFIX = "_data_version"
BUMP = f"UPDATE {TABLE} SET counter = counter + 1;"  # noqa: S608 - a constant name

# table -> events whose writes change what pages show; filled by the apps' ready().
VERSIONED = {}


def register(table, events=("INSERT", "UPDATE", "DELETE")):
    """Declare that writes to `table` (its `events`) change the data version."""
    VERSIONED[table] = tuple(dict.fromkeys((*VERSIONED.get(table, ()), *events)))


def _trigger_names(vendor):
    if vendor == "sqlite":  # SQLite triggers are per event
        return {
            f"{table}{TRIGGER_SUFFIX}_{event.lower()}": (table, event)
            for table, events in VERSIONED.items()
            for event in events
        }
    return {f"{table}{TRIGGER_SUFFIX}": (table, None) for table in VERSIONED}


def install(using=DEFAULT_DB_ALIAS):
    """Create the row and the missing triggers of every registered table that exists. Idempotent, cheap
    when all is there (it runs after each app's post_migrate)."""
    conn = connections[using]
    tables = set(conn.introspection.table_names())
    present = set() if TABLE not in tables else _present_triggers(conn)
    with conn.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} "
            "(id integer PRIMARY KEY CHECK (id = 1), epoch varchar(16) NOT NULL, counter bigint NOT NULL)"
        )
        cursor.execute(
            f"INSERT INTO {TABLE} (id, epoch, counter) SELECT 1, %s, 0 "  # noqa: S608 - a constant name
            f"WHERE NOT EXISTS (SELECT 1 FROM {TABLE})",
            [secrets.token_hex(4)],
        )
        wanted = {
            name: target
            for name, target in _trigger_names(conn.vendor).items()
            if target[0] in tables and name not in present
        }
        if conn.vendor == "postgresql" and wanted:
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql "
                f"AS $$ BEGIN {BUMP} RETURN NULL; END $$"
            )
            for name, (table, _event) in wanted.items():
                events = " OR ".join(VERSIONED[table])
                cursor.execute(
                    f"CREATE TRIGGER {name} AFTER {events} OR TRUNCATE ON {table} "
                    f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
                )
        elif conn.vendor == "sqlite":
            for name, (table, event) in wanted.items():
                cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table} BEGIN {BUMP} END")


def install_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    install(using)


def read(using=None):
    """The current version, "<epoch>.<counter>"."""
    conn = connections[using] if using else connection
    with conn.cursor() as cursor:
        cursor.execute(f"SELECT epoch, counter FROM {TABLE} WHERE id = 1")  # noqa: S608 - a constant name
        row = cursor.fetchone()
    return f"{row[0]}.{row[1]}" if row else "0.0"


def cache_key(namespace, *parts):
    """A cache key for something derived from the data: its namespace, the database, the version, `parts`.

    The database's name is part of it (hashed): two databases sharing one cache never meet.
    """
    database = hashlib.blake2b(str(connection.settings_dict["NAME"]).encode(), digest_size=4).hexdigest()
    return ":".join([namespace, database, read(), *(str(part) for part in parts)])


def _present_triggers(conn):
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        elif conn.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE %s", [f"%{TRIGGER_SUFFIX}"])
        else:
            return set()
        return {row[0] for row in cursor.fetchall()}


def missing(using=DEFAULT_DB_ALIAS):
    """What the data version needs and the database lacks (empty when all is there)."""
    conn = connections[using]
    if conn.vendor not in {"sqlite", "postgresql"}:
        return []
    tables = set(conn.introspection.table_names())
    wanted = {name for name, (table, _event) in _trigger_names(conn.vendor).items() if table in tables}
    if not wanted or TABLE not in tables:  # a database not migrated yet, or before this release: `migrate` installs
        return []
    return sorted(wanted - _present_triggers(conn))


def check_data_version(app_configs=None, databases=None, **kwargs):
    errors = []
    for alias in databases or []:
        absent = missing(alias)
        if absent:
            errors.append(
                checks.Error(
                    f"Data version machinery missing in database {alias!r}: {', '.join(absent)}.",
                    hint="Run `manage.py migrate` (it installs the data version's triggers).",
                    id="core.E110",
                )
            )
    return errors
