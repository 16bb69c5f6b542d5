"""The whole survey in Chromium, on the demo's Puy-de-Dôme (issue 17's "Done when").

campaign → invitation e-mails (locmem outbox) → two actors answer → a relation becomes
"confirmed by both", another "disputed" → the moderator settles it → the network table and the
GEXF export show the status → wave 2 is pre-filled. axe finds no serious violation on any page.
The two contacts are synthetic (the demo publishes no e-mail address): labelled as such below.
"""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import Q
from django.test import Client

from maillage.directory.models import Actor, Contact
from maillage.network.models import Relation
from tests.contributions.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def staff_cookie(live_server, user):
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


def pick_actors():
    """A: the Puy-de-Dôme actor of the demo with the most relations; B: another Puy-de-Dôme actor, not related to A.

    The demo holds no relation with both ends in the Puy-de-Dôme: A and B declare one, and A
    denies one of its relations taken from the report (X), which makes a dispute.
    """
    actors = Actor.objects.filter(department__code="63").order_by("name")
    a = max(actors, key=lambda actor: (Relation.objects.filter(Q(source=actor) | Q(target=actor)).count(), actor.name))
    related = Relation.objects.filter(Q(source=a) | Q(target=a)).order_by("pk")
    partners = {r.source_id for r in related} | {r.target_id for r in related}
    b = actors.exclude(pk__in=partners | {a.pk}).exclude(parent=a).filter(parent__isnull=True).first()
    return a, b, related.first()


def link_for(email):
    message = next(m for m in mail.outbox if m.to == [email])
    return re.search(r"https?://\S+/enquetes/r/\S+/", message.body)[0]


def checked(page, relation, verdict):
    """Tick a verdict with the keyboard (focus, then Space), as a keyboard user does."""
    row = page.locator(f'input[type="hidden"][value$="|{relation.pk}"]')
    name = row.get_attribute("name").replace("row-", "r") + "-verdict"
    radio = page.locator(f'input[name="{name}"][value="{verdict}"]')
    radio.focus()
    page.keyboard.press("Space")
    assert radio.is_checked()


def test_a_survey_from_campaign_to_wave_two(live_server, page, axe, settings):
    settings.SITE_URL = live_server.url
    call_command("load_demo", verbosity=0)
    a, b, disputed = pick_actors()
    assert b is not None and disputed is not None
    # Synthetic contacts (the demo publishes no address): the basis is the person's consent.
    Contact.objects.create(actor=a, name="Contact A (synthétique)", email="a@exemple.invalid", publication_consent=True)
    Contact.objects.create(actor=b, name="Contact B (synthétique)", email="b@exemple.invalid", publication_consent=True)
    staff = UserFactory(username="equipe", is_staff=True, is_superuser=True)
    page.context.add_cookies([staff_cookie(live_server, staff)])
    problems = []

    def audit(where, on=None):
        violations = axe(on or page)
        if violations:
            problems.append((where, violations))

    # 1. The campaign on the Puy-de-Dôme; relations both sides confirm are applied directly.
    page.goto(live_server.url + "/enquetes/nouvelle/")
    audit("campaign form")
    page.get_by_label("Titre").fill("Enquête relationnelle Puy-de-Dôme")
    page.get_by_label("Périmètre (filtres partagés)").fill("departement=63")
    page.get_by_label("Ouverture de la vague 1").fill("2026-01-01")
    page.get_by_label("Clôture de la vague 1").fill("2099-12-31")
    page.get_by_label("Appliquer directement les relations confirmées par les deux acteurs").check()
    page.get_by_role("button", name="Créer la campagne et ouvrir la vague 1").click()
    page.wait_for_url("**/enquetes/*/")
    dashboard_url = page.url
    audit("dashboard")

    # 2. Invitations, through the task queue into the locmem outbox.
    page.get_by_role("button", name="Envoyer les invitations").click()
    page.wait_for_load_state()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@exemple.invalid", "b@exemple.invalid"]

    # 3. A, on a phone, with no account: declares a collaboration with B (search as one types)
    #    and denies a relation the report gave it; B confirms A's declaration.
    phone = page.context.browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844})
    respondent = phone.new_page()
    respondent.goto(link_for("a@exemple.invalid"))
    audit("questionnaire (phone)", respondent)
    box = respondent.locator("#partenaire-n1")
    box.fill(b.name[:12])
    respondent.locator("#partenaire-n1-suggestions [role=option]").first.wait_for()
    respondent.get_by_label("Type de relation").first.select_option("collaboration")
    box.focus()
    box.fill(b.name)
    respondent.locator("#partenaire-n1-suggestions [role=option]").first.wait_for()
    respondent.keyboard.press("ArrowDown")
    respondent.keyboard.press("Enter")  # picks the suggestion; the form is saved as a draft
    respondent.wait_for_load_state()
    checked(respondent, disputed, "deny")
    respondent.get_by_role("button", name="Envoyer mes réponses").click()
    respondent.wait_for_load_state()
    assert "vos réponses sont envoyées" in respondent.locator("body").inner_text()
    respondent.goto(link_for("b@exemple.invalid"))
    assert "a déclaré une relation avec vous" in respondent.locator("body").inner_text()
    row = respondent.locator(f'input[type="hidden"][value^="{a.pk}|collaboration|"]').get_attribute("name")
    radio = respondent.locator(f'input[name="{row.replace("row-", "r")}-verdict"][value="confirm"]')
    radio.focus()
    respondent.keyboard.press("Space")
    respondent.get_by_role("button", name="Envoyer mes réponses").click()
    respondent.wait_for_load_state()
    phone.close()

    # 4. Into the map: A–B confirmed by both (created, the campaign applies it directly), A–X disputed.
    page.goto(dashboard_url)
    page.get_by_role("button", name="Intégrer les réponses à la carte").click()
    page.wait_for_load_state()
    first = Relation.objects.get(Q(source=a, target=b) | Q(source=b, target=a), kind="collaboration")
    disputed.refresh_from_db()
    assert (first.status, first.origin, disputed.status) == ("confirmed", "survey", "disputed")
    audit("dashboard with answers")

    # 5. The moderator sees both answers and settles the dispute.
    page.locator("#titre-litiges + ul a").first.click()
    assert "Cette relation n'existe pas" in page.locator("table").inner_text()
    audit("dispute")
    page.get_by_label("Maintenir la relation").check()
    page.get_by_role("button", name="Trancher").click()
    page.wait_for_load_state()
    disputed.refresh_from_db()
    assert disputed.status == "declared"

    # 6. The network table and the GEXF export show the status.
    page.goto(live_server.url + "/reseau/relations/?departement=63&confirmation=confirmed")
    assert "Confirmée par les deux acteurs" in page.locator("#relations-table").inner_text()
    audit("network table")
    gexf = page.request.get(live_server.url + "/reseau/export.gexf?departement=63").text()
    assert f'<edge id="r{first.pk}"' in gexf
    edge = gexf.split(f'<edge id="r{first.pk}"')[1].split("</edge>")[0]
    assert '<attvalue for="status" value="confirmed"/>' in edge

    # 7. Wave 2, pre-filled with the previous answers.
    page.goto(dashboard_url)
    page.get_by_role("button", name="Clore la vague").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Ouvrir une nouvelle vague").click()
    page.wait_for_load_state()
    mail.outbox.clear()
    page.get_by_role("button", name="Envoyer les invitations").click()
    page.wait_for_load_state()
    page.goto(link_for("a@exemple.invalid"))
    assert "Pré-rempli avec votre réponse à la vague précédente" in page.locator("body").inner_text()
    row = page.locator(f'input[type="hidden"][value$="|{first.pk}"]').get_attribute("name").replace("row-", "r")
    assert page.locator(f'input[name="{row}-verdict"][value="confirm"]').is_checked()  # A declared it in wave 1
    audit("questionnaire wave 2")
    assert page.console_errors == []
    assert problems == []
