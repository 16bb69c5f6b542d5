"""Registration, on-arrival sign-up, allocation stored in the database, notifications."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from maillage.events import services
from maillage.events.models import Assignment, Registration, Room, Workshop
from tests.directory.factories import ActorFactory

from .factories import make_event

pytestmark = pytest.mark.django_db


def register(event, name="Ada", days=None, ranking=None, organisation=""):
    return services.register(
        event,
        name=name,
        email=f"{name.lower().replace(' ', '.')}@example.org",
        organisation=organisation,
        days=days if days is not None else list(event.days.all()),
        theme_ranking=ranking if ranking is not None else list(event.themes.all()),
    )


def test_registration_form_requires_min_choices_and_links_the_actor(client):
    event = make_event(themes=3)
    actor = ActorFactory(name="Ville de Clermont-Ferrand", slug="ville-de-clermont-ferrand")
    themes = list(event.themes.all())
    url = f"/evenements/{event.slug}/inscription/"
    data = {
        "name": "Ada",
        "email": "ada@example.org",
        "organisation": "ville de clermont ferrand",
        "days": [event.days.first().pk],
    }
    response = client.post(url, {**data, "rank_1": themes[0].pk})
    assert "Classez au moins 2 thèmes." in response.content.decode()
    response = client.post(url, {**data, "rank_1": themes[0].pk, "rank_2": themes[0].pk})
    assert "déjà classé plus haut" in response.content.decode()
    response = client.post(url, {**data, "rank_1": themes[2].pk, "rank_2": themes[0].pk})
    registration = Registration.objects.get()
    assert response.status_code == 302 and response.url == f"/evenements/{event.slug}/inscription/envoyee/"
    assert registration.actor == actor
    assert list(registration.choices.values_list("theme__number", "rank")) == [(3, 1), (1, 2)]


def _registration_data(event, **changes):
    themes = list(event.themes.all())
    data = {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "organisation": "",
        "days": [event.days.first().pk],
        "rank_1": themes[0].pk,
        "rank_2": themes[1].pk,
    }
    return {**data, **changes}


def test_registration_emails_the_personal_link_and_does_not_show_it(client, mailoutbox):
    event = make_event(themes=3)
    response = client.post(f"/evenements/{event.slug}/inscription/", _registration_data(event), follow=True)
    registration = Registration.objects.get()
    assert registration.token not in response.content.decode()
    (sent,) = mailoutbox
    assert sent.to == ["ada@example.org"]
    assert f"http://testserver{registration.get_absolute_url()}" in sent.body


def test_registering_an_address_twice_discloses_nothing_and_resends_the_link(client, mailoutbox):
    event = make_event(themes=3)
    url = f"/evenements/{event.slug}/inscription/"
    first = client.post(url, _registration_data(event))
    second = client.post(url, _registration_data(event, name="Quelqu'un d'autre", email="ADA@example.org"))
    assert first.status_code == second.status_code == 302 and first.url == second.url
    assert "déjà inscrite" not in client.get(second.url).content.decode()
    registration = Registration.objects.get()
    assert registration.name == "Ada Lovelace"
    assert [m.to for m in mailoutbox] == [["ada@example.org"], ["ada@example.org"]]
    assert registration.get_absolute_url() in mailoutbox[1].body


def test_registration_fields_are_bounded(client):
    event = make_event(themes=3)
    data = _registration_data(event, accessibility_needs="x" * 1_000_000)
    response = client.post(f"/evenements/{event.slug}/inscription/", data)
    assert response.status_code == 400
    assert "1000 caractères" in response.content.decode()
    assert not Registration.objects.exists()


def test_registration_name_is_kept_on_one_line(client):
    event = make_event(themes=3)
    client.post(f"/evenements/{event.slug}/inscription/", _registration_data(event, name="Ada\r\nBCC: x@evil"))
    assert Registration.objects.get().name == "Ada BCC: x@evil"


def test_registration_honeypot_refuses_robots(client):
    event = make_event(themes=3)
    response = client.post(f"/evenements/{event.slug}/inscription/", _registration_data(event, contact_url="x"))
    assert response.status_code == 429
    assert not Registration.objects.exists()


def test_registration_is_rate_limited_per_connection(client, settings):
    settings.EVENTS_REGISTRATION_RATE_LIMIT_PER_IP = (2, 3600)
    event = make_event(themes=3)
    url = f"/evenements/{event.slug}/inscription/"
    statuses = [client.post(url, _registration_data(event, email=f"p{i}@example.org")).status_code for i in range(3)]
    assert statuses == [302, 302, 429]
    assert Registration.objects.count() == 2


def test_personal_page_is_only_reachable_by_its_token(client):
    event = make_event()
    registration = register(event)
    assert client.get(f"/evenements/parcours/{registration.token}/").status_code == 200
    assert client.get("/evenements/parcours/not-a-token/").status_code == 404


def test_on_arrival_sign_up_takes_a_seat_and_refuses_a_full_workshop():
    event = make_event(capacity=1, mode="on_arrival")
    workshop = Workshop.objects.filter(session__event=event).first()
    first, second = register(event, "Ada"), register(event, "Bob")
    services.sign_up(first, workshop.pk)
    with pytest.raises(services.SignupError, match="complet"):
        services.sign_up(second, workshop.pk)
    workshop.refresh_from_db()
    assert workshop.seats_taken == 1


def test_changing_workshop_in_a_session_frees_the_previous_seat():
    event = make_event(capacity=1, mode="on_arrival")
    w1, w2 = Workshop.objects.filter(session__event=event)[:2]
    ada = register(event)
    services.sign_up(ada, w1.pk)
    services.sign_up(ada, w2.pk)
    w1.refresh_from_db()
    w2.refresh_from_db()
    assert (w1.seats_taken, w2.seats_taken) == (0, 1)
    assert ada.assignments.get().workshop == w2


def test_same_theme_twice_is_refused_on_arrival():
    event = make_event(sessions_per_day=(2,), mode="on_arrival")
    theme = event.themes.first()
    w1, w2 = Workshop.objects.filter(theme=theme).order_by("session__number")
    ada = register(event)
    services.sign_up(ada, w1.pk)
    with pytest.raises(services.SignupError, match="déjà ce thème"):
        services.sign_up(ada, w2.pk)


def test_database_refuses_seats_beyond_capacity():
    event = make_event(capacity=2)
    workshop = Workshop.objects.filter(session__event=event).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Workshop.objects.filter(pk=workshop.pk).update(seats_taken=3)


def test_htmx_sign_up_returns_the_session_row_with_remaining_seats(client):
    event = make_event(capacity=5, mode="on_arrival")
    workshop = Workshop.objects.filter(session__event=event).first()
    ada = register(event)
    response = client.post(
        f"/evenements/parcours/{ada.token}/sessions/1/", {"workshop": workshop.pk}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert '<section class="session-row" id="session-1"' in html
    assert "4 places restantes" in html


def test_allocation_run_stores_parcours_statistics_and_respects_pins(client):
    event = make_event(themes=3, sessions_per_day=(2,), capacity=2)
    themes = list(event.themes.all())
    people = [register(event, f"P{i}", ranking=[themes[0], themes[1], themes[2]]) for i in range(3)]
    pinned = Workshop.objects.get(theme=themes[2], session__number=1)
    Assignment.objects.create(registration=people[0], workshop=pinned, pinned=True)
    run = services.run_allocation(event)
    assert run.error == ""
    assert people[0].assignments.get(session__number=1).theme == themes[2]
    for p in people:
        assert p.assignments.count() == 2
    for w in Workshop.objects.filter(session__event=event):
        assert w.seats_taken == w.assignments.count() <= w.capacity
    assert run.statistics["objective"] == run.objective
    assert "fcfs" in run.statistics


def test_allocation_without_enough_seats_reports_the_session():
    event = make_event(themes=2, capacity=1)
    for i in range(3):
        register(event, f"P{i}")
    run = services.run_allocation(event)
    assert "session S1" in run.error and "il manque 1 places" in run.error


def test_reallocation_that_changes_a_parcours_sends_an_email():
    event = make_event(themes=2, capacity=2)
    t1, t2 = event.themes.all()
    ada = register(event, "Ada", ranking=[t1, t2])
    services.run_allocation(event)
    assert mail.outbox == []
    Assignment.objects.create(
        registration=register(event, "Bob", ranking=[t1, t2]), workshop=Workshop.objects.get(theme=t1), pinned=True
    )
    Assignment.objects.create(
        registration=register(event, "Cy", ranking=[t1, t2]), workshop=Workshop.objects.get(theme=t1), pinned=True
    )
    services.run_allocation(event)
    assert [m.to for m in mail.outbox] == [[ada.email]]
    assert ada.token in mail.outbox[0].body


def test_room_and_time_changes_notify_the_attendees_placed():
    event = make_event(themes=2, capacity=5)
    ada = register(event)
    workshop = Workshop.objects.filter(session__event=event).first()
    services.sign_up(ada, workshop.pk)
    bigger = Room.objects.create(venue=workshop.room.venue, name="Amphi", capacity=50)
    assert services.change_workshop_room(workshop, bigger) == 1
    assert "Amphi" in mail.outbox[-1].body
    assert services.change_slot_time(workshop.session.slot, datetime.time(8), datetime.time(9)) == 1
    assert "08:00" in mail.outbox[-1].body


def test_seat_board_fragment_shows_remaining_seats(client):
    event = make_event(capacity=4, mode="on_arrival")
    ada = register(event)
    workshop = Workshop.objects.filter(session__event=event).first()
    services.sign_up(ada, workshop.pk)
    html = client.get(f"/evenements/parcours/{ada.token}/sessions/1/places/").content.decode()
    assert html.startswith("<tbody") and "3 / 4" in html


def test_allocation_in_on_arrival_mode_keeps_the_seats_already_taken():
    event = make_event(themes=2, capacity=2, mode="on_arrival")
    t1, t2 = event.themes.all()
    early = register(event, "Early", ranking=[t2, t1])
    services.sign_up(early, Workshop.objects.get(theme=t1).pk)  # took its second choice on arrival
    register(event, "Late", ranking=[t1, t2])
    run = services.run_allocation(event)
    assert run.error == ""
    assert early.assignments.get().theme == t1
    assert Workshop.objects.get(theme=t1).seats_taken == 2


def test_workshop_capacity_cannot_exceed_its_room():
    from django.core.exceptions import ValidationError

    event = make_event(capacity=10)
    workshop = Workshop.objects.filter(session__event=event).first()
    workshop.capacity = 11
    with pytest.raises(ValidationError, match="ne compte que 10 places"):
        workshop.full_clean()
