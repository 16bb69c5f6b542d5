"""Run in a separate process by test_monitoring: a failing request reported to a capturing transport.

Sentry's Django integration patches Django for the life of the process, hence its own process.
Prints the captured envelopes' items as JSON lines.
"""

import json
import os
import sys

import django
from django.urls import path

os.environ["DJANGO_SETTINGS_MODULE"] = "maillage.settings.test"


def fail(request):
    contact = request.POST.get("email")  # a local variable holding personal data
    raise RuntimeError("the probe fails on purpose " + str(len(contact or "")))


def server_error(request):
    from django.http import HttpResponseServerError

    return HttpResponseServerError("erreur")


urlpatterns = [path("echec/", fail)]
handler500 = server_error


def main():
    django.setup()
    from django.test import Client, override_settings
    from sentry_sdk.transport import Transport

    from maillage.core.monitoring import init_sentry

    captured = []

    class Capture(Transport):
        def capture_envelope(self, envelope):
            captured.extend(item.payload.json for item in envelope.items if item.payload.json)

    init_sentry("https://public@sentry.example.org/1", transport=Capture)
    client = Client(raise_request_exception=False, HTTP_COOKIE="sessionid=secret-session")
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"]):
        client.post("/echec/?email=ada@example.org", {"email": "ada@example.org", "message": "Bonjour"})
    import sentry_sdk

    sentry_sdk.flush()
    for item in captured:
        sys.stdout.write(json.dumps(item, default=str) + "\n")


if __name__ == "__main__":
    main()
