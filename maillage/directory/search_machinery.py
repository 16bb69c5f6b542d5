"""Each database's full-text machinery for directory search: installed by migration 0007,
restored after any later migration, and checked (a system check fails loudly if it is missing).

Caches of search results and facet counts are keyed on the data version
(`maillage.core.dataversion`): the directory registers its tables there (actors, their tags, tag
names, contacts), whose triggers bump it on every write. The directory's own version row of
earlier releases (`directory_search_version`) is dropped after `migrate` (`drop_legacy_version`).

SQLite rebuilds a table to alter it, which drops its triggers: after every `migrate`, the
FTS5 table and its triggers are recreated when missing and the index resynchronised when
its row count differs from the actors'.
"""

from django.core import checks
from django.db import connections

FTS_TABLE = "directory_actor_fts"
FTS_VOCAB = "directory_actor_fts_vocab"
# The directory's own data version of earlier releases, now the core's: migration 0007 (history)
# still creates it, `drop_legacy_version` removes it after every migrate.
VERSION_TABLE = "directory_search_version"
VERSION_TABLE_SQL = (
    f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)"
)
VERSION_ROW_SQL = (
    f"INSERT INTO {VERSION_TABLE} (id, version) "  # noqa: S608 - constant names
    f"SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM {VERSION_TABLE})"
)
BUMP = f"UPDATE {VERSION_TABLE} SET version = version + 1;"  # noqa: S608 - a constant name
# (table, events) whose writes change what search and facets see.
VERSIONED = {
    "directory_actor": ("INSERT", "UPDATE", "DELETE"),
    "directory_actor_tags": ("INSERT", "DELETE"),
    "directory_tag": ("UPDATE", "DELETE"),
}
SQLITE_TRIGGERS = {
    "directory_actor_fts_insert": "AFTER INSERT ON directory_actor BEGIN "
    "INSERT INTO directory_actor_fts(rowid, names, body) VALUES (new.id, new.search_keys, new.search_text); END",
    "directory_actor_fts_delete": "AFTER DELETE ON directory_actor BEGIN "
    "DELETE FROM directory_actor_fts WHERE rowid = old.id; END",
    "directory_actor_fts_update": "AFTER UPDATE OF id, search_keys, search_text ON directory_actor BEGIN "
    "DELETE FROM directory_actor_fts WHERE rowid = old.id; "
    "INSERT INTO directory_actor_fts(rowid, names, body) VALUES (new.id, new.search_keys, new.search_text); END",
}
SQLITE_TABLES = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "names, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_VOCAB} USING fts5vocab({FTS_TABLE}, 'row')",
]


def _sqlite_version_triggers():
    return {
        f"{table}_version_{event.lower()}": f"AFTER {event} ON {table} BEGIN {BUMP} END"
        for table, events in VERSIONED.items()
        for event in events
    }


def install_sqlite(cursor):
    """Create what is missing and resynchronise the index if it drifted. Idempotent."""
    for sql in SQLITE_TABLES:
        cursor.execute(sql)
    for name, body in SQLITE_TRIGGERS.items():
        cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
    cursor.execute(f"SELECT (SELECT count(*) FROM {FTS_TABLE}), (SELECT count(*) FROM directory_actor)")  # noqa: S608
    indexed, actors = cursor.fetchone()
    if indexed != actors:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, names, body) SELECT id, search_keys, search_text FROM directory_actor"  # noqa: S608
        )


def uninstall_sqlite(cursor):
    for name in [*SQLITE_TRIGGERS, *_sqlite_version_triggers()]:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    cursor.execute(f"DROP TABLE IF EXISTS {VERSION_TABLE}")
    cursor.execute(f"DROP TABLE IF EXISTS {FTS_VOCAB}")
    cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


POSTGRES_VERSION_FUNCTION = "directory_search_version_bump"


def install_postgres_version(cursor):
    cursor.execute(VERSION_TABLE_SQL)
    cursor.execute(VERSION_ROW_SQL)
    cursor.execute(
        f"CREATE OR REPLACE FUNCTION {POSTGRES_VERSION_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN {BUMP} RETURN NULL; END $$"
    )
    for table, events in VERSIONED.items():
        cursor.execute(f"DROP TRIGGER IF EXISTS {table}_version ON {table}")
        cursor.execute(
            f"CREATE TRIGGER {table}_version AFTER {' OR '.join(events)} OR TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {POSTGRES_VERSION_FUNCTION}()"
        )


def uninstall_postgres_version(cursor):
    for table in VERSIONED:
        cursor.execute(f"DROP TRIGGER IF EXISTS {table}_version ON {table}")
    cursor.execute(f"DROP FUNCTION IF EXISTS {POSTGRES_VERSION_FUNCTION}()")
    cursor.execute(f"DROP TABLE IF EXISTS {VERSION_TABLE}")


def _actor_table_exists(connection):
    return "directory_actor" in connection.introspection.table_names()


def drop_legacy_version(connection):
    """Remove the directory's own version row and its triggers (the core's data version replaced them)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            uninstall_postgres_version(cursor)
        elif connection.vendor == "sqlite":
            for name in _sqlite_version_triggers():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {VERSION_TABLE}")


def ensure_after_migrate(sender, using="default", **kwargs):
    connection = connections[using]
    if not _actor_table_exists(connection):
        return
    drop_legacy_version(connection)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            install_sqlite(cursor)


def missing_machinery(connection):
    """What the search needs and the database lacks (empty when all is there)."""
    if not _actor_table_exists(connection):
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            present = {row[0] for row in cursor.fetchall()}
            wanted = {FTS_TABLE, FTS_VOCAB, *SQLITE_TRIGGERS}
            return sorted(wanted - present)
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT 1 FROM information_schema.columns "
                "WHERE table_name = 'directory_actor' AND column_name = 'search_vector'"
            )
            return [] if cursor.fetchone() else ["directory_actor.search_vector"]
    return []


def check_search_machinery(app_configs=None, databases=None, **kwargs):
    errors = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor not in {"sqlite", "postgresql"}:
            errors.append(
                checks.Error(
                    f"Directory search supports SQLite and PostgreSQL, not {connection.vendor}.",
                    id="directory.E010",
                )
            )
            continue
        missing = missing_machinery(connection)
        if missing:
            errors.append(
                checks.Error(
                    f"Directory search machinery missing in database {alias!r}: {', '.join(missing)}.",
                    hint="Run `manage.py migrate` (migration directory 0007 installs it).",
                    id="directory.E011",
                )
            )
    return errors
