"""`manage.py load_demo`: load the demo ecosystem from the reference documents."""

import importlib

from django.core.management.base import BaseCommand

from maillage.demo.loaders import STEPS


class Command(BaseCommand):
    help = (
        "Charge les données de démonstration issues des documents de référence "
        "(rapport TIPs, Assises de l'innovation publique 2025). Idempotent."
    )

    def handle(self, *args, **options):
        for dotted in STEPS:
            module = importlib.import_module(dotted)
            summary = module.load(self.stdout)
            self.stdout.write(f"- {summary}")
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
