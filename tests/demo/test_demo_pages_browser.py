"""The whole demo, as a new user meets it after `make run`: every public page, in Chromium.

One test on purpose: loading the demo (gazetteer, 172 actors, relations, the Assises)
costs several seconds, and a transactional live-server test flushes it afterwards.
"""

import pytest
from django.core.management import call_command

from tests.conftest import ignore_offline_tile_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("/", "Qui fait quoi dans l'innovation publique ?"),
    ("/acteurs/", "Annuaire des acteurs"),
    ("/acteurs/?q=cite+du+desing", "Cité du design"),
    ("/acteurs/archipel/", "Archipel"),
    ("/acteurs/la-piste/", "La Piste"),
    ("/carte/?departement=63", "Carte des acteurs"),
    ("/carte/partager/?departement=63", "Intégrer"),
    ("/carte/integration/?departement=63", None),
    ("/reseau/?focus=archipel", "Réseau des acteurs"),
    ("/reseau/relations/?departement=63", "relations"),
    ("/evenements/", "Assises de l'innovation publique 2025"),
    ("/evenements/assises-2025/", "Plénière de lancement"),
    ("/evenements/assises-2025/ateliers/", "Portage institutionnel stable et formation des décideurs"),
    ("/evenements/assises-2025/intervenants/", "Norbert"),
    ("/evenements/assises-2025/inscription/", "inscri"),
    ("/evenements/assises-2025/suivi/", "Suivi des propositions"),
    ("/contributions/proposer/", "Proposer"),
    ("/contributions/connexion/", "connecter"),
    ("/accessibilite/", "Déclaration d'accessibilité"),
    ("/mentions-legales/", "Mentions légales"),
    ("/donnees-personnelles/", "Données personnelles"),
]


def test_every_demo_page_renders_in_french_without_error_and_passes_axe(live_server, page, axe):
    call_command("load_demo", verbosity=0)
    problems = []
    for path, expected in PAGES:
        page.console_errors.clear()
        response = page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        text = page.locator("body").inner_text()
        if response.status != 200:
            problems.append((path, f"HTTP {response.status}"))
        if expected and expected.lower() not in text.lower():
            problems.append((path, f"missing {expected!r}"))
        if page.locator("html").get_attribute("lang") != "fr":
            problems.append((path, "not lang=fr"))
        errors = ignore_offline_tile_errors(page.console_errors)
        if errors:
            problems.append((path, errors))
        violations = axe(page)
        if violations:
            problems.append((path, violations))
    assert problems == []
