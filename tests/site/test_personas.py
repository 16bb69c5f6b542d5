"""A newcomer's first hour, walked in headless Chromium by the three users of issue 12.

Each persona walks at the size it most likely uses (the animator on a phone, the researcher and the
organiser at a desk); `MAILLAGE_ALL_SIZES=1` walks every persona at both sizes. Every main page is
also checked at phone width by tests/site/test_phone.py. The walks are the suite's longest tests: the
full matrix would add minutes to every run for pages already checked at both widths.

1. A network animator in Clermont-Ferrand: home → the Puy-de-Dôme (63) directory, map and network →
   an actor's fiche → proposes a relation.
2. A researcher: the directory exported and read back, then territories compared in the diagnostic.
3. A conference organiser: programme → an attendee registers → the organiser signs in on the site's
   own login page → allocation → attendee lists (printable, CSV) → check-in sheet.

Every page on the way passes axe (serious and critical) and is no wider than the screen. Personas
1 and 2 walk the demo (`load_demo`: the report's actors and relations); persona 3 an upcoming
event made by the factories, since the demo's Assises 2025 are over and closed to registration.
"""

import csv
import io
import os

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from maillage.contributions.models import Proposal
from maillage.events.models import Assignment, Registration
from tests.contributions.factories import UserFactory
from tests.events.factories import make_event, make_organiser
from tests.site.test_phone import OVERFLOW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
ALL_SIZES = os.environ.get("MAILLAGE_ALL_SIZES") == "1"


def sizes(usual):
    """Both sizes when asked for, else the persona's usual one."""
    return list(SIZES) if ALL_SIZES else [usual]


PASSWORD = "mot-de-passe-solide-42"  # tests.contributions.factories.UserFactory's


class Walk:
    """One persona's browser at one size; `check()` records axe violations and horizontal scroll per page."""

    def __init__(self, browser, live_server, axe, size):
        self.base = live_server.url
        self.axe = axe
        self.context = browser.new_context(locale="fr-FR", viewport=SIZES[size], accept_downloads=True)
        # No tile server, no other host: the pages must stand on their own.
        self.context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(self.base) else r.abort())
        self.page = self.context.new_page()
        self.problems = {}

    def goto(self, path):
        self.page.goto(self.base + path)
        return self.check()

    def check(self):
        self.page.wait_for_load_state("networkidle")
        path = self.page.url.removeprefix(self.base)
        violations = self.axe(self.page)
        width = self.page.evaluate(OVERFLOW)
        if violations or width["scroll"] > width["width"]:
            self.problems[path] = {"axe": violations, **width}
        return self.page

    def click(self, locator):
        locator.click()
        return self.check()

    def sign_in(self, username, next_path):
        self.goto(f"/contributions/connexion/?next={next_path}")
        self.page.locator("#id_username").fill(username)
        self.page.locator("#id_password").fill(PASSWORD)
        self.page.locator("form.contrib-form").get_by_role("button", name="Se connecter").click()
        self.page.wait_for_url(f"**{next_path}")
        return self.check()

    def download(self, locator):
        with self.page.expect_download() as info:
            locator.click()
        return info.value

    def close(self):
        self.context.close()


@pytest.fixture
def walk(browser, live_server, axe, request):
    walks = []

    def start(size):
        w = Walk(browser, live_server, axe, size)
        walks.append(w)
        return w

    yield start
    for w in walks:
        w.close()


def pick_other_actor(page):
    """The relation form's « Autre acteur »: a plain list on main, a search combobox once it lands."""
    field = page.get_by_label("Autre acteur", exact=False).first
    if field.evaluate("e => e.tagName") == "SELECT":
        field.select_option(index=1)
        return
    field.fill("Lab")
    option = page.get_by_role("option").first
    option.wait_for()
    option.click()


@pytest.mark.parametrize("size", sizes("phone"))
def test_network_animator_in_clermont(walk, size):
    call_command("load_demo", verbosity=0)
    UserFactory(username="animatrice")
    w = walk(size)
    page = w.goto("/")
    w.click(page.get_by_role("link", name="Puy-de-Dôme (63)"))
    assert "departement=63" in page.url
    w.click(page.get_by_role("link", name="Voir sur la carte"))
    assert "/carte/" in page.url and "departement=63" in page.url
    w.click(page.locator(".filter-scope").get_by_role("link", name="réseau"))
    assert "/reseau/" in page.url and "departement=63" in page.url
    w.click(page.get_by_role("link", name="Tableau des relations (alternative accessible au graphe)"))
    assert "/reseau/relations/" in page.url and "departement=63" in page.url
    w.click(page.locator("main table a[href^='/acteurs/']").first)
    fiche = page.url
    assert "/acteurs/" in fiche
    w.sign_in("animatrice", fiche.removeprefix(w.base))
    w.click(page.get_by_role("link", name="Proposer une relation"))
    pick_other_actor(page)
    page.get_by_label("Type de relation").select_option(index=1)
    page.get_by_role("button", name="Envoyer la proposition").click()
    w.check()
    proposal = Proposal.objects.get(kind="new_relation")
    assert proposal.author.username == "animatrice"
    assert "/contributions/suivi/" in page.url
    assert w.problems == {}


@pytest.mark.parametrize("size", sizes("desktop"))
def test_researcher_exports_and_compares_territories(walk, size):
    call_command("load_demo", verbosity=0)
    w = walk(size)
    page = w.goto("/acteurs/?departement=63&departement=69")
    heading = page.locator("main h1").inner_text()
    assert "Annuaire" in heading
    export = w.download(page.get_by_role("link", name="CSV (tableur, séparateur point-virgule)"))
    rows = list(csv.reader(io.StringIO(export.path().read_text(encoding="utf-8-sig")), delimiter=";"))
    departments = {row[rows[0].index("Département")] for row in rows[1:]}
    assert len(rows) > 2 and departments == {"Puy-de-Dôme", "Rhône"}
    spreadsheet = w.download(page.get_by_role("link", name="XLSX (Excel)"))
    sheet = load_workbook(io.BytesIO(spreadsheet.path().read_bytes())).active
    assert sheet.max_row == len(rows)  # the same actors, header included
    w.goto("/diagnostic/")
    w.click(page.get_by_role("link", name="Comparer des territoires"))
    page.get_by_label("Territoire 1").select_option("63")
    page.get_by_label("Territoire 2").select_option("69")
    page.get_by_label("Territoire 3").select_option("")
    page.get_by_label("Territoire 4").select_option("")
    w.click(page.get_by_role("button", name="Comparer"))
    table = page.get_by_role("table", name="Indicateurs du diagnostic par territoire")
    columns = table.locator("thead th").all_inner_texts()
    assert len(columns) == 3 and any("63" in c or "Puy-de-Dôme" in c for c in columns[1:])
    assert w.problems == {}


@pytest.mark.parametrize("size", sizes("desktop"))
def test_organiser_from_programme_to_attendee_lists(walk, size):
    event = make_event(themes=4, sessions_per_day=(2,), capacity=5)
    make_organiser(event, username="organisatrice")
    w = walk(size)
    page = w.goto("/evenements/")
    w.click(page.get_by_role("link", name=event.name).first)
    assert page.get_by_role("heading", name=event.name, level=1).is_visible()
    for name, email, first in (("Ada Lovelace", "ada@example.org", 3), ("Émile Durand", "emile@example.org", 1)):
        w.click(page.get_by_role("link", name="S’inscrire"))
        page.get_by_label("Nom et prénom").fill(name)
        page.get_by_label("Courriel").fill(email)
        page.get_by_role("checkbox").first.check()
        page.get_by_label("1er choix").select_option(label=str(event.themes.get(number=first)))
        page.get_by_label("2e choix").select_option(label=str(event.themes.get(number=2)))
        w.click(page.get_by_role("button", name="Envoyer mon inscription"))
        assert "/inscription/envoyee/" in page.url
        w.goto(event.get_absolute_url())
    assert Registration.objects.filter(event=event).count() == 2

    w.sign_in("organisatrice", "/evenements/organisation/")
    w.click(page.get_by_role("link", name="Répartition — " + event.name))
    w.click(page.get_by_role("button", name="Calculer la répartition optimale"))
    assert page.get_by_text("Répartition calculée et enregistrée").is_visible()
    assert page.get_by_role("table", name="Répartition optimale comparée au premier arrivé").is_visible()
    w.click(page.locator(".organiser-nav").get_by_role("link", name="Inscriptions"))
    page.get_by_label("Rechercher une inscription").fill("Lovelace")
    w.click(page.get_by_role("button", name="Rechercher", exact=True))
    assert page.locator(".registrations-table tbody tr").count() == 1
    w.click(page.locator(".organiser-nav").get_by_role("link", name="Listes et émargement"))
    ada = Assignment.objects.select_related("theme", "session").get(registration__name="Ada Lovelace", theme__number=3)
    w.click(page.get_by_role("link", name=f"Liste imprimable — {ada.theme}, {ada.session}"))
    assert page.locator(".attendee-table tbody th").all_inner_texts() == ["Ada Lovelace"]
    export = w.download(page.get_by_role("link", name="Télécharger en CSV"))
    rows = list(csv.reader(io.StringIO(export.path().read_text(encoding="utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["Ada Lovelace"]
    w.click(page.get_by_role("link", name="Feuille d’émargement"))
    w.click(page.get_by_role("button", name="Présent·e : Ada Lovelace"))
    assert page.get_by_text("Ada Lovelace : présence notée.").is_visible()
    assert w.problems == {}
