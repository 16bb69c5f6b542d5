"""Contributor accounts: sign-up confirmed by e-mail, with answers that reveal no account.

`start_signup` always ends the same way for the visitor ("check your inbox"): a new address
gets an inactive account and an activation link; an address that already has an account gets
a message pointing to the password reset page instead, so the page never says which
addresses are registered.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse

from maillage.core.tasks import queue_mail

from .notifications import absolute

ACTIVATION_SALT = "maillage.contributions.account-activation"


def make_activation_token(user):
    return signing.dumps({"u": user.pk, "e": user.email}, salt=ACTIVATION_SALT)


def _send(template, context, to):
    subject = " ".join(render_to_string(f"contributions/emails/{template}_subject.txt", context).split())
    return queue_mail(subject, render_to_string(f"contributions/emails/{template}.txt", context), [to])


def start_signup(*, username, email, password, base_url=None):
    """Create an inactive account and e-mail its activation link, or tell the existing account's owner."""
    User = get_user_model()
    context = {"site_name": settings.SITE_NAME}
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and existing.is_active:
        context["reset_url"] = absolute(base_url, reverse("contributions:password_reset"))
        context["username"] = existing.get_username()
        return _send("account_exists", context, existing.email)
    if existing is not None:  # created but never activated: the same account's link again
        user, username = existing, existing.get_username()
    else:
        user = User.objects.create_user(username=username, email=email, password=password, is_active=False)
    context["activation_url"] = absolute(
        base_url, reverse("contributions:activate", args=[make_activation_token(user)])
    )
    context["username"] = username
    return _send("account_activation", context, email)


def activate(token):
    """The account an activation link names, now active; raises signing.BadSignature if the link is bad."""
    data = signing.loads(token, salt=ACTIVATION_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
    user = get_user_model().objects.get(pk=data["u"], email=data["e"])
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user
