"""Back up every row of every table to one file (JSON Lines, gzip if the name ends in .gz)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from maillage.core.backup import BackupError, export_all


class Command(BaseCommand):
    help = "Writes every row of every table to FILE (.jsonl or .jsonl.gz), for import_all on another database."

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="FILE")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, path, database, **options):
        try:
            counts = export_all(path, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        tables = sum(1 for n in counts.values() if n)
        self.stdout.write(f"{sum(counts.values())} rows from {tables} non-empty tables written to {path}.")
