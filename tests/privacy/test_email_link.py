"""Every e-mail ends with its recipient's signed personal-data link, whatever sent it."""

import ast
import re
from pathlib import Path

import pytest
from django.core import signing

from maillage.core.personal_data import address_token, personal_data_url, read_address_token
from maillage.core.tasks import queue_mail
from maillage.events import services as event_services
from tests.contributions.factories import UserFactory
from tests.events.factories import make_event

ROOT = Path(__file__).resolve().parents[2] / "maillage"
LINK = re.compile(r"https?://\S+/donnees-personnelles/adresse/([^/\s]+)/")
MAIL_SENDERS = {"send_mail", "send_mass_mail", "mail_admins", "mail_managers", "EmailMessage", "EmailMultiAlternatives"}


def link_address(message):
    """The address named by the personal-data link of a sent message."""
    (token,) = LINK.findall(message.body)
    return read_address_token(token)


def test_a_queued_mail_ends_with_the_recipients_link(mailoutbox):
    queue_mail("Objet", "Corps", ["Ada@Exemple.invalid"])
    (sent,) = mailoutbox
    assert sent.body.startswith("Corps\n")
    assert link_address(sent) == "ada@exemple.invalid"


def test_each_recipient_gets_their_own_message_and_link(mailoutbox):
    queue_mail("Objet", "Corps", ["a@exemple.invalid", "b@exemple.invalid"])
    assert [(m.to, link_address(m)) for m in mailoutbox] == [
        (["a@exemple.invalid"], "a@exemple.invalid"),
        (["b@exemple.invalid"], "b@exemple.invalid"),
    ]


def test_a_tampered_token_is_refused():
    token = address_token("a@exemple.invalid")
    with pytest.raises(signing.BadSignature):
        read_address_token(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))


def test_an_expired_token_is_refused(settings):
    token = address_token("a@exemple.invalid")
    settings.PERSONAL_DATA_LINK_DAYS = -1
    with pytest.raises(signing.SignatureExpired):
        read_address_token(token)


def test_the_link_is_absolute_on_the_site_url(settings):
    settings.SITE_URL = "https://maillage.exemple.fr/"
    assert personal_data_url("a@exemple.invalid").startswith(
        "https://maillage.exemple.fr/donnees-personnelles/adresse/"
    )


def _mail_calls(path):
    """Names of Django's mail senders a module imports or uses."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("django.core.mail"):
            found.update(alias.name for alias in node.names if alias.name in MAIL_SENDERS)
        elif isinstance(node, ast.Attribute) and node.attr in MAIL_SENDERS:
            found.add(node.attr)
    return found


def test_no_module_sends_mail_except_the_one_queue():
    """Every e-mail goes through queue_mail, so none can leave without the personal-data link."""
    senders = {
        str(path.relative_to(ROOT.parent)): names
        for path in sorted(ROOT.rglob("*.py"))
        if (names := _mail_calls(path)) and "email_footer" not in path.read_text(encoding="utf-8")
    }
    assert senders == {}  # core/tasks.py (queue_mail) and surveys/invitations.py both add it


def test_every_mail_template_is_sent_through_a_flow_that_the_next_tests_cover():
    """The e-mail templates of the site, so a new one is noticed here and added to a flow test below."""
    templates = sorted(p.name for p in ROOT.rglob("templates/*/emails/*.txt") if not p.stem.endswith("_subject"))
    assert templates == [
        "account_activation.txt",
        "account_exists.txt",
        "confirm.txt",
        "decision.txt",
        "freshness.txt",
        "invitation.txt",  # surveys: adds email_footer itself (maillage/surveys/invitations.py)
        "password_reset.txt",
    ]


@pytest.mark.django_db
def test_signup_mail_has_the_link(client, mailoutbox):
    data = {"username": "nouvelle", "email": "nouvelle@exemple.invalid", "password1": "Tr3s-long-secret!"}
    client.post("/contributions/inscription/", {**data, "password2": data["password1"]})
    (sent,) = mailoutbox
    assert link_address(sent) == "nouvelle@exemple.invalid"


@pytest.mark.django_db
def test_account_exists_mail_has_the_link(client, mailoutbox):
    user = UserFactory(email="deja@exemple.invalid")
    client.post(
        "/contributions/inscription/",
        {"username": "autre", "email": user.email, "password1": "Tr3s-long-secret!", "password2": "Tr3s-long-secret!"},
    )
    (sent,) = mailoutbox
    assert link_address(sent) == "deja@exemple.invalid"


@pytest.mark.django_db
def test_password_reset_mail_has_the_link(client, mailoutbox):
    UserFactory(email="oubli@exemple.invalid")
    client.post("/contributions/mot-de-passe/oublie/", {"email": "oubli@exemple.invalid"})
    (sent,) = mailoutbox
    assert "/mot-de-passe/nouveau/" in sent.body
    assert link_address(sent) == "oubli@exemple.invalid"


def test_proposal_confirmation_and_decision_mails_have_the_link(
    client, actor, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    from maillage.contributions import services
    from maillage.contributions.models import Proposal

    client.post(
        f"/contributions/acteur/{actor.slug}/signaler/",
        {"reason": "gone", "message": "Fermé", "email": "signal@exemple.invalid"},
    )
    proposal = Proposal.objects.get()
    services.confirm_email(proposal.pk, proposal.email)
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(proposal.pk, moderator, "Non")
    assert [link_address(m) for m in mailoutbox] == ["signal@exemple.invalid", "signal@exemple.invalid"]


def test_freshness_reminder_has_the_link(actor, mailoutbox):
    from maillage.contributions.notifications import send_freshness_reminder

    send_freshness_reminder(actor, "proprietaire@exemple.invalid")
    (sent,) = mailoutbox
    assert link_address(sent) == "proprietaire@exemple.invalid"


@pytest.mark.django_db
def test_event_registration_mail_has_the_link(mailoutbox):
    event = make_event(themes=2)
    event_services.register_and_send_link(
        event,
        name="Ada",
        email="ada@exemple.invalid",
        organisation="",
        days=list(event.days.all()),
        theme_ranking=list(event.themes.all()),
    )
    (sent,) = mailoutbox
    assert link_address(sent) == "ada@exemple.invalid"
