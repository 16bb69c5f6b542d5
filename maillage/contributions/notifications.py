"""E-mails to contributors and owners (Django's mail backend: console in dev, SMTP in prod)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from maillage.core.tasks import queue_mail

from . import tokens


def absolute(base_url, path):
    base = (base_url or getattr(settings, "SITE_URL", "http://127.0.0.1:8000")).rstrip("/")
    return f"{base}{path}"


def recipient(proposal):
    return proposal.email or (proposal.author.email if proposal.author_id else "")


def status_url(proposal, base_url=None):
    return absolute(base_url, reverse("contributions:status", args=[tokens.make_status_token(proposal)]))


def _send(template, context, to):
    if not to:
        return 0
    # One line, whatever a name contains: a newline in a subject is a header injection.
    subject = " ".join(render_to_string(f"contributions/emails/{template}_subject.txt", context).split())
    body = render_to_string(f"contributions/emails/{template}.txt", context)
    return queue_mail(subject, body, [to])


def send_confirmation(proposal, base_url=None):
    url = absolute(base_url, reverse("contributions:confirm_email", args=[tokens.make_confirm_token(proposal)]))
    context = {"proposal": proposal, "confirm_url": url, "site_name": settings.SITE_NAME}
    return _send("confirm", context, proposal.email)


def send_decision(proposal, base_url=None):
    context = {"proposal": proposal, "status_url": status_url(proposal, base_url), "site_name": settings.SITE_NAME}
    return _send("decision", context, recipient(proposal))


def send_freshness_reminder(actor, email, base_url=None):
    url = absolute(base_url, reverse("contributions:confirm_fresh", args=[tokens.make_freshness_token(actor)]))
    context = {"actor": actor, "confirm_url": url, "site_name": settings.SITE_NAME}
    return _send("freshness", context, email)
