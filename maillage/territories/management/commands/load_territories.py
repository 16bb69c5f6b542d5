"""`manage.py load_territories`: load the official gazetteer offline."""

from django.core.management.base import BaseCommand

from maillage.territories.loading import load_territories


class Command(BaseCommand):
    help = "Charge les régions, départements et communes officiels (hors ligne)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Recharger même si tout est déjà chargé.")

    def handle(self, *args, force=False, **options):
        report = load_territories(force=force)
        if report.skipped:
            self.stdout.write(f"Territoires déjà chargés ({report.communes} communes).")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{report.regions} régions, {report.departments} départements, {report.communes} communes chargés."
                )
            )
