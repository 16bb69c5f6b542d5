"""Delete personal data past its retention period (dry run unless --apply); run daily by cron."""

from django.core.management.base import BaseCommand

from maillage.privacy import retention


class Command(BaseCommand):
    help = "Lists (or, with --apply, deletes) unconfirmed proposals, never-activated accounts and past registrations."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="delete; without it, only count what is due")

    def handle(self, *args, apply=False, **options):
        counts = retention.apply(dry_run=not apply)
        verb = "deleted" if apply else "due (dry run, nothing deleted; add --apply)"
        for rule in retention.RULES:
            self.stdout.write(f"{rule.key}: {counts[rule.key]} {verb} (older than {rule.days} days)")
