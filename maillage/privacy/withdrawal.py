"""Withdrawing consent: every contact published with an address stops being published, at once.

A withdrawal removes both bases of publication (the person's consent and a source's own
contact file): the person has said they no longer want to appear, and that wins over a
source publishing them. The contact stays known to moderation (unpublished), and one
`ConsentWithdrawal` per contact records when, without the address.
"""

from django.db import transaction

from maillage.core.personal_data import normalized_address
from maillage.directory.models import Contact

from .models import ConsentWithdrawal, address_digest


def contacts_of(address):
    return Contact.objects.filter(email__iexact=normalized_address(address)).select_related("actor")


def withdraw_consent(address):
    """Un-publish every contact with `address`; returns the withdrawals recorded (none if nothing was published)."""
    digest = address_digest(address)
    recorded = []
    with transaction.atomic():
        for contact in contacts_of(address).select_for_update(of=("self",)):
            if not (contact.publication_consent or contact.published_by_source):
                continue
            recorded.append(
                ConsentWithdrawal.objects.create(
                    address_digest=digest,
                    contact=contact,
                    actor=contact.actor,
                    had_consent=contact.publication_consent,
                    had_source_publication=contact.published_by_source,
                )
            )
            contact.publication_consent = False
            contact.published_by_source = False
            # save(), not update(): receivers of post_save (caches keyed on the data) see the change.
            contact.save(update_fields=["publication_consent", "published_by_source"])
    return recorded
