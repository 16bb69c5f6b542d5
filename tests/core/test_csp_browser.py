"""Pages the demo walk does not reach, in Chromium with the Content Security Policy on.

Chromium reports every blocked inline script, handler, style or outside resource as a console
error; none may appear. (The demo walk in tests/demo checks the public pages the same way.)
"""

import pytest
from django.contrib.auth import get_user_model

from maillage.events import services
from tests.conftest import ignore_offline_tile_errors
from tests.directory.factories import ActorFactory
from tests.events.factories import make_event
from tests.network.factories import RelationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_with_scripts_and_forms_raise_no_csp_violation(live_server, page, client):
    event = make_event(themes=2, mode="on_arrival")
    registration = services.register(
        event,
        name="Ada",
        email="ada@example.org",
        organisation="",
        days=list(event.days.all()),
        theme_ranking=list(event.themes.all()),
    )
    relation = RelationFactory(source=ActorFactory(name="Source"), target=ActorFactory(name="Cible"))
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x-secret-12345")
    anonymous_pages = [
        registration.get_absolute_url(),
        registration.get_absolute_url() + "badge/",
        "/reseau/",
        f"/reseau/?focus={relation.source.slug}",
        "/contributions/inscription/",
        "/contributions/mot-de-passe/oublie/",
        f"/contributions/acteur/{relation.source.slug}/modifier/",
    ]
    problems = []
    for path in anonymous_pages:
        page.console_errors.clear()
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        if errors := ignore_offline_tile_errors(page.console_errors):
            problems.append((path, errors))
    client.force_login(admin)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    for path in ["/admin/", "/admin/directory/actor/", f"/admin/directory/actor/{relation.source.pk}/change/"]:
        page.console_errors.clear()
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        if errors := ignore_offline_tile_errors(page.console_errors):
            problems.append((path, errors))
    assert problems == []


def test_a_blocked_inline_script_would_be_reported(live_server, page):
    """The check above can fail: an inline script injected into a page is refused and reported."""
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1'; document.body.append(s); }"
    )
    page.wait_for_timeout(100)
    assert any("Content Security Policy" in e for e in page.console_errors)
