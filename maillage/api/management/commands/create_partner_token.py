"""Create a partner token from the command line; the secret is printed once and never stored."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from maillage.territories.models import Commune, Department, Region

from ...models import PartnerToken


class Command(BaseCommand):
    help = "Create an API partner token for a user, scoped to territories (INSEE codes)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="The partner and the use (shown in the admin).")
        parser.add_argument("--region", action="append", default=[], help="Région INSEE code (repeatable).")
        parser.add_argument("--departement", action="append", default=[], help="Département INSEE code (repeatable).")
        parser.add_argument("--commune", action="append", default=[], help="Commune INSEE code (repeatable).")

    def handle(self, username, name, region, departement, commune, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        scope = {}
        for field, model, codes in (
            ("regions", Region, region),
            ("departments", Department, departement),
            ("communes", Commune, commune),
        ):
            found = list(model.objects.filter(code__in=[c.upper() for c in codes]))
            missing = sorted({c.upper() for c in codes} - {obj.code for obj in found})
            if missing:
                raise CommandError(f"Unknown {field} codes: {', '.join(missing)}.")
            scope[field] = found
        if not any(scope.values()):
            raise CommandError("Give at least one territory (--region, --departement or --commune).")
        token, secret = PartnerToken.issue(name=name, user=user)
        for field, objects in scope.items():
            getattr(token, field).set(objects)
        self.stdout.write(secret)
        self.stderr.write(f"Token {token.lookup} created for {username}: {token.scope_label()}. Keep the secret above.")
