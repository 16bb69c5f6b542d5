"""Request hygiene shared by every page: NUL bytes dropped or refused, Permissions-Policy header."""

from django.conf import settings
from django.http import HttpResponseBadRequest, QueryDict
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

NUL = "\x00"


def _has_nul(querydict):
    return any(NUL in key or any(NUL in value for value in values) for key, values in querydict.lists())


class RejectNulBytesMiddleware:
    """NUL bytes never reach a view: dropped from query parameters, refused in a path or a form.

    PostgreSQL cannot store or compare text holding NUL (it raises, hence a 500), and no
    legitimate link or form contains one. In a shared link's parameters the byte is simply
    removed (the filters then ignore what is left, as with any odd value); a path or a posted
    form holding one gets a French 400 page. Uploaded files are left to the code reading them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace(NUL, ""), [value.replace(NUL, "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        if NUL in request.path or (request.method == "POST" and _has_nul(request.POST)):
            reason = _("La demande contient un caractère nul (\\0), qui n'est accepté dans aucun champ ni paramètre.")
            return HttpResponseBadRequest(render_to_string("400.html", {"reason": reason}, request=request))
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY (feature → allow-list) as the Permissions-Policy header."""

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class TrustedProxyClientAddressMiddleware:
    """Behind a reverse proxy, REMOTE_ADDR is the proxy's: take the client's from X-Real-IP.

    Rate limits and django-axes count per client address; without this, every visitor behind
    nginx would share 127.0.0.1's counters. Only a request arriving from an address listed in
    TRUSTED_PROXIES is believed (a client talking to gunicorn directly could forge the header);
    with the list empty (the default) nothing changes.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = set(getattr(settings, "TRUSTED_PROXIES", ()))

    def __call__(self, request):
        if self.trusted and request.META.get("REMOTE_ADDR") in self.trusted:
            forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
            if forwarded:
                request.META["REMOTE_ADDR"] = forwarded
        return self.get_response(request)
