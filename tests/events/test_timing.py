"""Events in time: registration closes when the event starts (or at the organiser's date); a past event says so."""

import datetime

import pytest
from django.utils import timezone

from maillage.events import services
from maillage.events.models import Registration

from .factories import make_event

pytestmark = pytest.mark.django_db

START = datetime.date(2025, 10, 1)  # make_event's first slot starts at 09:00


def at(day, hour=12, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def register(event, now):
    return services.register(
        event,
        name="Ada",
        email="ada@example.org",
        organisation="",
        days=list(event.days.all()),
        theme_ranking=list(event.themes.all()),
        now=now,
    )


def test_event_starts_at_its_first_slot():
    assert make_event(start=START).starts_at == at(START, 9)


def test_registration_open_until_the_event_starts():
    event = make_event(start=START)
    assert event.accepts_registrations(at(START, 8, 59))


def test_registration_closes_when_the_event_starts():
    event = make_event(start=START)
    assert not event.accepts_registrations(at(START, 9))


def test_organiser_date_closes_registration_earlier():
    event = make_event(start=START)
    event.registration_closes_at = at(START - datetime.timedelta(days=3), 18)
    assert not event.accepts_registrations(at(START - datetime.timedelta(days=2)))


def test_event_is_past_the_day_after_its_last_day():
    event = make_event(start=START, sessions_per_day=(1, 1))
    assert (
        event.is_past(at(START + datetime.timedelta(days=1), 23, 59)),
        event.is_past(at(START + datetime.timedelta(days=2), 0, 1)),
    ) == (False, True)


def test_past_event_refuses_a_registration_with_a_french_message():
    event = make_event(start=START)
    with pytest.raises(services.RegistrationClosed, match="est terminé : les inscriptions sont closes"):
        register(event, at(datetime.date(2026, 11, 30)))
    assert not Registration.objects.exists()


def test_closed_registration_gives_its_date_in_french():
    event = make_event(start=START)
    with pytest.raises(services.RegistrationClosed, match="sont closes depuis le 1er octobre 2025 à 09:00"):
        register(event, at(START, 10))


def test_on_arrival_sign_up_refused_once_the_event_is_over():
    event = make_event(start=START, mode="on_arrival")
    ada = register(event, at(START - datetime.timedelta(days=1)))
    workshop = event.sessions.get().workshops.first()
    with pytest.raises(services.SignupError, match="Cet événement est terminé"):
        services.sign_up(ada, workshop.pk, now=at(START + datetime.timedelta(days=1)))


def test_past_event_page_is_labelled_and_offers_no_registration(client):
    event = make_event(start=datetime.date(2020, 10, 1))
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Événement passé" in html
    assert "S’inscrire" not in html


def test_past_event_keeps_its_programme(client):
    event = make_event(start=datetime.date(2020, 10, 1))
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Session 1" in html


def test_registration_page_of_a_past_event_redirects_with_the_reason(client):
    event = make_event(start=datetime.date(2020, 10, 1))
    response = client.get(f"/evenements/{event.slug}/inscription/", follow=True)
    assert "est terminé : les inscriptions sont closes" in response.content.decode()


def test_past_event_posting_a_registration_saves_nothing(client):
    event = make_event(start=datetime.date(2020, 10, 1))
    client.post(f"/evenements/{event.slug}/inscription/", {"name": "Ada", "email": "ada@example.org"})
    assert not Registration.objects.exists()


def test_personal_page_of_a_past_event_shows_no_live_seats(client):
    event = make_event(start=datetime.date(2020, 10, 1), mode="on_arrival")
    ada = register(event, at(datetime.date(2020, 9, 1)))
    html = client.get(ada.get_absolute_url()).content.decode()
    assert "Places restantes en direct" not in html


def test_upcoming_event_shows_its_deadline(client):
    event = make_event()
    html = client.get("/evenements/").content.decode()
    assert "Inscriptions ouvertes jusqu’au" in html and event.name in html
