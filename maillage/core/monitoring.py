"""Error reporting with Sentry (or a service speaking its protocol), only when SENTRY_DSN is set.

Maillage keeps contacts' and users' personal data; none of it may leave for a third party in an
error report. So: no default PII (no user, IP address or cookies), no request bodies (forms carry
e-mail addresses and messages), no local variables of stack frames (they hold model instances),
and `scrub_event` drops whatever an integration might still attach about the person or the
request's content. What is sent: the exception, its stack (code only), the URL path, the release.
"""

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.utils import BadDsn, Dsn

# Request headers that say nothing about who is asking.
KEPT_HEADERS = {"Accept", "Accept-Language", "Content-Type", "Host", "User-Agent", "X-Forwarded-Proto"}


def scrub_event(event, hint=None):
    """Keep only what locates the fault; drop the person and the request's content."""
    event.pop("user", None)
    request = event.get("request")
    if request:
        for field in ("data", "cookies", "query_string", "env"):
            request.pop(field, None)
        headers = request.get("headers") or {}
        request["headers"] = {name: value for name, value in headers.items() if name in KEPT_HEADERS}
        if "url" in request:
            request["url"] = request["url"].split("?", 1)[0]
    for breadcrumb in (event.get("breadcrumbs") or {}).get("values", []):
        breadcrumb.pop("data", None)  # SQL parameters, HTTP bodies
    return event


def init_sentry(dsn, environment="production", traces_sample_rate=0.0, **options):
    """Start reporting to `dsn`; called by the settings only when SENTRY_DSN is set.

    An unreadable DSN starts nothing here: the core.E106 system check reports it by name.
    """
    try:
        Dsn(dsn)
    except BadDsn:
        return False
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        traces_sample_rate=traces_sample_rate,
        **options,
    )
    return True
