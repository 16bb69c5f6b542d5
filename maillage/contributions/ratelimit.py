"""Rate limits of proposals, for visitors and signed-in contributors alike (see maillage.core.ratelimit)."""

from django.utils.translation import gettext as _

from maillage.core.ratelimit import client_ip, hash_ip, hit, limit_setting, normalize_email

__all__ = ["check_and_count", "check_password_reset", "check_signup", "client_ip", "hash_ip"]


def check_and_count(ip, email, user=None):
    """Count one proposal; return a French refusal message when over a limit, else None.

    Limits apply per IP address, per (normalised) e-mail address and, for a signed-in
    contributor, per account.
    """
    ip_limit, ip_window = limit_setting("CONTRIBUTIONS_RATE_LIMIT_PER_IP", (20, 3600))
    email_limit, email_window = limit_setting("CONTRIBUTIONS_RATE_LIMIT_PER_EMAIL", (5, 3600))
    user_limit, user_window = limit_setting("CONTRIBUTIONS_RATE_LIMIT_PER_USER", (10, 3600))
    if not hit("contrib:ip", ip, ip_limit, ip_window):
        return _("Trop de propositions envoyées depuis votre connexion : réessayez dans une heure, ou créez un compte.")
    if user is not None and user.is_authenticated:
        if not hit("contrib:user", str(user.pk), user_limit, user_window):
            return _("Trop de propositions envoyées depuis votre compte : réessayez dans une heure.")
        email = email or user.email
    if not hit("contrib:email", normalize_email(email), email_limit, email_window):
        return _(
            "Trop de propositions envoyées avec cette adresse électronique : réessayez dans une heure, "
            "ou créez un compte."
        )
    return None


def check_signup(ip, email):
    """Count one account creation attempt; a French refusal message when over a limit, else None."""
    ip_limit, ip_window = limit_setting("ACCOUNTS_SIGNUP_RATE_LIMIT_PER_IP", (5, 3600))
    email_limit, email_window = limit_setting("ACCOUNTS_SIGNUP_RATE_LIMIT_PER_EMAIL", (3, 3600))
    if not hit("signup:ip", ip, ip_limit, ip_window) or not hit(
        "signup:email", normalize_email(email), email_limit, email_window
    ):
        return _("Trop de créations de compte depuis votre connexion ou pour cette adresse : réessayez dans une heure.")
    return None


def check_password_reset(ip, email):
    """Count one password reset request; a French refusal message when over a limit, else None."""
    if not hit("reset:ip", ip, 10, 3600) or not hit("reset:email", normalize_email(email), 3, 3600):
        return _("Trop de demandes de nouveau mot de passe : réessayez dans une heure.")
    return None
