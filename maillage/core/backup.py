"""Backup and move: every row of every table to one file, and back into an empty database.

Why our own two commands rather than `dumpdata`/`loaddata` alone: a faithful copy must keep
every primary key (signed links in e-mails name proposals and accounts by id, and history rows
point to ids), include the hidden many-to-many tables with their own ids, replace the rows
that `migrate` seeds (content types, permissions, actor types) instead of clashing with them,
refuse a file made by another schema version, reset PostgreSQL's sequences and rebuild the
tables the database maintains itself (SQLite's FTS5 index). `dumpdata --natural-*` would
renumber rows and cannot name most of our models; these commands use Django's own JSON Lines
serializer underneath, so the file stays readable by Django's tools.

File format (`.jsonl`, or `.jsonl.gz` compressed): the first line is a header
`{"maillage_backup": 1, "migrations": {...}, "counts": {...}}`, then one Django JSON Lines
object per row, table by table.
"""

import datetime
import gzip
import json

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.dispatch import Signal

FORMAT = 1
# Sent after an import, so apps rebuild what their database maintains itself (search indexes).
data_imported = Signal()  # arguments: using


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (Django's rounds them to milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A backup file that cannot be imported here; the message says why."""


def backed_up_models():
    """Every concrete table Django manages, many-to-many tables included, in a stable order."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]
    return sorted(models, key=lambda m: m._meta.label_lower)


def _columns(model):
    """The fields serialized for `model`: its own columns; many-to-many rows go with their own table."""
    return [f.name for f in model._meta.concrete_fields if not f.primary_key]


def applied_migrations(using=DEFAULT_DB_ALIAS):
    recorder = MigrationRecorder(connections[using])
    latest = {}
    for app, name in sorted(recorder.applied_migrations()):
        latest.setdefault(app, []).append(name)
    return latest


def _open(path, mode):
    if str(path).endswith(".gz"):
        return gzip.open(path, mode + "t", encoding="utf-8")
    return open(path, mode, encoding="utf-8")  # noqa: SIM115 - closed by the caller's with


def unapplied_migrations(using=DEFAULT_DB_ALIAS):
    """Migrations of the code not applied to the database `using` (a backup needs none)."""
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def _require_migrated(using):
    missing = unapplied_migrations(using)
    if missing:
        raise BackupError(f"the database is not migrated ({', '.join(missing[:5])}…): run `manage.py migrate` first")


def export_all(path, using=DEFAULT_DB_ALIAS):
    """Write every row of every table to `path`; returns {table label: rows}."""
    _require_migrated(using)
    models = backed_up_models()
    connection = connections[using]
    # One snapshot of a site that keeps serving: PostgreSQL's repeatable read, SQLite's read transaction.
    # Inside an outer transaction (a test, a caller's atomic block) the snapshot is already that one.
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using), _open(path, "w") as out:
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        counts = {m._meta.label_lower: m._base_manager.using(using).count() for m in models}
        header = {"maillage_backup": FORMAT, "migrations": applied_migrations(using), "counts": counts}
        out.write(json.dumps(header, sort_keys=True) + "\n")
        for model in models:
            rows = model._base_manager.using(using).order_by("pk").iterator(chunk_size=2000)
            serializers.serialize("jsonl", rows, stream=out, fields=_columns(model), cls=ExactJSONEncoder)
    return counts


def read_header(path):
    with _open(path, "r") as stream:
        first = stream.readline()
    try:
        header = json.loads(first)
    except json.JSONDecodeError as error:
        raise BackupError("not a Maillage backup (first line is not its header)") from error
    if not isinstance(header, dict) or header.get("maillage_backup") != FORMAT:
        raise BackupError("not a Maillage backup of format 1")
    return header


BATCH = 500


def _insert(objects, using):
    """Insert rows as they are, in one statement per batch.

    A raw insert, as `loaddata` does row by row: no save() logic, no auto_now stamp, no
    signal; rows keep their primary keys. Row-by-row saves took minutes for the demo.
    """
    model = type(objects[0])
    fields = model._meta.local_concrete_fields
    size = connections[using].ops.bulk_batch_size(fields, objects) or len(objects)
    for start in range(0, len(objects), size):
        model._base_manager.using(using)._insert(objects[start : start + size], fields=fields, using=using, raw=True)


def import_all(path, using=DEFAULT_DB_ALIAS):
    """Replace every row of the database `using` by the rows of `path`; returns {table label: rows}.

    The database must be migrated to the same migrations as the exported one. All in one
    transaction: a failure leaves the database as it was.
    """
    header = read_header(path)
    _require_migrated(using)
    here = applied_migrations(using)
    if header["migrations"] != here:
        missing = sorted(
            f"{app}.{name}"
            for app, names in header["migrations"].items()
            for name in names
            if name not in here.get(app, [])
        )
        extra = sorted(
            f"{app}.{name}"
            for app, names in here.items()
            for name in names
            if name not in header["migrations"].get(app, [])
        )
        raise BackupError(
            "the database's migrations differ from the backup's: "
            f"missing here {missing[:5] or '-'}, not in the backup {extra[:5] or '-'}. "
            "Run `manage.py migrate` with the same version of Maillage as the export."
        )
    connection = connections[using]
    models = backed_up_models()
    counts = dict.fromkeys((m._meta.label_lower for m in models), 0)
    with transaction.atomic(using=using):
        tables = [m._meta.db_table for m in models]
        if connection.vendor == "postgresql":
            # Rows written earlier in this transaction leave deferred checks pending, and PostgreSQL
            # refuses to TRUNCATE under them: run the checks now (then deferred again).
            connection.check_constraints()
        statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=False)
        connection.ops.execute_sql_flush(statements)
        with connection.constraint_checks_disabled(), _open(path, "r") as stream:
            stream.readline()  # the header
            batch = []
            for item in serializers.deserialize("jsonl", stream, using=using, handle_forward_references=False):
                if batch and (type(item.object) is not type(batch[0]) or len(batch) >= BATCH):
                    _insert(batch, using)
                    batch = []
                batch.append(item.object)
                counts[item.object._meta.label_lower] += 1
            if batch:
                _insert(batch, using)
        connection.check_constraints(table_names=tables)
        sequences = connection.ops.sequence_reset_sql(no_style(), models)
        if sequences:
            with connection.cursor() as cursor:
                for sql in sequences:
                    cursor.execute(sql)
        if counts != {label: header["counts"].get(label, 0) for label in counts}:
            raise BackupError("the rows imported differ from the rows the backup declares")
        data_imported.send(sender=None, using=using)
    return counts


def dumps_sorted(path):
    """The rows of a backup as a sorted list of JSON strings (to compare two backups row by row)."""
    with _open(path, "r") as stream:
        stream.readline()
        return sorted(line.rstrip("\n") for line in stream if line.strip())


__all__ = ["BackupError", "data_imported", "export_all", "import_all", "read_header", "dumps_sorted"]
