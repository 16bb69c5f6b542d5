"""The roster, who may be written to, and the idempotent, bounded sending of invitations and reminders."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from maillage.surveys import invitations
from maillage.surveys.models import EmailKind, Invitation, InvitationEmail

pytestmark = pytest.mark.django_db


def test_the_roster_is_every_actor_in_the_scope(eco, wave):
    assert set(wave.invitations.values_list("actor__slug", flat=True)) == {"ville", "cisca", "drelab", "chaire"}


def test_an_actor_whose_contact_has_no_basis_is_on_the_roster_but_never_written_to(eco, wave):
    invitation = wave.invitations.get(actor=eco.chaire)
    assert (invitation.email, invitation.basis) == ("", "none")


def test_consent_and_the_source_file_are_both_bases(eco, wave):
    bases = dict(wave.invitations.values_list("actor__slug", "basis"))
    assert bases["ville"] == "consent" and bases["cisca"] == "source_file"


def test_the_invitation_run_sends_one_french_email_with_text_and_html_to_each_reachable_actor(eco, wave, mailoutbox):
    assert invitations.run_invitations(wave) == 3
    assert sorted(m.to[0] for m in mailoutbox) == ["awa@ville.example", "bruno@cisca.example", "chloe@drelab.example"]
    message = next(m for m in mailoutbox if m.to == ["awa@ville.example"])
    assert message.subject == "Enquête sur les relations de Ville de Clermont-Ferrand"
    assert "/enquetes/r/" in message.body and "Ne plus recevoir de message" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and 'lang="fr"' in html and "/enquetes/desinscription/" in html


def test_running_the_invitations_again_sends_nothing_twice(eco, wave, mailoutbox):
    invitations.run_invitations(wave)
    invitations.run_invitations(wave)
    assert len(mailoutbox) == 3


def test_delivering_the_same_email_twice_sends_it_once(eco, wave, mailoutbox):
    invitation = wave.invitations.get(actor=eco.ville)
    assert invitations.deliver(invitation.pk, EmailKind.INVITATION, 0) is True
    assert invitations.deliver(invitation.pk, EmailKind.INVITATION, 0) is False
    assert len(mailoutbox) == 1


def test_a_failed_send_is_not_counted_so_the_retry_sends_it(eco, wave, mailoutbox):
    invitation = wave.invitations.get(actor=eco.ville)
    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("smtp down")),
        pytest.raises(OSError),
    ):
        invitations.deliver(invitation.pk, EmailKind.INVITATION, 0)
    assert not InvitationEmail.objects.exists()
    assert invitations.deliver(invitation.pk, EmailKind.INVITATION, 0) is True
    assert len(mailoutbox) == 1


def _age_invitations(wave, days):
    past = timezone.now() - datetime.timedelta(days=days)
    Invitation.objects.filter(wave=wave).exclude(sent_at=None).update(sent_at=past)
    Invitation.objects.filter(wave=wave).exclude(last_reminder_at=None).update(last_reminder_at=past)


def test_a_reminder_is_due_after_the_campaign_interval(eco, wave):
    invitations.run_invitations(wave)
    assert invitations.due_reminders() == []
    _age_invitations(wave, 8)
    assert len(invitations.due_reminders()) == 3


def test_reminders_stop_at_the_campaign_maximum(eco, wave, mailoutbox):
    from maillage.surveys.tasks import send_due_reminders

    invitations.run_invitations(wave)
    for _round in range(4):
        _age_invitations(wave, 8)
        send_due_reminders.call_local()
    reminders = [m for m in mailoutbox if m.subject.startswith("Rappel")]
    assert len(reminders) == 3 * wave.campaign.max_reminders


def test_no_reminder_to_an_actor_that_opted_out(eco, wave, client):
    from maillage.surveys.tokens import make_opt_out_token

    invitations.run_invitations(wave)
    invitation = wave.invitations.get(actor=eco.ville)
    client.post(f"/enquetes/desinscription/{make_opt_out_token(invitation)}/")
    _age_invitations(wave, 8)
    assert invitation.pk not in [pk for pk, _n in invitations.due_reminders()]


def test_the_invitation_carries_the_privacy_footer_when_available(eco, wave):
    invitation = wave.invitations.get(actor=eco.ville)
    with mock.patch("maillage.surveys.invitations.privacy_footer", return_value="-- \nVos données : https://x/"):
        _subject, text, html = invitations.render_email(invitation, EmailKind.INVITATION, 0)
    assert "Vos données : https://x/" in text and "Vos données" in html
