"""Phones: at 390×844 no main page is wider than the screen, and map and network lead to their filters."""

import pytest

from maillage.demo.loaders.events import load_programme
from tests.directory.factories import ActorFactory
from tests.events.factories import make_event
from tests.territories.factories import CommuneFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 1 && getComputedStyle(e).position !== 'fixed')
    .filter(e => !e.closest('.visually-hidden, [hidden]'))
    .slice(0, 5)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
      + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""


@pytest.fixture
def site_pages():
    clermont = CommuneFactory(name="Clermont-Ferrand")
    city = ActorFactory(name="Ville de Clermont-Ferrand", commune=clermont)
    ActorFactory(name="Direction Innovation et Participation", parent=city, commune=clermont)
    event = make_event(themes=3, sessions_per_day=(2, 2))
    assises = load_programme()[0]  # the demo's real programme: long titles, speakers, venues
    return [
        "/",
        "/acteurs/",
        "/acteurs/typologie/",
        city.get_absolute_url(),
        "/carte/",
        f"/carte/?departement={clermont.department.code}",
        "/reseau/",
        "/evenements/",
        event.get_absolute_url(),
        f"/evenements/{event.slug}/ateliers/",
        f"/evenements/{event.slug}/inscription/",
        assises.get_absolute_url(),
        f"/evenements/{assises.slug}/ateliers/",
        f"/evenements/{assises.slug}/intervenants/",
        "/diagnostic/",
        "/contributions/proposer/",
    ]


def test_no_main_page_is_wider_than_a_phone(live_server, browser, site_pages):
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("http://localhost") else r.abort())
    page = context.new_page()
    too_wide = {}
    for path in site_pages:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        result = page.evaluate(OVERFLOW)
        if result["scroll"] > result["width"]:
            too_wide[path] = result
    context.close()
    assert too_wide == {}


@pytest.mark.parametrize("path", ["/carte/", "/reseau/"])
def test_map_and_network_lead_to_their_filters_on_a_phone(live_server, browser, path):
    ActorFactory()
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("http://localhost") else r.abort())
    page = context.new_page()
    page.goto(live_server.url + path)
    link = page.get_by_role("link", name="Aller aux filtres")
    assert link.is_visible()
    link.click()
    target = link.get_attribute("href")
    assert page.evaluate(f"document.querySelector('{target}').getBoundingClientRect().top") < PHONE["height"]
    context.close()
