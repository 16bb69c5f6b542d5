"""The roster of a wave and its personal invitations: who is asked, who may be written to, sending.

The roster is every actor in the campaign's scope (the shared filters) when the wave opens.
An actor is written to only through a contact with a basis: the person's consent to
publication, or a contact file the source itself publishes (the report's annex). An actor
without one stays on the roster (counted as not reachable), and nobody is e-mailed.

Sending is idempotent: each e-mail is claimed by inserting its `InvitationEmail` row (unique
per invitation, kind and number) before it is sent, so a retried or repeated run sends nothing
twice; a failed send removes its claim so the queue's retry can send it.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.directory.filtering import ActorFilters
from maillage.directory.models import Contact

from . import tokens
from .models import ContactBasis, EmailKind, Invitation, InvitationEmail, Response, ResponseStatus, Wave


def campaign_filters(campaign):
    return ActorFilters.from_query(QueryDict(campaign.filter_query))


def contact_for(contacts):
    """(contact, basis) to write to among an actor's contacts: consent first, then a published file."""
    with_email = [c for c in contacts if c.email]
    for contact in with_email:
        if contact.publication_consent:
            return contact, ContactBasis.CONSENT
    for contact in with_email:
        if contact.published_by_source:
            return contact, ContactBasis.SOURCE_FILE
    return None, ContactBasis.NONE


def open_wave(campaign, *, opens_on=None, closes_on=None):
    """Open the next wave of a campaign and freeze its roster (one invitation per actor in scope)."""
    opens_on = opens_on or timezone.localdate()
    closes_on = closes_on or opens_on + datetime.timedelta(days=30)
    with transaction.atomic():
        last = campaign.waves.select_for_update().order_by("-number").first()
        if last is not None and last.is_open:
            raise ValueError(_("La vague précédente est encore ouverte : fermez-la avant d'en ouvrir une nouvelle."))
        wave = Wave.objects.create(
            campaign=campaign, number=(last.number + 1) if last else 1, opens_on=opens_on, closes_on=closes_on
        )
        actor_ids = list(campaign_filters(campaign).actors().values_list("pk", flat=True))
        contacts = {}
        for start in range(0, len(actor_ids), 900):
            for contact in (
                Contact.objects.filter(actor_id__in=actor_ids[start : start + 900])
                .filter(Q(publication_consent=True) | Q(published_by_source=True))
                .exclude(email="")
            ):
                contacts.setdefault(contact.actor_id, []).append(contact)
        invitations = []
        for actor_id in actor_ids:
            contact, basis = contact_for(contacts.get(actor_id, []))
            invitations.append(
                Invitation(
                    wave=wave,
                    actor_id=actor_id,
                    contact=contact,
                    email=contact.email if contact else "",
                    basis=basis,
                )
            )
        Invitation.objects.bulk_create(invitations, batch_size=500)
    return wave


def close_wave(wave):
    from .models import WaveStatus

    Wave.objects.filter(pk=wave.pk, status=WaveStatus.OPEN).update(status=WaveStatus.CLOSED, closed_at=timezone.now())
    wave.refresh_from_db()
    return wave


def revoke(invitation):
    """Every link sent for this invitation stops working (a new nonce); a new link can be sent."""
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now(), nonce=_new_nonce())


def _new_nonce():
    from .models import new_nonce

    return new_nonce()


def sendable(wave):
    """Invitations that may still receive their first e-mail."""
    return (
        wave.invitations.filter(sent_at__isnull=True, opted_out_at__isnull=True, revoked_at__isnull=True)
        .exclude(email="")
        .exclude(basis=ContactBasis.NONE)
    )


def run_invitations(wave):
    """Queue the invitation e-mail of every reachable actor not yet invited; returns how many were queued.

    Safe to run again (after a crash, twice by mistake): an e-mail already sent is never resent.
    """
    from .tasks import deliver_survey_email

    if not wave.is_open:
        return 0
    ids = list(sendable(wave).values_list("pk", flat=True))
    for pk in ids:
        deliver_survey_email(pk, EmailKind.INVITATION, 0)
    return len(ids)


def due_reminders(now=None):
    """(invitation id, reminder number) of every reminder due now, within each campaign's bounds."""
    now = now or timezone.now()
    due = []
    candidates = (
        Invitation.objects.filter(
            wave__status="open",
            wave__closes_on__gte=timezone.localdate(),
            sent_at__isnull=False,
            opted_out_at__isnull=True,
            revoked_at__isnull=True,
        )
        .exclude(response__status=ResponseStatus.SUBMITTED)
        .select_related("wave__campaign")
    )
    for invitation in candidates.iterator(chunk_size=500):
        campaign = invitation.wave.campaign
        if invitation.reminders_sent >= campaign.max_reminders:
            continue
        last = invitation.last_reminder_at or invitation.sent_at
        if now - last >= datetime.timedelta(days=campaign.reminder_interval_days):
            due.append((invitation.pk, invitation.reminders_sent + 1))
    return due


def answer_url(invitation, base_url=None):
    base = (base_url or getattr(settings, "SITE_URL", "http://127.0.0.1:8000")).rstrip("/")
    return base + reverse("surveys:answer", args=[tokens.make_token(invitation)])


def opt_out_url(invitation, base_url=None):
    base = (base_url or getattr(settings, "SITE_URL", "http://127.0.0.1:8000")).rstrip("/")
    return base + reverse("surveys:opt_out", args=[tokens.make_opt_out_token(invitation)])


def privacy_footer(email):
    """The consent-withdrawal link of every e-mail to a contact, once the privacy helper provides it."""
    try:
        from maillage.core.personal_data import email_footer
    except ImportError:  # not installed yet in this version: the opt-out link still applies
        return ""
    return email_footer(email)


def render_email(invitation, kind, number):
    """(subject, text, html) of an invitation or reminder, in French."""
    wave = invitation.wave
    context = {
        "invitation": invitation,
        "wave": wave,
        "campaign": wave.campaign,
        "actor": invitation.actor,
        "contact_name": invitation.contact.name if invitation.contact_id else "",
        "answer_url": answer_url(invitation),
        "opt_out_url": opt_out_url(invitation),
        "is_reminder": kind == EmailKind.REMINDER,
        "number": number,
        "basis": invitation.get_basis_display(),
        "privacy_footer": privacy_footer(invitation.email),
    }
    with translation.override("fr"):
        if kind == EmailKind.REMINDER:
            subject = _("Rappel : enquête sur les relations de %(actor)s") % {"actor": invitation.actor.display_name}
        else:
            subject = _("Enquête sur les relations de %(actor)s") % {"actor": invitation.actor.display_name}
        text = render_to_string("surveys/emails/invitation.txt", context)
        html = render_to_string("surveys/emails/invitation.html", context)
    return subject[:200], text, html


def deliver(invitation_id, kind, number):
    """Send one e-mail of an invitation at most once; returns True if it was sent now."""
    invitation = Invitation.objects.select_related("wave__campaign", "actor__parent", "contact").get(pk=invitation_id)
    if not invitation.can_be_sent or invitation.opted_out_at or invitation.revoked_at or not invitation.wave.is_open:
        return False
    if (
        kind == EmailKind.REMINDER
        and Response.objects.filter(invitation=invitation, status=ResponseStatus.SUBMITTED).exists()
    ):
        return False
    try:
        with transaction.atomic():
            claim = InvitationEmail.objects.create(invitation=invitation, kind=kind, number=number)
    except IntegrityError:
        return False  # already sent (a retry, a second run)
    subject, text, html = render_email(invitation, kind, number)
    message = EmailMultiAlternatives(subject, text, None, [invitation.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:
        claim.delete()  # not sent: the queue's retry may send it
        raise
    now = timezone.now()
    if kind == EmailKind.INVITATION:
        Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(sent_at=now)
    else:
        Invitation.objects.filter(pk=invitation.pk, reminders_sent__lt=number).update(
            reminders_sent=number, last_reminder_at=now
        )
    return True
