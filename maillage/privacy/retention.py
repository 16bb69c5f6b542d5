"""Retention: personal data kept only as long as it serves, with the durations in settings.

- a proposal whose address was never confirmed: `RETENTION_UNCONFIRMED_PROPOSAL_DAYS` after it was made;
- an account never activated (and never used): `RETENTION_INACTIVE_ACCOUNT_DAYS` after sign-up;
- an event registration: `RETENTION_REGISTRATION_DAYS_AFTER_EVENT` after the event's last day
  (the workshops' seat counts stay, as the event's figures).

`manage.py apply_retention` lists what is due and deletes it only with `--apply`; running it
again finds nothing more (idempotent). The « Données personnelles » page states the same
durations, read from the same settings.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.contributions.models import Proposal, ProposalStatus
from maillage.events.models import Registration


@dataclass(frozen=True)
class Rule:
    key: str
    label: str
    setting: str

    @property
    def days(self):
        return getattr(settings, self.setting)


RULES = [
    Rule(
        "unconfirmed_proposals",
        _("propositions dont l'adresse n'a jamais été confirmée"),
        "RETENTION_UNCONFIRMED_PROPOSAL_DAYS",
    ),
    Rule("inactive_accounts", _("comptes jamais activés"), "RETENTION_INACTIVE_ACCOUNT_DAYS"),
    Rule("past_registrations", _("inscriptions à un événement passé"), "RETENTION_REGISTRATION_DAYS_AFTER_EVENT"),
]


def durations():
    """{rule key: days}, for the « Données personnelles » page."""
    return {rule.key: rule.days for rule in RULES}


def due(rule, now=None):
    """The rows `rule` says must go at `now`."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=rule.days)
    if rule.key == "unconfirmed_proposals":
        return Proposal.objects.filter(status=ProposalStatus.UNCONFIRMED, created_at__lt=cutoff)
    if rule.key == "inactive_accounts":
        return get_user_model().objects.filter(
            is_active=False, is_staff=False, is_superuser=False, last_login__isnull=True, date_joined__lt=cutoff
        )
    if rule.key == "past_registrations":
        last_day = timezone.localdate(now) - datetime.timedelta(days=rule.days)
        return Registration.objects.annotate(event_end=Max("event__days__date")).filter(event_end__lt=last_day)
    raise ValueError(rule.key)


def apply(now=None, dry_run=True):
    """{rule key: rows due}; deletes them unless `dry_run`."""
    counts = {}
    with transaction.atomic():
        for rule in RULES:
            rows = due(rule, now)
            counts[rule.key] = rows.count()
            if not dry_run and counts[rule.key]:
                # Registrations cascade to their choices and assignments; the events are over, so
                # no seat needs giving back.
                rule_model = rows.model
                rule_model.objects.filter(pk__in=list(rows.values_list("pk", flat=True))).delete()
    return counts
