"""The campaign dashboard: a fixed number of queries whatever the roster, long lists page by page,
disputes still to settle first, and the revoke button of a row."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maillage.network.models import RelationStatus
from maillage.surveys import dashboard, invitations
from maillage.surveys.models import EmailKind, InvitationEmail, Outcome, OutcomeState, Response, ResponseStatus
from tests.directory.factories import ActorFactory, ContactFactory
from tests.territories.factories import CommuneFactory, DepartmentFactory

from .conftest import make_campaign

pytestmark = pytest.mark.django_db

TYPES = [{}, {"promotion": True}, {"network": True}, {"intermediation": True}]
STATUSES = [RelationStatus.CONFIRMED, RelationStatus.DECLARED, RelationStatus.DISPUTED]


def surveyed_campaign(staff, code, size):
    """A campaign over `size` actors of one département, in its second wave, with every kind of row the
    dashboard lists: contacts with and without a basis, e-mails and reminders, drafts and submitted
    answers, outcomes of each status (some disputes settled) in both waves."""
    department = DepartmentFactory(code=code, name=f"Département {code}")
    commune = CommuneFactory(code=f"{code}001", name=f"Commune {code}", department=department)
    actors = [ActorFactory(name=f"Acteur {code}-{i:03}", commune=commune, **TYPES[i % len(TYPES)]) for i in range(size)]
    for i, actor in enumerate(actors):
        if i % 3:
            ContactFactory(actor=actor, email=f"contact{i}@{code}.example", publication_consent=True)
    campaign = make_campaign(staff, filter_query=f"departement={code}")
    first = invitations.open_wave(campaign)
    outcomes(first, actors)
    invitations.close_wave(first)
    wave = invitations.open_wave(campaign)
    for i, invitation in enumerate(wave.invitations.exclude(email="").order_by("pk")):
        InvitationEmail.objects.create(invitation=invitation, kind=EmailKind.INVITATION)
        if i % 2:
            InvitationEmail.objects.create(invitation=invitation, kind=EmailKind.REMINDER, number=1)
        if i % 4 == 1:
            Response.objects.create(invitation=invitation, status=ResponseStatus.SUBMITTED, submitted_at=timezone.now())
        elif i % 4 == 2:
            Response.objects.create(invitation=invitation)
    outcomes(wave, actors[1:])
    return campaign


def outcomes(wave, actors):
    for i, (source, target) in enumerate(itertools.pairwise(actors)):
        status = STATUSES[i % len(STATUSES)]
        Outcome.objects.create(
            wave=wave,
            source=source,
            target=target,
            kind="collaboration",
            status=status,
            declared_by=source,
            state=OutcomeState.SETTLED if status == RelationStatus.DISPUTED and i % 2 else OutcomeState.PENDING,
        )


def dashboard_queries(client, campaign):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/enquetes/{campaign.pk}/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_dashboard_runs_the_same_queries_for_10_actors_as_for_50(client, eco):
    client.force_login(eco.staff)
    small, small_page = dashboard_queries(client, surveyed_campaign(eco.staff, "15", 10))
    large, large_page = dashboard_queries(client, surveyed_campaign(eco.staff, "43", 50))
    # Both pages list rows (non-respondents, disputes, reminders), so a query per row would show.
    assert large_page.count("relance 1") > small_page.count("relance 1") > 0
    assert large_page.count("/litiges/") > small_page.count("/litiges/") > 0
    assert small == large != 0


def test_non_respondents_are_paged_on_the_dashboard(client, eco, monkeypatch):
    monkeypatch.setattr(dashboard, "NON_RESPONDENTS_PAGE", 5)
    campaign = surveyed_campaign(eco.staff, "15", 12)
    client.force_login(eco.staff)
    first = client.get(f"/enquetes/{campaign.pk}/").content.decode()
    second = client.get(f"/enquetes/{campaign.pk}/?page=2").content.decode()
    assert "Page 1 sur 2" in first and "Page 2 sur 2" in second
    assert first.count("Révoquer<span") == 5


def test_disputes_still_to_settle_come_before_settled_ones(eco):
    campaign = surveyed_campaign(eco.staff, "15", 14)
    wave = campaign.waves.get(number=2)
    states = [o.state for o in dashboard.disputes(wave)]
    assert OutcomeState.SETTLED in states and OutcomeState.PENDING in states
    assert states == sorted(states, key=lambda state: state == OutcomeState.SETTLED)


def test_disputes_are_listed_page_by_page(eco):
    wave = surveyed_campaign(eco.staff, "15", 20).waves.get(number=2)
    first, second = dashboard.disputes(wave, 1, per_page=3), dashboard.disputes(wave, 2, per_page=3)
    assert len(first) == 3 and second
    assert {o.pk for o in first}.isdisjoint({o.pk for o in second})


def test_relations_gained_lost_and_kept_are_counted_between_waves(eco):
    wave = surveyed_campaign(eco.staff, "15", 10).waves.get(number=2)
    before, now = positive(wave.previous()), positive(wave)
    assert dashboard.gained_and_lost(wave) == {
        "gained": len(now - before),
        "lost": len(before - now),
        "kept": len(now & before),
    }


def positive(wave):
    keys = wave.outcomes.filter(status__in=dashboard.POSITIVE_STATUSES).values_list("source_id", "target_id", "kind")
    return set(keys)


def test_the_revoke_button_of_a_row_revokes_that_link_only(client, eco, wave):
    client.force_login(eco.staff)
    ville = wave.invitations.get(actor=eco.ville)
    response = client.post(f"/enquetes/{wave.campaign.pk}/action/", {"revoke": str(ville.pk)})
    assert response.status_code == 302
    assert list(wave.invitations.filter(revoked_at__isnull=False)) == [ville]


def test_a_forged_revoke_value_is_not_found(client, eco, wave):
    client.force_login(eco.staff)
    assert client.post(f"/enquetes/{wave.campaign.pk}/action/", {"revoke": "abc"}).status_code == 404
    assert not wave.invitations.filter(revoked_at__isnull=False).exists()


DASHBOARD_MAX_QUERIES = 12  # measured when the guard was written (session and user included)


def test_the_dashboard_stays_within_its_query_budget(client, eco, django_assert_max_num_queries):
    campaign = surveyed_campaign(eco.staff, "15", 12)
    client.force_login(eco.staff)
    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES):
        client.get(f"/enquetes/{campaign.pk}/")
