"""Erasure: a person with a unique address, put everywhere a person can be through the real flows,
then erased; a raw scan of every column of every table finds the address in no row."""

import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from maillage.contributions import services
from maillage.contributions.models import Proposal
from maillage.core.personal_data import address_token
from maillage.directory.models import Contact
from maillage.events.models import Registration
from maillage.privacy.models import Erasure
from tests.contributions.factories import UserFactory
from tests.contributions.test_views import form_data
from tests.directory.factories import ContactFactory
from tests.events.factories import make_event

from . import sentinel

pytestmark = pytest.mark.django_db
PASSWORD = "Tr3s-long-secret!"


@pytest.fixture
def person():
    tag = uuid.uuid4().hex[:10]
    return {"username": f"sentinelle{tag}", "email": f"sentinelle.{tag}@exemple.invalid"}


def _link(message, marker):
    return re.search(rf"https?://[^/\s]+(\S*{marker}\S*)", message.body).group(1)


def put_everywhere(client, actor, moderator, person, mailoutbox, capture):
    """The person signs up, logs in (once wrongly), contributes, claims a fiche, registers to an event,
    is a contact of a fiche and withdraws consent: every flow that keeps something about a person."""
    email, username = person["email"], person["username"]
    client.post(
        "/contributions/inscription/",
        {"username": username, "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )
    client.get(_link(mailoutbox[-1], "/compte/activer/"))
    client.logout()
    client.post("/contributions/connexion/", {"username": email, "password": "pas-le-bon"})  # axes: a failure
    client.post("/contributions/connexion/", {"username": username, "password": PASSWORD})  # axes: a login
    # A change to a fiche carrying the address, accepted: the fiche, its revision's snapshot and author.
    client.post(
        f"/contributions/acteur/{actor.slug}/modifier/",
        form_data(actor, description=f"Écrire à {email.upper()} pour rejoindre le lab.", message=f"Je suis {email}"),
    )
    change = Proposal.objects.get(author__username=username, kind="change_actor")
    with capture(execute=True):
        services.accept(change.pk, moderator)
    client.post(f"/contributions/acteur/{actor.slug}/revendiquer/", {"claim_email": email, "message": "C'est mon lab"})
    client.get(_link(mailoutbox[-1], "/contributions/confirmer/"))  # the claimed address is confirmed
    claim = Proposal.objects.get(author__username=username, kind="claim")
    with capture(execute=True):
        services.accept(claim.pk, moderator)
    client.logout()
    # An anonymous report, never confirmed.
    client.post(f"/contributions/acteur/{actor.slug}/signaler/", {"reason": "gone", "message": "Fermé", "email": email})
    # An event registration.
    event = make_event(themes=2)
    themes = list(event.themes.all())
    client.post(
        f"/evenements/{event.slug}/inscription/",
        {
            "name": "Camille Sentinelle",
            "email": email,
            "organisation": "Lab",
            "days": [event.days.first().pk],
            "rank_1": themes[0].pk,
            "rank_2": themes[1].pk,
            "accessibility_needs": f"Me prévenir à {email}",
        },
    )
    # A contact of a fiche (contacts are entered by staff), who then withdraws consent.
    ContactFactory(actor=actor, name="Camille Sentinelle", email=email, publication_consent=True)
    client.post(f"/donnees-personnelles/adresse/{address_token(email)}/")
    client.post("/contributions/mot-de-passe/oublie/", {"email": email})


# Where the flows above leave the address: the test fails if a flow stops reaching its table.
EXPECTED = {
    "auth_user",
    "axes_accessattempt",
    "contributions_proposal",
    "contributions_revision",
    "contributions_ownership",
    "directory_actor",
    "directory_contact",
    "events_registration",
}


@pytest.fixture
def everywhere(client, actor, moderator, person, mailoutbox, django_capture_on_commit_callbacks):
    put_everywhere(client, actor, moderator, person, mailoutbox, django_capture_on_commit_callbacks)
    found = sentinel.where(person["email"])
    assert set(found) >= EXPECTED, f"the flows no longer reach: {EXPECTED - set(found)}"
    return found


def test_the_erase_command_leaves_the_address_in_no_row_of_any_table(everywhere, person):
    call_command("erase_person", email=person["email"], apply=True)
    assert sentinel.where(person["email"]) == {}


def test_the_erase_command_removes_the_username_from_every_table_too(everywhere, person):
    assert "auth_user" in sentinel.where(person["username"])
    call_command("erase_person", user=person["username"], apply=True)
    assert sentinel.where(person["username"], person["email"]) == {}


def test_the_staff_page_erases_after_showing_what_it_found(client, everywhere, person):
    staff = UserFactory(username="dpo", is_staff=True)
    client.force_login(staff)
    preview = client.post("/donnees-personnelles/effacement/", {"email": person["email"]})
    assert "contributions.revision" in preview.content.decode()
    assert sentinel.where(person["email"]) != {}  # the preview erases nothing
    done = client.post("/donnees-personnelles/effacement/", {"email": person["email"], "confirm": "1"})
    assert "Effacement fait" in done.content.decode()
    assert sentinel.where(person["email"]) == {}
    assert Erasure.objects.get().performed_by == staff


def test_the_dry_run_erases_nothing(everywhere, person):
    call_command("erase_person", email=person["email"])
    assert set(sentinel.where(person["email"])) == set(everywhere)


def test_erasure_keeps_the_fiche_and_its_history_without_the_person(everywhere, person, actor):
    call_command("erase_person", email=person["email"], apply=True)
    actor.refresh_from_db()
    assert "[adresse effacée] pour rejoindre le lab" in actor.description
    assert actor.revisions.count() >= 2
    decided = Proposal.objects.filter(kind__in=["change_actor", "claim"])
    assert [(p.author_id, p.ip_hash) for p in decided] == [(None, ""), (None, "")]


def test_erasure_deletes_the_account_contact_registration_and_undecided_proposals(everywhere, person):
    call_command("erase_person", email=person["email"], apply=True)
    assert not get_user_model().objects.filter(username=person["username"]).exists()
    assert not Contact.objects.filter(name="Camille Sentinelle").exists()
    assert not Registration.objects.filter(name="Camille Sentinelle").exists()
    assert not Proposal.objects.filter(kind="report").exists()


def test_the_erasure_record_keeps_counts_but_not_the_address(everywhere, person):
    call_command("erase_person", email=person["email"], apply=True)
    record = Erasure.objects.get()
    assert record.counts["auth.user:deleted"] == 1
    assert person["email"] not in str(record.counts) and person["email"] not in record.address_digest


def test_erasing_frees_the_seats_of_an_upcoming_event(client, db):
    from maillage.events import services as event_services

    event = make_event(themes=2, capacity=3)
    registration = event_services.register(
        event,
        name="Ada",
        email="ada@exemple.invalid",
        organisation="",
        days=list(event.days.all()),
        theme_ranking=list(event.themes.all()),
    )
    workshop = event.themes.first().workshops.first()
    event_services.place(registration, workshop)
    workshop.refresh_from_db()
    assert workshop.seats_taken == 1
    call_command("erase_person", email="ada@exemple.invalid", apply=True)
    workshop.refresh_from_db()
    assert workshop.seats_taken == 0
