"""Erase a person (an account, a contact, an attendee, a contributor) from every table."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from maillage.privacy.erasure import erase_person
from maillage.privacy.exporting import collect


class Command(BaseCommand):
    help = "Erases everything about an e-mail address and/or an account: rows deleted, mentions replaced."

    def add_arguments(self, parser):
        parser.add_argument("--email", default="", help="the person's e-mail address")
        parser.add_argument("--user", default="", help="the person's account (username)")
        parser.add_argument("--apply", action="store_true", help="erase; without it, only list what would change")

    def handle(self, *args, email="", user="", apply=False, **options):
        account = None
        if user:
            User = get_user_model()
            account = User.objects.filter(**{User.USERNAME_FIELD: user}).first()
            if account is None:
                raise CommandError(f"No account named {user!r}.")
        if not email and account is None:
            raise CommandError("Give --email or --user.")
        if not apply:
            for label, rows in collect(email, account).items():
                self.stdout.write(f"{label}: {len(rows)} row(s)")
            self.stdout.write("Dry run: nothing erased; add --apply.")
            return
        report = erase_person(email, account)
        for label, n in sorted(report.counts.items()):
            self.stdout.write(f"{label}: {n}")
        self.stdout.write(self.style.SUCCESS(f"Erased ({report.total} row(s) changed)."))
