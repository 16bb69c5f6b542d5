"""Factories for a small event: one day, one session, workshops in rooms."""

import datetime

import factory
from django.utils import timezone

from maillage.events.models import Day, Event, EventOrganiser, Room, Session, Theme, TimeSlot, Venue, Workshop
from tests.contributions.factories import UserFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"Rencontres {n}")
    slug = factory.Sequence(lambda n: f"rencontres-{n}")
    acronym = factory.Sequence(lambda n: f"rencontres-{n}")
    min_choices = 2


class DayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Day

    event = factory.SubFactory(EventFactory)
    date = factory.Sequence(lambda n: datetime.date(2025, 10, 1) + datetime.timedelta(days=n))


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Lieu {n}")


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Salle {n}")
    capacity = 10


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    event = factory.SubFactory(EventFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Thème {n}")


def upcoming_date():
    """A first day safely ahead, so the event takes registrations whenever the suite runs."""
    return timezone.localdate() + datetime.timedelta(days=60)


def make_event(themes=3, sessions_per_day=(1,), capacity=10, mode="preallocation", start=None):
    """An event with `themes` themes offered in every session, one room per theme, from `start` (default: upcoming)."""
    start = start or upcoming_date()
    event = EventFactory(registration_mode=mode)
    venue = VenueFactory(event=event)
    rooms = [RoomFactory(venue=venue, capacity=capacity) for _ in range(themes)]
    theme_list = [ThemeFactory(event=event, number=i + 1) for i in range(themes)]
    number = 0
    for day_index, count in enumerate(sessions_per_day):
        day = DayFactory(event=event, date=start + datetime.timedelta(days=day_index))
        for k in range(count):
            number += 1
            slot = TimeSlot.objects.create(
                day=day,
                kind="workshops",
                title=f"Session {number}",
                start=datetime.time(9 + 2 * k),
                end=datetime.time(10 + 2 * k),
            )
            session = Session.objects.create(event=event, slot=slot, number=number)
            for theme, room in zip(theme_list, rooms, strict=True):
                Workshop.objects.create(theme=theme, session=session, room=room, capacity=capacity)
    return event


def make_organiser(event, username="orga", **fields):
    """An account that organises `event` (and only it); password "mot-de-passe-solide-42"."""
    user = UserFactory(username=username, **fields)
    EventOrganiser.objects.create(event=event, user=user)
    return user
