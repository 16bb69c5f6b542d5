"""Replace every row of a migrated database by the rows of an export_all file."""

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from maillage.core.backup import BackupError, import_all, read_header


class Command(BaseCommand):
    help = (
        "Imports an export_all FILE into the database (migrated to the same version first), "
        "replacing all its rows; resets sequences and rebuilds search indexes."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="FILE")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive")

    def handle(self, *args, path, database, interactive=True, **options):
        try:
            header = read_header(path)
        except (BackupError, OSError) as error:
            raise CommandError(f"{path}: {error}") from error
        name = connections[database].settings_dict["NAME"]
        if interactive:
            answer = input(
                f"Every row of database {name!r} will be replaced by the {sum(header['counts'].values())} "
                f"rows of {path}. Type 'yes' to continue: "
            )
            if answer != "yes":
                raise CommandError("Import cancelled.")
        try:
            counts = import_all(path, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        cache.clear()  # cached pages and counts describe the data that was replaced
        self.stdout.write(self.style.SUCCESS(f"{sum(counts.values())} rows imported into {name!r}."))
