"""Every answer under /api/ is JSON, errors included: {"detail", "code"[, "errors"]}.

DRF turns its own exceptions into JSON; this handler also turns validation errors into one
shape (a French summary plus the messages per field), and any unexpected exception into a JSON
500 (logged and signalled like Django's own, so error reporting still sees it). Requests that
reach no API view (unknown path, or a crash outside a view) get JSON from `not_found` and
`server_error`, which the root URLconf routes to for /api/ paths.
"""

import logging
import sys

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.signals import got_request_exception
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger("maillage.api")

API_PREFIX = "/api/"


def error_body(detail, code, errors=None):
    body = {"detail": str(detail), "code": str(code)}
    if errors is not None:
        body["errors"] = errors
    return body


def _field_errors(detail):
    """DRF's nested error detail as {field: [messages]} (non-field errors under "non_field_errors")."""
    if isinstance(detail, dict):
        return {
            str(key): [str(m) for m in (value if isinstance(value, list) else [value])] for key, value in detail.items()
        }
    messages = detail if isinstance(detail, list) else [detail]
    return {"non_field_errors": [str(m) for m in messages]}


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    response = drf_exception_handler(exc, context)
    if response is None:
        request = context.get("request")
        logger.error("Unexpected error in the API", exc_info=sys.exc_info() if sys.exc_info()[0] else exc)
        got_request_exception.send(sender=None, request=getattr(request, "_request", request))
        return Response(
            error_body(_("Erreur interne du serveur : elle a été enregistrée."), "server_error"),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    if isinstance(exc, exceptions.ValidationError):
        response.data = error_body(
            _("Données invalides : voir le détail par champ."), "invalid", _field_errors(exc.detail)
        )
    elif isinstance(exc, Http404):
        response.data = error_body(_("Ressource introuvable."), "not_found")
    elif isinstance(exc, DjangoPermissionDenied):
        response.data = error_body(_("Accès refusé."), "permission_denied")
    elif isinstance(exc, exceptions.APIException):
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else "error"
        response.data = error_body(exc.detail if isinstance(exc.detail, str) else str(exc.detail), code)
    return response


def is_api_request(request):
    return request.path.startswith(API_PREFIX)


def not_found(request, *args, **kwargs):
    """Any path under /api/ that no route serves."""
    return JsonResponse(error_body(_("Aucune ressource à cette adresse de l'API."), "not_found"), status=404)


def server_error(request, *args, **kwargs):
    """A crash outside an API view (middleware, URL resolution) on an /api/ path."""
    return JsonResponse(
        error_body(_("Erreur interne du serveur : elle a été enregistrée."), "server_error"), status=500
    )
