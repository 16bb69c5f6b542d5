"""Fixed-window rate limits on Django's cache, shared by every form open to the public.

No raw IP or e-mail address is kept: keys are salted hashes. E-mail addresses are normalised
first (case, surrounding spaces, plus-addressing), so that `Ada+1@Example.org` and
`ada+2@example.org` count as one address.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def hash_value(value):
    return hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()


def hash_ip(ip):
    """Keep no raw IP address: a salted hash is enough to count."""
    return hash_value(ip)


def client_ip(request):
    """The client address as seen by Django (set REMOTE_ADDR correctly behind a proxy)."""
    return request.META.get("REMOTE_ADDR", "")


def normalize_email(email):
    """One key per mailbox: lower-case, no surrounding spaces, no `+tag` in the local part."""
    email = (email or "").strip().lower()
    local, at, domain = email.rpartition("@")
    if not at:
        return email
    return f"{local.split('+', 1)[0]}@{domain}"


def hit(scope, value, limit, window):
    """Count one event for `value` in `scope`; True while the count stays within `limit` per `window` s."""
    if not value:
        return True
    key = f"ratelimit:{scope}:{hash_value(value)}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= limit


def limit_setting(name, default):
    """A (count, window in seconds) pair from the settings."""
    return getattr(settings, name, default)
