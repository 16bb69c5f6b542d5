"""Erasing a person everywhere: their account, contacts, registrations, proposals, logs and history.

Two passes, in one transaction:

1. What belongs to the person goes: their account (with its moderation scopes and fiche
   ownerships, its sessions, its login records), the contacts and event registrations with
   their address, their undecided proposals. Decided proposals stay (they explain the
   history of public fiches) but lose the address, the connection fingerprint and the author.
2. Every remaining mention of the address in any text or JSON column of any table, found by
   introspection (`scanning.mentioning`) — revision snapshots, the history's author address,
   proposal payloads and messages, the admin's log, django-axes' logs, a diagnostic's
   stored text, the next app's tables — is replaced by « [adresse effacée] ».

The `Erasure` record keeps the date, the staff member and the row counts per table, with a
keyed digest of the address (never the address).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from maillage.contributions.models import Proposal, ProposalStatus
from maillage.core.personal_data import normalized_address
from maillage.directory.models import Contact
from maillage.events.models import Registration
from maillage.events.services import cancel_registration

from .models import Erasure, address_digest
from .scanning import all_models, mentioning, scrub_value, text_columns

ERASED = "[adresse effacée]"  # untranslated: stored in the database, not shown as UI
# An address-shaped value for columns that must hold an e-mail address (RFC 2606 reserved domain).
ERASED_EMAIL = "adresse-effacee@anonyme.invalid"
UNDECIDED = (ProposalStatus.UNCONFIRMED, ProposalStatus.PENDING)


ACTIONS = {
    "deleted": _("supprimées"),
    "anonymised": _("anonymisées (adresse et auteur retirés)"),
    "scrubbed": _("mention de l'adresse remplacée"),
}


@dataclass
class ErasureReport:
    counts: Counter = field(default_factory=Counter)
    erasure: Erasure | None = None

    @property
    def total(self):
        return sum(self.counts.values())

    def rows(self):
        """(table, what was done, rows) for the staff page; keys are "app.model:action"."""
        return [(key.split(":")[0], ACTIONS[key.split(":")[1]], n) for key, n in sorted(self.counts.items())]


def _axes_models():
    from django.apps import apps

    if not apps.is_installed("axes"):
        return []
    return [m for m in apps.get_app_config("axes").get_models() if any(f.name == "username" for f in m._meta.fields)]


def _delete(queryset, counts):
    deleted, per_model = queryset.delete()
    for label, n in per_model.items():
        if n:
            counts[f"{label.lower()}:deleted"] += n


def _user_sessions(user):
    """Sessions of `user`: Django stores the account id inside the encoded session data."""
    # get_decoded() returns {} for a session it cannot read.
    keys = [s.pk for s in Session.objects.iterator() if str(s.get_decoded().get("_auth_user_id")) == str(user.pk)]
    return Session.objects.filter(pk__in=keys)


def _scrub_everywhere(address, counts):
    for model in all_models():
        columns = text_columns(model)
        if not columns:
            continue
        for row in mentioning(model, address):
            changed = []
            for column in columns:
                value = getattr(row, column.attname)
                if isinstance(column, models.EmailField) and normalized_address(value) == address:
                    new = "" if column.blank else ERASED_EMAIL
                else:
                    new = scrub_value(value, address, ERASED)
                if new != value:
                    setattr(row, column.attname, new)
                    changed.append(column.attname)
            if changed:
                # update(), not save(): no auto_now stamp, no signal re-recording history.
                model._base_manager.filter(pk=row.pk).update(**{name: getattr(row, name) for name in changed})
                counts[f"{model._meta.label_lower}:scrubbed"] += 1


def erase_person(address="", user=None, performed_by=None):
    """Erase the person with `address` and/or account `user` from every table; returns an ErasureReport."""
    User = get_user_model()
    address = normalized_address(address or (user.email if user is not None else ""))
    if not address and user is None:
        raise ValueError("an address or an account is needed")
    report = ErasureReport()
    counts = report.counts
    with transaction.atomic():
        users = list(User.objects.filter(email__iexact=address)) if address else []
        if user is not None and user.pk not in {u.pk for u in users}:
            users.append(user)
        usernames = [u.get_username() for u in users]
        if address:
            for registration in Registration.objects.filter(email__iexact=address):
                cancel_registration(registration)
                counts["events.registration:deleted"] += 1
            _delete(Contact.objects.filter(email__iexact=address), counts)
        person_proposals = Proposal.objects.filter(author__in=users)
        if address:
            person_proposals = person_proposals | Proposal.objects.filter(email__iexact=address)
        _delete(person_proposals.filter(status__in=UNDECIDED), counts)
        kept = Proposal.objects.filter(pk__in=person_proposals.exclude(status__in=UNDECIDED).values("pk"))
        counts["contributions.proposal:anonymised"] += kept.update(email=ERASED_EMAIL, ip_hash="", author=None)
        for axes_model in _axes_models():
            names = [n for n in [address, *usernames] if n]
            query = models.Q()
            for name in names:
                query |= models.Q(username__iexact=name)
            _delete(axes_model.objects.filter(query), counts)
        for account in users:
            _delete(_user_sessions(account), counts)
            _delete(User.objects.filter(pk=account.pk), counts)
        if address:
            _scrub_everywhere(address, counts)
        report.erasure = Erasure.objects.create(
            address_digest=address_digest(address) if address else "",
            performed_by=None if performed_by is None or performed_by.pk in {u.pk for u in users} else performed_by,
            counts=dict(counts),
        )
    return report
