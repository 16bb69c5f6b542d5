"""Retention: dry run by default, deletes with --apply, durations from settings, idempotent."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from maillage.contributions.models import Proposal
from maillage.events import services as event_services
from maillage.events.models import Day, Registration
from maillage.privacy import retention
from tests.contributions.factories import ProposalFactory, UserFactory
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def aged(model, obj, field, days):
    model.objects.filter(pk=obj.pk).update(**{field: NOW - datetime.timedelta(days=days)})


def unconfirmed_proposal(days_old):
    proposal = ProposalFactory(status="unconfirmed")
    aged(Proposal, proposal, "created_at", days_old)
    return proposal


def registration_at(event_day):
    """A registration to a one-day event on `event_day` (registered while it was upcoming)."""
    event = make_event(themes=2)
    registration = event_services.register(
        event,
        name="Ada",
        email=f"ada.{event_day:%Y%m%d}@exemple.invalid",
        organisation="",
        days=list(event.days.all()),
        theme_ranking=list(event.themes.all()),
    )
    Day.objects.filter(event=event).update(date=event_day)
    return registration


def run(*args):
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_an_unconfirmed_proposal_goes_after_the_set_duration(settings):
    settings.RETENTION_UNCONFIRMED_PROPOSAL_DAYS = 10
    old, recent = unconfirmed_proposal(11), unconfirmed_proposal(9)
    run("--apply")
    assert list(Proposal.objects.all()) == [recent]
    assert not Proposal.objects.filter(pk=old.pk).exists()


def test_a_confirmed_proposal_stays_whatever_its_age(settings):
    settings.RETENTION_UNCONFIRMED_PROPOSAL_DAYS = 10
    pending = ProposalFactory(status="pending")
    aged(Proposal, pending, "created_at", 400)
    run("--apply")
    assert Proposal.objects.filter(pk=pending.pk).exists()


def test_a_never_activated_account_goes_but_an_active_one_stays(settings):
    settings.RETENTION_INACTIVE_ACCOUNT_DAYS = 5
    User = get_user_model()
    inactive = UserFactory(username="jamais", is_active=False)
    active = UserFactory(username="active")
    for user in (inactive, active):
        aged(User, user, "date_joined", 6)
    run("--apply")
    assert list(User.objects.values_list("username", flat=True)) == ["active"]


def test_a_deactivated_account_that_was_used_stays(settings):
    settings.RETENTION_INACTIVE_ACCOUNT_DAYS = 5
    User = get_user_model()
    used = UserFactory(username="ancienne", is_active=False, last_login=NOW - datetime.timedelta(days=100))
    aged(User, used, "date_joined", 200)
    run("--apply")
    assert User.objects.filter(pk=used.pk).exists()


def test_registrations_go_the_set_number_of_days_after_the_event(settings):
    settings.RETENTION_REGISTRATION_DAYS_AFTER_EVENT = 30
    today = timezone.localdate()
    gone = registration_at(today - datetime.timedelta(days=31))
    kept_past = registration_at(today - datetime.timedelta(days=29))
    upcoming = registration_at(today + datetime.timedelta(days=10))
    run("--apply")
    assert set(Registration.objects.all()) == {kept_past, upcoming}
    assert not Registration.objects.filter(pk=gone.pk).exists()


def test_the_default_is_a_dry_run_that_counts(settings):
    settings.RETENTION_UNCONFIRMED_PROPOSAL_DAYS = 10
    unconfirmed_proposal(11)
    output = run()
    assert "unconfirmed_proposals: 1 due (dry run" in output
    assert Proposal.objects.count() == 1


def test_a_second_run_finds_nothing_more(settings):
    settings.RETENTION_UNCONFIRMED_PROPOSAL_DAYS = 10
    unconfirmed_proposal(11)
    assert retention.apply(dry_run=False)["unconfirmed_proposals"] == 1
    assert set(retention.apply(dry_run=False).values()) == {0}
