"""Proposals and actions: staff recording, public follow-up page, actor fiche panel, empty demo."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from maillage.demo.loaders import followup
from maillage.events.models import Milestone, Proposal, Workshop
from maillage.events.panels import actor_panel
from tests.directory.factories import ActorFactory

from .factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    """A site administrator: administrators organise every event."""
    user = get_user_model().objects.create_user("anim", password="x", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_demo_followup_loads_nothing_and_the_page_says_so(client):
    event = make_event()
    assert "aucune donnée" in followup.load(None)
    assert Proposal.objects.count() == 0
    page = client.get(f"/evenements/{event.slug}/suivi/").content.decode()
    assert "Aucune proposition n’a encore été documentée" in page


def test_staff_records_an_action_with_a_milestone_shown_by_theme_and_actor(client, staff):
    event = make_event()
    actor = ActorFactory(name="Dessein Public", slug="dessein-public")
    workshop = Workshop.objects.filter(session__event=event).first()
    response = client.post(
        f"/evenements/{event.slug}/organisation/propositions/nouvelle/",
        {
            "p-workshop": workshop.pk,
            "p-kind": "action",
            "p-title": "Fiche métier de designer public",
            "p-text": "Rédiger une fiche métier.",
            "p-carriers": [actor.pk],
            "p-owner": actor.pk,
            "p-status": "in_progress",
            "p-progress": 40,
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    client.post(
        f"/evenements/{event.slug}/organisation/propositions/{proposal.pk}/",
        {"add_milestone": "1", "m-date": "2026-01-15", "m-title": "Premier jet", "m-done": "on"},
    )
    assert Milestone.objects.get().proposal == proposal
    client.logout()
    page = client.get(f"/evenements/{event.slug}/suivi/").content.decode()
    assert "Fiche métier de designer public" in page and "En cours" in page and "Premier jet" in page
    assert actor.get_absolute_url() in page


def test_progress_above_100_is_refused(client, staff):
    event = make_event()
    workshop = Workshop.objects.filter(session__event=event).first()
    response = client.post(
        f"/evenements/{event.slug}/organisation/propositions/nouvelle/",
        {"p-workshop": workshop.pk, "p-kind": "action", "p-title": "x", "p-status": "proposed", "p-progress": 150},
    )
    assert response.status_code == 200 and Proposal.objects.count() == 0


def test_visitors_are_sent_to_the_site_login_to_record_proposals(client):
    event = make_event()
    response = client.get(f"/evenements/{event.slug}/organisation/propositions/nouvelle/")
    assert response.status_code == 302 and response.url.startswith("/contributions/connexion/")


def test_actor_panel_lists_carried_proposals_and_is_empty_otherwise():
    event = make_event()
    actor, other = ActorFactory(), ActorFactory()
    proposal = Proposal.objects.create(workshop=Workshop.objects.filter(session__event=event).first(), title="Communs")
    proposal.carriers.add(actor)
    request = RequestFactory().get("/")
    assert "Communs" in actor_panel(request, actor)
    assert actor_panel(request, other) == ""
