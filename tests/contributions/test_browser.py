"""The contribution loop in a real headless Chromium: propose anonymously, confirm by e-mail,
moderate in the right territory, see the change on the fiche, in its history and on the map."""

import json
import re

import pytest
from django.core import mail
from django.test import Client

from maillage.contributions import services
from maillage.contributions.models import Proposal
from maillage.contributions.snapshots import actor_snapshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mot-de-passe-solide-42"


def confirm_path(message):
    return re.search(r"https?://[^/\s]+(/contributions/confirmer/\S+)", message.body).group(1)


def log_in(page, base, username):
    page.goto(base + "/contributions/connexion/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/mes-contributions/")


def test_anonymous_change_confirmed_moderated_and_published(live_server, page, axe, actor, moderator, other_moderator):
    base = live_server.url
    # 1. A visitor opens the fiche and proposes a change from its contributions panel.
    page.goto(f"{base}/acteurs/{actor.slug}/")
    page.get_by_role("link", name="Proposer une modification").click()
    assert page.locator("#id_name").input_value() == "Labo 63"
    assert axe(page) == []
    page.locator("#id_name").fill("Labo 63 – Innovation publique")
    page.get_by_label("Votre adresse électronique").fill("visiteur@exemple.invalid")
    page.get_by_role("button", name="Envoyer la proposition").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Vérifiez votre boîte de réception"
    proposal = Proposal.objects.get()
    assert proposal.status == "unconfirmed"

    # 2. The e-mail link confirms it; the status page follows it.
    page.goto(base + confirm_path(mail.outbox[-1]))
    assert "En attente de modération" in page.content()
    assert axe(page) == []

    # 3. It is in the Puy-de-Dôme moderator's queue, not in the Gironde one's.
    other = Client()
    other.force_login(other_moderator)
    assert proposal.pk not in [p.pk for p in other.get("/contributions/moderation/").context["page"].object_list]
    log_in(page, base, moderator.username)
    page.goto(base + "/contributions/moderation/")
    page.get_by_role("link", name=f"Examiner n° {proposal.pk}").click()
    diff = page.locator("table.diff-table")
    assert "Labo 63 – Innovation publique" in diff.inner_text()
    assert axe(page) == []
    page.get_by_label("Accepter").check()
    page.get_by_role("button", name="Enregistrer la décision").click()
    assert "Proposition acceptée" in page.content()

    # 4. The fiche shows the change and its history entry; the map data has it too.
    page.goto(f"{base}/acteurs/{actor.slug}/")
    assert "Labo 63 – Innovation publique" in page.locator("h1").inner_text()
    history = page.locator(".contrib-panel .history-list")
    assert "Version 2" in history.inner_text()
    assert "Labo 63 – Innovation publique" in history.inner_text()
    data = json.loads(page.request.get(f"{base}/carte/donnees/?zoom=12&bbox=2.9,45.7,3.2,45.9").text())
    assert "Labo 63 – Innovation publique" in json.dumps(data, ensure_ascii=False)
    assert axe(page) == []
    assert page.console_errors == []


def test_rejection_notifies_the_contributor(live_server, page, axe, actor, moderator):
    proposal = services.create_proposal(
        kind="change_actor",
        email="auteur@exemple.invalid",
        actor=actor,
        payload={**actor_snapshot(actor), "name": "Nom douteux"},
    )
    services.confirm_email(proposal.pk, proposal.email)
    mail.outbox.clear()
    log_in(page, live_server.url, moderator.username)
    page.goto(f"{live_server.url}/contributions/moderation/{proposal.pk}/")
    page.get_by_label("Refuser").check()
    page.get_by_label("Message au contributeur").fill("Ce nom ne figure dans aucune source.")
    page.get_by_role("button", name="Enregistrer la décision").click()
    assert "Proposition refusée" in page.content()
    assert axe(page) == []
    assert page.console_errors == []
    assert [m.to for m in mail.outbox] == [["auteur@exemple.invalid"]]
    assert "Ce nom ne figure dans aucune source." in mail.outbox[0].body
    assert Proposal.objects.get(pk=proposal.pk).status == "rejected"
