"""Each database's full-text machinery for directory search: installed by migration 0005,
restored after any later migration, and checked (a system check fails loudly if it is missing).

SQLite rebuilds a table to alter it, which drops its triggers: after every `migrate`, the
FTS5 table and its triggers are recreated when missing and the index resynchronised when
its row count differs from the actors'.
"""

from django.core import checks
from django.db import connections

FTS_TABLE = "directory_actor_fts"
FTS_VOCAB = "directory_actor_fts_vocab"
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
    for name in SQLITE_TRIGGERS:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    cursor.execute(f"DROP TABLE IF EXISTS {FTS_VOCAB}")
    cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def _actor_table_exists(connection):
    return "directory_actor" in connection.introspection.table_names()


def ensure_after_migrate(sender, using="default", **kwargs):
    connection = connections[using]
    if connection.vendor == "sqlite" and _actor_table_exists(connection):
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
            return sorted({FTS_TABLE, FTS_VOCAB, *SQLITE_TRIGGERS} - present)
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
                    hint="Run `manage.py migrate` (migration directory 0005 installs it).",
                    id="directory.E011",
                )
            )
    return errors
