"""Request rates, counted in Django's default cache (Redis in production: one count for all processes).

The rates are read from settings on every request (not frozen at import as DRF's are), so an
operator's change or a test's override applies at once.
"""

from django.conf import settings
from rest_framework import throttling

from maillage.core.ratelimit import client_ip


class _SettingsRate:
    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][self.scope]


class AnonThrottle(_SettingsRate, throttling.AnonRateThrottle):
    """Anonymous readers, by address."""

    scope = "anon"

    def get_ident(self, request):
        """The address the rest of the site trusts (`REMOTE_ADDR`, set by the proxy's own header).

        Not DRF's default, which takes any `X-Forwarded-For` the client sends: a new value per
        request would be a new budget per request.
        """
        return client_ip(request)


class PartnerThrottle(_SettingsRate, throttling.SimpleRateThrottle):
    """Partners, by token (each token has its own budget)."""

    scope = "partner"

    def get_cache_key(self, request, view):
        token = getattr(request, "auth", None)
        if token is None or not getattr(token, "pk", None):
            return None
        return self.cache_format % {"scope": self.scope, "ident": f"token-{token.pk}"}
