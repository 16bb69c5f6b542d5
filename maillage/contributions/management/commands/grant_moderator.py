"""Give a user a moderation scope (départements and/or régions by INSEE code)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from maillage.contributions.models import ModeratorScope
from maillage.territories.models import Department, Region


class Command(BaseCommand):
    help = "Nomme un utilisateur modérateur d'un ou plusieurs départements ou régions (codes INSEE)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--departement", action="append", default=[], help="Code INSEE, répétable (ex. : 63).")
        parser.add_argument("--region", action="append", default=[], help="Code INSEE, répétable (ex. : 84).")

    def handle(self, username, departement, region, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Utilisateur inconnu : {username}")
        if not departement and not region:
            raise CommandError("Indiquez au moins un --departement ou une --region.")
        for code in departement:
            department = Department.objects.filter(code=code).first()
            if department is None:
                raise CommandError(f"Département inconnu : {code}")
            ModeratorScope.objects.get_or_create(user=user, department=department)
        for code in region:
            found = Region.objects.filter(code=code).first()
            if found is None:
                raise CommandError(f"Région inconnue : {code}")
            ModeratorScope.objects.get_or_create(user=user, region=found)
        scopes = ", ".join(str(s.department or s.region) for s in user.moderator_scopes.all())
        self.stdout.write(f"{username} modère : {scopes}")
