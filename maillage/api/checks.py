"""Misconfiguration fails loudly: the API's settings must be the ones its guarantees rest on."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def check_api_settings(app_configs=None, **kwargs):
    problems = []
    rest = getattr(settings, "REST_FRAMEWORK", {})
    if rest.get("EXCEPTION_HANDLER") != "maillage.api.errors.exception_handler":
        problems.append(
            checks.Error(
                "REST_FRAMEWORK['EXCEPTION_HANDLER'] must be maillage.api.errors.exception_handler.",
                hint="API errors would not all be JSON in one shape.",
                id="api.E001",
            )
        )
    if "maillage.api.middleware.ApiJsonErrorsMiddleware" not in settings.MIDDLEWARE[:1]:
        problems.append(
            checks.Error(
                "maillage.api.middleware.ApiJsonErrorsMiddleware must be the first middleware.",
                hint="Errors produced outside API views (404, 500, refused requests) would be HTML under /api/.",
                id="api.E002",
            )
        )
    rates = rest.get("DEFAULT_THROTTLE_RATES", {})
    if not {"anon", "partner"} <= set(rates):
        problems.append(
            checks.Error(
                "REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'] needs the 'anon' and 'partner' rates.",
                id="api.E003",
            )
        )
    if any(
        "SessionAuthentication" in name for name in rest.get("DEFAULT_AUTHENTICATION_CLASSES", [])
    ):  # a signed-in browser must not write through the API
        problems.append(checks.Error("The API must not accept session authentication.", id="api.E004"))
    return problems
