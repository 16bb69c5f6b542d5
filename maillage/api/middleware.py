"""The last guard of "JSON everywhere under /api/": any error answer that is not JSON becomes JSON.

API views already answer errors in JSON (`errors.exception_handler`); this catches what happens
before or after them: a request refused by a shared middleware (a NUL byte, a bad host), the
site's HTML 404 or 500 pages. It sits first in MIDDLEWARE, so it sees the final response,
including the one Django's handler500 produced after a crash.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _

from .errors import error_body, is_api_request


def _messages():
    return {
        400: (_("Requête invalide."), "bad_request"),
        403: (_("Accès refusé."), "permission_denied"),
        404: (_("Aucune ressource à cette adresse de l'API."), "not_found"),
        405: (_("Méthode non permise."), "method_not_allowed"),
        413: (_("Requête trop volumineuse."), "request_too_large"),
        500: (_("Erreur interne du serveur : elle a été enregistrée."), "server_error"),
    }


class ApiJsonErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code < 400 or not is_api_request(request):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        detail, code = _messages().get(response.status_code, (_("Erreur."), "error"))
        json = JsonResponse(error_body(detail, code), status=response.status_code)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                json[header] = response[header]
        return json
