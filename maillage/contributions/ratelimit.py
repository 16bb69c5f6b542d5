"""Fixed-window rate limits on Django's cache, for anonymous proposals."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _


def _limit(name, default):
    return getattr(settings, name, default)


def hash_ip(ip):
    """Keep no raw IP address: a salted hash is enough to count."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()


def _hit(key, window):
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def check_and_count(ip, email):
    """Count one anonymous proposal; return a French refusal message when over a limit, else None."""
    ip_limit, ip_window = _limit("CONTRIBUTIONS_RATE_LIMIT_PER_IP", (20, 3600))
    email_limit, email_window = _limit("CONTRIBUTIONS_RATE_LIMIT_PER_EMAIL", (5, 3600))
    if ip and _hit(f"contrib:ip:{hash_ip(ip)}", ip_window) > ip_limit:
        return _("Trop de propositions envoyées depuis votre connexion : réessayez dans une heure, ou créez un compte.")
    if email:
        digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        if _hit(f"contrib:email:{digest}", email_window) > email_limit:
            return _(
                "Trop de propositions envoyées avec cette adresse électronique : réessayez dans une heure, "
                "ou créez un compte."
            )
    return None


def client_ip(request):
    """The client address as seen by Django (set REMOTE_ADDR correctly behind a proxy)."""
    return request.META.get("REMOTE_ADDR", "")
