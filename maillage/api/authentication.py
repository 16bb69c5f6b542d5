"""`Authorization: Bearer <token>`: a partner token identifies the partner's account.

No session authentication: the API never reads the site's cookies, so it needs no CSRF token
and a browser signed in to the site gets no write access through it.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import PartnerToken, split_token


class PartnerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").strip()
        if not header:
            return None
        scheme, _sep, raw = header.partition(" ")
        if scheme.lower() != self.keyword.lower():
            return None
        raw = raw.strip()
        parts = split_token(raw) if raw and " " not in raw else None
        if parts is None:
            raise exceptions.AuthenticationFailed(_("Jeton mal formé : attendu « Bearer mlg_… »."))
        lookup, raw = parts
        token = PartnerToken.objects.select_related("user").filter(lookup=lookup).first()
        if token is None or not token.matches(raw):
            raise exceptions.AuthenticationFailed(_("Jeton inconnu."))
        if not token.is_active:
            raise exceptions.AuthenticationFailed(_("Ce jeton a été révoqué."))
        token.touch()
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'
