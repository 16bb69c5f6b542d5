"""Organisers' pages in headless Chromium: the site's login, axe clean, no wider than a phone, printable lists."""

import pytest
from django.urls import reverse

from maillage.events import services
from maillage.events.models import Workshop
from tests.site.test_phone import OVERFLOW

from .factories import make_event, make_organiser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
PASSWORD = "mot-de-passe-solide-42"  # tests.contributions.factories.UserFactory's


def allocated_event():
    event = make_event(themes=3, sessions_per_day=(2,), capacity=4)
    for i, (name, organisation) in enumerate(
        [
            ("Ada Lovelace", "Laboratoire d'innovation publique de la Région"),
            ("Bénédicte Durand-Montgolfier", "Direction Innovation et Participation (Ville de Clermont-Ferrand)"),
            ("Chloé Martin", ""),
        ]
    ):
        services.register(
            event,
            name=name,
            email=f"personne{i}@example.org",
            organisation=organisation,
            days=list(event.days.all()),
            theme_ranking=list(event.themes.all()),
        )
    assert not services.run_allocation(event).error
    return event


def sign_in(page, base_url, next_path):
    page.goto(f"{base_url}{reverse('contributions:login')}?next={next_path}")
    page.locator("#id_username").fill("orga")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"**{next_path}")


@pytest.mark.parametrize("size", SIZES)
def test_organiser_pages_pass_axe_and_fit_the_screen(live_server, browser, axe, size):
    event = allocated_event()
    make_organiser(event)
    workshop = Workshop.objects.filter(session__event=event, seats_taken__gt=0).first()
    context = browser.new_context(locale="fr-FR", viewport=SIZES[size])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server.url, reverse("events:organiser_home"))
    kwargs = {"slug": event.slug}
    paths = [
        reverse("events:organiser_home"),
        reverse("events:organiser", kwargs=kwargs),
        reverse("events:registrations", kwargs=kwargs) + "?q=Ada",
        reverse("events:attendee_lists", kwargs=kwargs),
        reverse("events:workshop_attendees", kwargs={**kwargs, "pk": workshop.pk}),
        reverse("events:checkin", kwargs={**kwargs, "session": 1}),
        reverse("events:team", kwargs=kwargs),
    ]
    problems = {}
    for path in paths:
        page.goto(live_server.url + path)
        violations = axe(page)
        width = page.evaluate(OVERFLOW)
        if violations or width["scroll"] > width["width"]:
            problems[path] = {"axe": violations, **width}
    context.close()
    assert problems == {}
    assert errors == []


def test_the_check_in_sheet_prints_boxes_without_the_site_chrome(live_server, page):
    event = allocated_event()
    make_organiser(event)
    sign_in(page, live_server.url, reverse("events:organiser_home"))
    page.goto(live_server.url + reverse("events:checkin", kwargs={"slug": event.slug, "session": 1}))
    assert page.locator(".tick-box").first.is_hidden()
    assert page.get_by_role("button", name="Présent·e : Ada Lovelace").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".tick-box").first.is_visible()
    assert page.locator(".site-header").is_hidden() and page.locator(".organiser-nav").is_hidden()
    assert page.get_by_role("button", name="Présent·e : Ada Lovelace").is_hidden()


def test_ticking_present_in_the_browser_keeps_the_organiser_on_the_sheet(live_server, page, axe):
    event = allocated_event()
    make_organiser(event)
    sign_in(page, live_server.url, reverse("events:organiser_home"))
    page.goto(live_server.url + reverse("events:checkin", kwargs={"slug": event.slug, "session": 1}))
    page.get_by_role("button", name="Présent·e : Ada Lovelace").click()
    page.wait_for_selector("text=Ada Lovelace : présence notée.")
    assert page.get_by_role("button", name="✓ Présent·e : Ada Lovelace").get_attribute("aria-pressed") == "true"
    assert axe(page) == []
