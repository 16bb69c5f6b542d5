"""E-mail the owners of fiches not confirmed for CONTRIBUTIONS_FRESHNESS_MONTHS a confirmation link."""

from django.core.management.base import BaseCommand

from maillage.contributions import notifications, services
from maillage.contributions.models import Ownership


class Command(BaseCommand):
    help = "Envoie aux responsables des fiches à actualiser un lien de confirmation."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default=None, help="Adresse du site dans les liens (défaut : SITE_URL).")

    def handle(self, *args, base_url=None, **options):
        sent = 0
        stale = services.stale_actors()
        for ownership in Ownership.objects.filter(actor__in=stale).select_related("actor", "user").order_by("actor"):
            email = ownership.email or ownership.user.email
            sent += notifications.send_freshness_reminder(ownership.actor, email, base_url)
        self.stdout.write(f"{sent} rappel(s) envoyé(s).")
