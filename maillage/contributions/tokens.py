"""Signed, single-purpose links sent by e-mail (no token table to keep)."""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "maillage.contributions.confirm-email"
STATUS_SALT = "maillage.contributions.status"
FRESH_SALT = "maillage.contributions.freshness"


def confirm_max_age():
    return getattr(settings, "CONTRIBUTIONS_CONFIRM_MAX_AGE", 7 * 24 * 3600)


def make_confirm_token(proposal):
    return signing.dumps({"p": proposal.pk, "e": proposal.email}, salt=CONFIRM_SALT)


def read_confirm_token(token):
    """Return (proposal id, email) or raise signing.BadSignature / SignatureExpired."""
    data = signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_max_age())
    return data["p"], data["e"]


def make_status_token(proposal):
    return signing.dumps({"p": proposal.pk}, salt=STATUS_SALT)


def read_status_token(token):
    return signing.loads(token, salt=STATUS_SALT)["p"]


def make_freshness_token(actor):
    return signing.dumps({"a": actor.pk}, salt=FRESH_SALT)


def read_freshness_token(token):
    max_age = getattr(settings, "CONTRIBUTIONS_FRESHNESS_LINK_MAX_AGE", 60 * 24 * 3600)
    return signing.loads(token, salt=FRESH_SALT, max_age=max_age)["a"]
