"""`manage.py sync_map_points`: rebuild the map's points after bulk changes to actors."""

from django.core.management.base import BaseCommand

from maillage.cartography.points import sync_map_points


class Command(BaseCommand):
    help = "Recalcule la position de tous les acteurs sur la carte (après un import en masse)."

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(f"{sync_map_points()} acteurs placés sur la carte."))
