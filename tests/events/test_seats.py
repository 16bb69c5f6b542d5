"""The one seat rule of workshops, shared by the on-arrival sign-up and the organiser's pin."""

import pytest

from maillage.events import services
from maillage.events.models import Assignment, Workshop

from .factories import make_event, make_organiser

pytestmark = pytest.mark.django_db


def register(event, name):
    return services.register(
        event,
        name=name,
        email=f"{name.lower()}@example.org",
        organisation="",
        days=list(event.days.all()),
        theme_ranking=list(event.themes.all()),
    )


def workshop(event, theme_number, session_number=1):
    return Workshop.objects.get(session__event=event, theme__number=theme_number, session__number=session_number)


def test_a_pin_takes_a_seat():
    event = make_event(themes=2, capacity=2)
    services.pin(register(event, "Ada"), workshop(event, 1))
    assert workshop(event, 1).seats_taken == 1
    assert Assignment.objects.get().pinned


def test_a_pin_on_a_full_workshop_is_refused_and_changes_nothing():
    event = make_event(themes=2, capacity=1)
    services.sign_up(register(event, "Ada"), workshop(event, 1).pk)
    bob = register(event, "Bob")
    services.sign_up(bob, workshop(event, 2).pk)
    with pytest.raises(services.SignupError, match="complet"):
        services.pin(bob, workshop(event, 1))
    assert bob.assignments.get().workshop == workshop(event, 2)
    assert (workshop(event, 1).seats_taken, workshop(event, 2).seats_taken) == (1, 1)


def test_a_pin_gives_back_the_seat_it_replaces_in_the_session_and_the_theme():
    event = make_event(themes=2, sessions_per_day=(2,), capacity=3)
    ada = register(event, "Ada")
    services.sign_up(ada, workshop(event, 1, session_number=1).pk)
    services.sign_up(ada, workshop(event, 2, session_number=2).pk)
    services.pin(ada, workshop(event, 2, session_number=1))
    assert list(ada.assignments.values_list("workshop", flat=True)) == [workshop(event, 2, session_number=1).pk]
    counts = {
        (w.session.number, w.theme.number): w.seats_taken for w in Workshop.objects.select_related("session", "theme")
    }
    assert counts == {(1, 1): 0, (1, 2): 1, (2, 1): 0, (2, 2): 0}


def test_pinning_the_workshop_one_already_has_keeps_its_seat_count():
    event = make_event(themes=2, capacity=1)
    ada = register(event, "Ada")
    services.sign_up(ada, workshop(event, 1).pk)
    services.pin(ada, workshop(event, 1))
    assert workshop(event, 1).seats_taken == 1 and ada.assignments.get().pinned


def test_the_pin_view_refuses_a_full_workshop_with_a_message(client):
    event = make_event(themes=2, capacity=1)
    services.sign_up(register(event, "Ada"), workshop(event, 1).pk)
    bob = register(event, "Bob")
    client.force_login(make_organiser(event))
    response = client.post(
        f"/evenements/{event.slug}/organisation/imposer/",
        {"registration": bob.pk, "workshop": workshop(event, 1).pk},
        follow=True,
    )
    assert "Cet atelier est complet." in response.content.decode()
    assert not bob.assignments.exists() and workshop(event, 1).seats_taken == 1


def test_a_second_sign_up_to_the_same_theme_is_refused():
    event = make_event(themes=2, sessions_per_day=(2,), capacity=3)
    ada = register(event, "Ada")
    services.sign_up(ada, workshop(event, 1, session_number=1).pk)
    with pytest.raises(services.SignupError, match="déjà ce thème"):
        services.sign_up(ada, workshop(event, 1, session_number=2).pk)
    assert workshop(event, 1, session_number=2).seats_taken == 0
