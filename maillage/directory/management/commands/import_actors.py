"""`manage.py import_actors FICHIER [--dry-run]`: import actors from a CSV or XLSX annex-like file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from maillage.directory.importing import MAX_IMPORT_BYTES, import_actors


class Command(BaseCommand):
    help = (
        "Importe des acteurs depuis un fichier CSV ou XLSX construit comme le fichier d'acteurs du rapport. "
        "Tout ou rien ; --dry-run montre ce qui serait fait sans rien enregistrer."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier CSV ou XLSX")
        parser.add_argument("--dry-run", action="store_true", help="Essai à blanc : n'enregistre rien.")
        parser.add_argument(
            "--departement",
            default=None,
            help="Code du département qui lève les homonymies de communes (sinon, celui que le fichier montre).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise CommandError(
                f"Le fichier dépasse {MAX_IMPORT_BYTES // 2**20} Mo : découpez-le en plusieurs fichiers."
            )
        report = import_actors(
            path.read_bytes(),
            path.name,
            dry_run=options["dry_run"],
            source=path.name,
            department=(options["departement"] or "").upper() or None,
        )
        for line in report.lines():
            self.stdout.write(line)
        counts = report.counts
        summary = (
            f"{counts['created']} à créer, {counts['updated']} à modifier, "
            f"{counts['unchanged']} inchangé(s), {report.error_count} erreur(s)."
        )
        if report.has_errors:
            raise CommandError(f"Import annulé, rien n'a été enregistré. {summary}")
        if options["dry_run"]:
            self.stdout.write(f"Essai à blanc : {summary}")
        else:
            self.stdout.write(self.style.SUCCESS(f"Import terminé : {summary}"))
