"""The OpenAPI description: every operation documents its JSON errors, its security and its links.

`ApiAutoSchema` adds to each operation the error answers it can give (all JSON, one shape:
`Error`), the bearer-token security (optional for reading, required for writing) and the
shared filter parameters. `add_links` (a drf-spectacular post-processing hook) declares the
OpenAPI links from each create operation to the read operations of what it created, which
stateful contract tests follow.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from .query import json_schema


class ErrorSerializer(serializers.Serializer):
    """Every error of the API: a French sentence, a stable code and, for invalid data, messages per field."""

    detail = serializers.CharField()
    code = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


def _error(description):
    return OpenApiResponse(ErrorSerializer, description=description)


COMMON_ERRORS = {
    401: _("Jeton absent, inconnu, mal formé ou révoqué."),
    404: _("Ressource introuvable."),
    405: _("Méthode non permise."),
    406: _("Format de réponse non disponible (seul JSON l'est)."),
    429: _("Trop de requêtes : réessayez après le délai de Retry-After."),
    500: _("Erreur interne du serveur."),
}
WRITE_ERRORS = {
    400: _("Données invalides (messages en français, par champ)."),
    403: _("Territoire hors du périmètre du jeton."),
    409: _("Doublon probable d'un acteur existant."),
    412: _("La fiche a changé depuis la lecture (If-Match)."),
    415: _("Corps de requête non JSON."),
    428: _("En-tête If-Match absent."),
}


def filter_parameters(filters_class):
    """The query parameters of a filter object (`ActorFilters`, `NetworkFilters`), read from its declaration."""
    parameters = []
    for _name, spec in filters_class.params():
        value = json_schema(spec)
        schema = {"type": "array", "items": value, "maxItems": spec.max_values} if spec.many else value
        description = _("Filtre partagé du site ; une valeur non reconnue est refusée (400).")
        if spec.many:
            description = format_lazy("{} {}", description, _("Répétable : l'une ou l'autre valeur."))
        parameters.append(
            OpenApiParameter(spec.key, schema, OpenApiParameter.QUERY, description=description, explode=spec.many)
        )
    return parameters


class ApiAutoSchema(AutoSchema):
    def _is_write(self):
        return self.method not in ("GET", "HEAD", "OPTIONS")

    def get_auth(self):
        """The bearer token (registered by PartnerTokenScheme); optional ({}) for public reading only."""
        bearer = [entry for entry in super().get_auth() if entry]
        if self.view.__class__.__name__ == "ProposalViewSet" or self._is_write():
            return bearer
        return [*bearer, {}]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = dict(COMMON_ERRORS)
        if self._is_write():
            errors.update(WRITE_ERRORS)
            if self.method != "PATCH":
                errors.pop(412)
                errors.pop(428)
        elif self.view.__class__.__name__ == "ProposalViewSet":
            errors[403] = _("Réservé aux jetons partenaires.")
        if self.method == "GET" and self._is_list_view():
            errors[400] = _("Filtre ou taille de page non reconnus (messages par paramètre).")
            errors[404] = _("Curseur de page non valide.")
        for code, description in errors.items():
            responses.setdefault(
                str(code), self._get_response_for_code(_error(description), str(code), direction=direction)
            )
        return responses


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "maillage.api.authentication.PartnerTokenAuthentication"
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(_("Jeton partenaire « mlg_… » (créé par l'équipe Maillage, montré une seule fois).")),
        }


LINKS = {
    # (path, method, status): {link name: (operationId, parameters)}
    ("/api/v1/actors/", "post", "202"): {
        "GetProposal": ("proposals_retrieve", {"id": "$response.body#/id"}),
    },
    ("/api/v1/relations/", "post", "202"): {
        "GetProposal": ("proposals_retrieve", {"id": "$response.body#/id"}),
    },
    ("/api/v1/actors/{slug}/", "patch", "200"): {
        "GetActor": ("actors_retrieve", {"slug": "$request.path.slug"}),
        "GetProposal": ("proposals_retrieve", {"id": "$response.body#/id"}),
    },
    ("/api/v1/actors/{slug}/", "patch", "202"): {
        "GetActor": ("actors_retrieve", {"slug": "$request.path.slug"}),
        "GetProposal": ("proposals_retrieve", {"id": "$response.body#/id"}),
    },
    ("/api/v1/actors/{slug}/", "get", "200"): {
        "ChangeActor": (
            "actors_partial_update",
            {"slug": "$request.path.slug", "header.If-Match": "$response.header.ETag"},
        ),
    },
}


def add_links(result, generator, request, public):
    """Post-processing hook: the OpenAPI links of LINKS (missing operations are skipped, loudly in tests)."""
    paths = result.get("paths", {})
    for (path, method, code), links in LINKS.items():
        response = paths.get(path, {}).get(method, {}).get("responses", {}).get(code)
        if response is None:
            continue
        response["links"] = {
            name: {"operationId": operation_id, "parameters": parameters}
            for name, (operation_id, parameters) in links.items()
        }
    return result
