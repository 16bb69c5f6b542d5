"""No contact without a basis for publication appears in any page, export, file or API answer.

A sentinel contact (unique name, e-mail and phone number, no consent, not published by a source)
sits on an actor that has relations, tags, a commune and a consenting colleague. The test finds
the site's URLs in the URLconf itself, fills their parameters (actor and event slugs, ids,
every export format), follows the links of the pages it gets, and reads every answer: HTML,
CSV, JSON, XML, GEXF/GraphML, iCal, and the XML inside XLSX/ODS archives. New exports and API
endpoints are covered without touching this file: the coverage check at the end fails when a
data endpoint (a file suffix, an export, `/api/`) of the URLconf was never fetched.

A control contact who consented must be found where contacts are published (the fiche, the
directory's CSV and XLSX), which proves the reading works, inside archives too.
"""

import io
import itertools
import re
import zipfile
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

from maillage.directory.writing import Change
from maillage.initiatives.writing import create_initiative
from tests.contributions.factories import UserFactory
from tests.directory.factories import ContactFactory
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db

SENTINEL_NAME = "Sentinelle Qzxw-4821"
SENTINEL_EMAIL = "sentinelle.qzxw4821@exemple.invalid"
SENTINEL_PHONE = "06 48 21 97 53"  # contacts have no phone field: it rides in the function, as people type it
SENTINEL_MARKS = ("Qzxw-4821", "qzxw4821", "0648219753", "06 48 21 97 53", "06%2048%2021%2097%2053")
CONTROL_NAME = "Temoin Kplv-7316"

FORMATS = ("csv", "xlsx", "ods", "gexf", "graphml", "json", "xml", "ics", "svg", "png", "pdf", "geojson", "jsonld")
# Data endpoints: routes that end with a file suffix, carry a format, say "export" or "données", or live
# under /api/.
DATA_ROUTE = re.compile(
    r"\.(?:csv|xlsx|ods|json|jsonld|geojson|xml|ics|gexf|graphml|svg|png|pdf)\b|fmt>|format>|export|donnees/|^api/"
)
# Data endpoints this test cannot reach as a visitor, and why.
UNREACHABLE = {
    "events:parcours_ical": "a participant's own calendar, behind the secret token sent by e-mail",
    "api:proposal-list": "a partner's own proposals, behind its API token (actor fields, no contact)",
    "api:proposal-detail": "a partner's own proposal, behind its API token (actor fields, no contact)",
    "api:not_found": "the JSON 404 of unknown API paths: it publishes nothing",
    "events:workshop_attendees_csv": "an event's organisers only: the attendees who registered themselves, no contact",
    "events:workshop_attendees_xlsx": "an event's organisers only: the attendees who registered themselves, no contact",
    "surveys:campaign_export": "staff or the campaign moderator only: answers by actor, for research",
    "privacy:address_export": "what the site holds under one address, behind the signed link sent to that address",
    "privacy:my_data": "a signed-in user's own data: the contributor crawl below reads it as that user",
}
# Answers that cannot be read as text, and why they cannot leak a contact.
UNREADABLE = {
    "application/pdf": "the diagnostic PDF renders the print page, whose HTML is fetched and read",
    "image/png": "a drawing of the network: nodes and edges, no text of contacts",
}
NEVER_FETCH = ("/admin/", "/deconnexion/")  # staff back-office (moderators see every contact), log-out
MAX_PAGES = 1500  # a bound against a crawl running away; the test fails if it is reached
LINKS_PER_VIEW = 6  # links followed per view: facet and sort variants of one page add nothing


def iter_patterns(resolver=None, prefix="", namespace=""):
    """(route text, view name or None, parameter names) of every URL pattern, includes expanded."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from iter_patterns(entry, route, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            params = [p for p in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route) for p in p if p]
            yield route, name, params


@pytest.fixture
def sentinel(published):
    lab = published.lab
    ContactFactory(
        actor=lab,
        name=SENTINEL_NAME,
        email=SENTINEL_EMAIL,
        function=f"Chargée de mission, {SENTINEL_PHONE}",
        publication_consent=False,
        published_by_source=False,
    )
    ContactFactory(actor=lab, name=CONTROL_NAME, publication_consent=True)
    event = make_event(themes=2)
    # An initiative the sentinel's actor carries: its pages, exports and API answers name the actor.
    initiative = create_initiative(
        {"title": "Initiative témoin", "communes": ["63113"], "actors": [{"actor": lab.slug, "role": "porteur"}]},
        change=Change(comment="sentinel"),
    ).instance
    return {"actor": lab, "event": event, "published": published, "initiative": initiative}


def candidate_values(sentinel):
    published = sentinel["published"]
    slugs = [sentinel["actor"].slug, published.cite.slug, sentinel["event"].slug, sentinel["initiative"].slug]
    ids = [sentinel["actor"].pk, published.collab.pk]
    codes = ["84", "63", "63113", "42218"]  # région, département, communes of the published actors
    return {
        "slug": slugs,
        "pk": ids + slugs,
        "id": ids,
        "code": codes,
        "fmt": list(FORMATS),
        "format": list(FORMATS),
    }


def seed_urls(sentinel):
    """Every pattern of the URLconf whose parameters this test can fill, reversed with each candidate."""
    pools = candidate_values(sentinel)
    urls = []
    for route, name, params in iter_patterns():
        if not name or route.startswith("admin/"):
            continue
        if any(p not in pools for p in params):
            continue  # tokens, speakers, run ids…: reached through the links of other pages
        for values in itertools.product(*(pools[p] for p in params)):
            try:
                urls.append(reverse(name, kwargs=dict(zip(params, values, strict=True))))
            except NoReverseMatch:
                continue
    # Exports follow the shared filters, which hide disappeared actors by default: ask for all.
    urls += [f"{url}?disparus=1" for url in list(urls) if DATA_ROUTE.search(url.lstrip("/"))]
    return list(dict.fromkeys(urls))


def texts(response):
    """The readable text of an answer: decoded bytes, and the members of a ZIP (XLSX, ODS)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    parts = [content]
    if content.startswith(b"PK\x03\x04"):
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = [archive.read(member) for member in archive.namelist()]
    return "\n".join(part.decode("utf-8", errors="replace") for part in parts)


def links(html):
    for href in re.findall(r'(?:href|src|action|data-[\w-]*url)="([^"]+)"', html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        parts = urlsplit(href)
        if parts.scheme in ("", "http") and parts.netloc in ("", "testserver") and parts.path.startswith("/"):
            yield parts.path + (f"?{parts.query}" if parts.query else "")


def view_name(path):
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client, seeds, links_per_view=LINKS_PER_VIEW):
    """Fetch the seeds and the links of the HTML pages they give; returns {url: (status, type, text)}.

    Every seed is fetched; links are followed up to `links_per_view` URLs per view.
    """
    seen, queue, answers, per_view = set(), [(url, True) for url in seeds], {}, {}
    while queue:
        assert len(answers) < MAX_PAGES, "the crawl does not end: raise MAX_PAGES or lower LINKS_PER_VIEW"
        url, is_seed = queue.pop(0)
        if url in seen or any(part in url for part in NEVER_FETCH) or url.startswith("/static/"):
            continue
        seen.add(url)
        name = view_name(url)
        if not is_seed:
            if per_view.get(name, 0) >= links_per_view:
                continue
            per_view[name] = per_view.get(name, 0) + 1
        response = client.get(url)
        content_type = response.get("Content-Type", "").split(";")[0]
        if response.status_code != 200 or content_type in UNREADABLE:
            answers[url] = (response.status_code, content_type, "")
            continue
        text = texts(response)
        answers[url] = (200, content_type, text)
        if content_type == "text/html":
            queue += [(link, False) for link in links(text) if link not in seen]
    return answers


def leaks(answers):
    return sorted(url for url, (_s, _t, text) in answers.items() if any(mark in text for mark in SENTINEL_MARKS))


def test_no_contact_without_consent_reaches_a_visitor_from_any_endpoint(client, sentinel):
    answers = crawl(client, seed_urls(sentinel))
    assert leaks(answers) == []
    # The control: the consenting contact is read where contacts are published, archives included.
    found = {url for url, (_s, _t, text) in answers.items() if CONTROL_NAME in text}
    fiche = sentinel["actor"].get_absolute_url()
    assert {fiche, "/acteurs/export/csv/", "/acteurs/export/xlsx/", "/acteurs/export/ods/"} <= found
    # Every data endpoint of the URLconf was read: a new export or API endpoint is covered, or named in
    # UNREACHABLE with the reason it cannot be.
    fetched = {view_name(url) for url, (status, content_type, _x) in answers.items() if status == 200}
    data_views = {name for route, name, _p in iter_patterns() if name and DATA_ROUTE.search(route)}
    data_views = {name for name in data_views if not name.startswith("admin")}
    assert sorted(data_views - fetched - set(UNREACHABLE)) == []
    assert UNREACHABLE.keys() <= data_views  # no stale excuse


def test_no_contact_without_consent_reaches_a_signed_in_contributor(sentinel):
    contributor = Client()
    contributor.force_login(UserFactory(username="contributrice"))
    answers = crawl(contributor, seed_urls(sentinel), links_per_view=2)
    assert leaks(answers) == []
    assert sum(1 for status, _t, _x in answers.values() if status == 200) > 50


def test_the_sentinel_would_be_caught(client, sentinel):
    """The check can fail: with consent, the sentinel is found on the fiche and in the exports."""
    from maillage.directory.models import Contact

    Contact.objects.filter(name=SENTINEL_NAME).update(publication_consent=True)
    answers = crawl(client, [sentinel["actor"].get_absolute_url(), "/acteurs/export/xlsx/"], links_per_view=0)
    assert sentinel["actor"].get_absolute_url() in leaks(answers)
    assert "/acteurs/export/xlsx/" in leaks(answers)
