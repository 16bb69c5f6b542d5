"""Headless Chromium walk: registration → allocation by the organiser → personal page."""

import pytest
from django.urls import reverse

from maillage.events.models import Registration

from .factories import make_event, make_organiser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def organiser_cookie(client, live_server, event):
    client.force_login(make_organiser(event))
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


def test_registration_then_allocation_then_personal_page(live_server, page, axe, client):
    event = make_event(themes=4, sessions_per_day=(2,), capacity=3)
    page.goto(live_server.url + reverse("events:register", kwargs={"slug": event.slug}))
    assert axe(page) == []
    page.get_by_label("Nom et prénom").fill("Ada Lovelace")
    page.get_by_label("Courriel").fill("ada@example.org")
    page.get_by_label("Organisation").fill("Laboratoire imaginaire")
    page.get_by_role("checkbox").first.check()
    page.get_by_label("1er choix").select_option(label=str(event.themes.get(number=3)))
    page.get_by_label("2e choix").select_option(label=str(event.themes.get(number=1)))
    page.get_by_role("button", name="Envoyer mon inscription").click()
    page.wait_for_url("**/inscription/envoyee/")
    token_url = live_server.url + Registration.objects.get().get_absolute_url()  # the link e-mailed to Ada
    page.goto(token_url)
    assert "Pas encore d’atelier" in page.content()

    page.context.add_cookies([organiser_cookie(client, live_server, event)])
    page.goto(live_server.url + reverse("events:organiser", kwargs={"slug": event.slug}))
    page.get_by_label("Protéger d'abord les personnes les moins bien servies").check()
    page.get_by_role("button", name="Calculer la répartition optimale").click()
    page.wait_for_selector("text=Répartition calculée")
    assert page.locator("table.stats-table").is_visible()
    assert axe(page) == []

    page.goto(token_url)
    sessions = page.locator(".assigned")
    assert sessions.count() == 2
    texts = " ".join(sessions.nth(i).inner_text() for i in range(2))
    assert "votre choix n° 1" in texts and "votre choix n° 2" in texts  # both ranked themes, one per session
    assert Registration.objects.get().assignments.count() == 2
    assert axe(page) == []
    assert page.console_errors == []


def test_programme_page_passes_axe(live_server, page, axe, tmp_path):
    from maillage.demo.loaders.events import load_programme

    event, _created = load_programme()
    page.goto(live_server.url + reverse("events:programme", kwargs={"slug": event.slug}))
    assert page.get_by_role("heading", name="Jour 1 : mercredi 1er octobre").is_visible()
    page.screenshot(path=str(tmp_path / "programme.png"))
    assert axe(page) == []
    page.goto(live_server.url + reverse("events:themes", kwargs={"slug": event.slug}))
    assert axe(page) == []
    assert page.console_errors == []


def test_on_arrival_sign_up_updates_the_session_in_place(live_server, page, axe):
    from maillage.events import services

    event = make_event(themes=3, sessions_per_day=(1,), capacity=2, mode="on_arrival")
    ada = services.register(
        event,
        name="Ada",
        email="ada@example.org",
        organisation="",
        days=list(event.days.all()),
        theme_ranking=list(event.themes.all()),
    )
    page.goto(live_server.url + ada.get_absolute_url())
    page.get_by_label(str(event.themes.get(number=2)), exact=False).check()
    page.get_by_role("button", name="Réserver ma place").click()
    page.wait_for_selector("#session-1 .assigned")
    assert "1 place restante" in page.locator("#session-1 form").inner_text()
    assert page.url.endswith(ada.get_absolute_url())  # updated in place by htmx, no reload
    assert axe(page) == []
    assert page.console_errors == []
