"""Reading is public; writing needs a partner token (and a territory it covers, checked by `writes`)."""

from rest_framework import permissions

from .models import PartnerToken


def partner_token(request):
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, PartnerToken) else None


class ReadOrPartnerWrite(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or partner_token(request) is not None


class PartnerOnly(permissions.BasePermission):
    """A partner's own proposals: only with a token."""

    def has_permission(self, request, view):
        return partner_token(request) is not None
