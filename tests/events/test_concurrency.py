"""Many simultaneous on-arrival sign-ups for the last seats never exceed a room's capacity (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from maillage.events import services
from maillage.events.models import Assignment, Workshop

from .factories import make_event

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent transactions (PostgreSQL)")


def test_concurrent_sign_ups_for_the_last_seats_never_overbook():
    event = make_event(themes=1, capacity=5, mode="on_arrival")
    workshop = Workshop.objects.get(session__event=event)
    registrations = [
        services.register(
            event,
            name=f"P{i}",
            email=f"p{i}@example.org",
            organisation="",
            days=list(event.days.all()),
            theme_ranking=list(event.themes.all()),
        )
        for i in range(24)
    ]
    Workshop.objects.filter(pk=workshop.pk).update(seats_taken=2)  # 3 seats left
    barrier = threading.Barrier(len(registrations))
    outcomes = []
    lock = threading.Lock()

    def attempt(registration):
        try:
            barrier.wait()
            services.sign_up(registration, workshop.pk)
            result = "ok"
        except services.SignupError:
            result = "full"
        except Exception as exc:  # noqa: BLE001 - reported in the assertion below
            result = repr(exc)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(r,)) for r in registrations]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    workshop.refresh_from_db()
    assert sorted(set(outcomes)) == ["full", "ok"]
    assert outcomes.count("ok") == 3
    assert workshop.seats_taken == workshop.capacity == 5
    assert Assignment.objects.filter(workshop=workshop).count() == 3
