"""Domain logic: propose, confirm, decide, apply atomically, conflicts, revert, clean-up, freshness."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from maillage.contributions import services, tokens
from maillage.contributions.models import Ownership, Proposal, Revision
from maillage.contributions.snapshots import actor_snapshot
from maillage.directory.models import Actor
from tests.contributions.factories import OwnershipFactory, UserFactory
from tests.directory.factories import ActorFactory

pytestmark = pytest.mark.django_db


def change(actor, user=None, email="visiteur@exemple.invalid", **values):
    """A change proposal with the actor's current values plus `values`, confirmed."""
    actor.refresh_from_db()
    payload = {**actor_snapshot(actor), **values}
    proposal = services.create_proposal(kind="change_actor", user=user, email=email, actor=actor, payload=payload)
    if proposal.status == "unconfirmed":
        services.confirm_email(proposal.pk, proposal.email)
        proposal.refresh_from_db()
    return proposal


def test_anonymous_proposal_waits_for_email_confirmation(actor):
    proposal = services.create_proposal(
        kind="change_actor", email="a@exemple.invalid", actor=actor, payload={"name": "Labo 63 bis"}
    )
    assert proposal.status == "unconfirmed"
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/contributions/confirmer/" in line)
    token = link.strip().rstrip("/").rsplit("/", 1)[1]
    assert tokens.read_confirm_token(token) == (proposal.pk, "a@exemple.invalid")


def test_confirmation_queues_the_proposal_once(actor):
    proposal = services.create_proposal(
        kind="change_actor", email="a@exemple.invalid", actor=actor, payload={"name": "Labo 63 bis"}
    )
    _p, first = services.confirm_email(proposal.pk, "a@exemple.invalid")
    _p, second = services.confirm_email(proposal.pk, "a@exemple.invalid")
    proposal.refresh_from_db()
    assert (first, second, proposal.status) == (True, False, "pending")


def test_change_payload_keeps_only_changed_fields(actor):
    proposal = change(actor, name="Labo 63 bis")
    assert proposal.payload == {"name": "Labo 63 bis"}
    assert proposal.base_version == 1


def test_proposal_territory_is_the_actors(actor):
    proposal = change(actor, name="X")
    assert proposal.department_id == actor.department_id
    assert proposal.region_id == actor.region_id


def test_new_actor_territory_is_the_proposed_communes(bordeaux):
    proposal = services.create_proposal(
        kind="new_actor", email="a@exemple.invalid", payload={"name": "Lab Gironde", "commune": "33063"}
    )
    assert proposal.department_id == bordeaux.department_id


def test_accept_applies_bumps_version_and_records_history(actor, moderator):
    proposal = change(actor, name="Labo 63 renouvelé", website="https://labo63.example.org/")
    services.accept(proposal.pk, moderator)
    actor.refresh_from_db()
    assert (actor.name, actor.website, actor.version) == ("Labo 63 renouvelé", "https://labo63.example.org/", 2)
    revisions = list(Revision.objects.filter(actor=actor).order_by("version").values_list("version", "kind"))
    assert revisions == [(1, "baseline"), (2, "update")]
    assert Revision.objects.get(actor=actor, version=2).proposal_id == proposal.pk


def test_accept_notifies_the_contributor(actor, moderator, django_capture_on_commit_callbacks):
    proposal = change(actor, name="Labo 63 renouvelé")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(proposal.pk, moderator)
    assert mail.outbox[0].to == ["visiteur@exemple.invalid"]
    assert "Acceptée" in mail.outbox[0].subject


def test_reject_keeps_the_proposal_and_notifies(actor, moderator, django_capture_on_commit_callbacks):
    proposal = change(actor, name="Nom fantaisiste")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(proposal.pk, moderator, "Nom non vérifiable.")
    proposal.refresh_from_db()
    actor.refresh_from_db()
    assert (proposal.status, actor.name) == ("rejected", "Labo 63")
    assert "Nom non vérifiable." in mail.outbox[0].body


def test_second_decision_is_refused_with_a_message(actor, moderator):
    proposal = change(actor, name="Labo 63 bis")
    services.reject(proposal.pk, moderator, "Non.")
    with pytest.raises(services.AlreadyDecided, match="déjà été traitée"):
        services.accept(proposal.pk, moderator)
    actor.refresh_from_db()
    assert actor.name == "Labo 63"


def test_failure_mid_apply_leaves_nothing_half_applied(actor, moderator):
    proposal = change(actor, name="Labo 63 bis", missions="Nouvelles missions")
    with (
        mock.patch.object(Revision.objects, "create", side_effect=RuntimeError("disque plein")),
        pytest.raises(RuntimeError),
    ):
        services.accept(proposal.pk, moderator)
    actor.refresh_from_db()
    proposal.refresh_from_db()
    assert (actor.name, actor.missions, actor.version, proposal.status) == ("Labo 63", "", 1, "pending")
    assert not Revision.objects.filter(actor=actor).exists()


def test_invalid_values_are_refused_and_rolled_back(actor, moderator):
    proposal = change(actor, founded_year=2020, ended_year=2010)
    with pytest.raises(services.DecisionError):
        services.accept(proposal.pk, moderator)
    proposal.refresh_from_db()
    actor.refresh_from_db()
    assert (proposal.status, actor.ended_year) == ("pending", None)


def test_stale_version_is_a_conflict_that_needs_a_choice(actor, moderator):
    first = change(actor, name="Nom A")
    second = change(actor, name="Nom B")
    services.accept(first.pk, moderator)
    second.refresh_from_db()
    assert second.has_conflict
    with pytest.raises(services.ConflictUnresolved):
        services.accept(second.pk, moderator)
    actor.refresh_from_db()
    assert actor.name == "Nom A"


def test_conflict_resolved_per_field(actor, moderator):
    first = change(actor, name="Nom A")
    second = change(actor, name="Nom B", missions="Missions B")
    services.accept(first.pk, moderator)
    services.accept(second.pk, moderator, choices={"name": "current"})
    actor.refresh_from_db()
    assert (actor.name, actor.missions, actor.version) == ("Nom A", "Missions B", 3)


def test_non_conflicting_stale_fields_apply(actor, moderator):
    first = change(actor, name="Nom A")
    second = change(actor, missions="Missions B")
    services.accept(first.pk, moderator)
    services.accept(second.pk, moderator)
    actor.refresh_from_db()
    assert (actor.name, actor.missions) == ("Nom A", "Missions B")


def test_review_of_a_fiche_changed_meanwhile_is_refused(actor, moderator):
    proposal = change(actor, missions="M")
    other = change(actor, name="Autre nom")
    services.accept(other.pk, moderator)
    with pytest.raises(services.StaleReview):
        services.accept(proposal.pk, moderator, seen_version=1)


def test_request_changes_then_resubmit(actor, moderator):
    proposal = change(actor, name="Labo")
    services.request_changes(proposal.pk, moderator, "Précisez le nom complet.")
    proposal.refresh_from_db()
    services.resubmit(proposal, payload={**actor_snapshot(actor), "name": "Labo 63 du Puy-de-Dôme"})
    assert (proposal.status, proposal.payload) == ("pending", {"name": "Labo 63 du Puy-de-Dôme"})


def test_new_actor_is_created_with_a_first_revision(clermont, moderator):
    proposal = services.create_proposal(
        kind="new_actor",
        email="a@exemple.invalid",
        payload={
            "name": "Lab des Volcans",
            "primary_type": "lab",
            "commune": "63113",
            "legal_status": "association",
            "scope": "local",
            "lifecycle": "active",
            "tags": [],
            "secondary_types": ["network"],
        },
    )
    services.confirm_email(proposal.pk, "a@exemple.invalid")
    services.accept(proposal.pk, moderator)
    actor = Actor.objects.get(name="Lab des Volcans")
    assert (actor.slug, actor.commune_id, actor.version) == ("lab-des-volcans", clermont.pk, 1)
    assert list(actor.secondary_types.values_list("code", flat=True)) == ["network"]
    assert Revision.objects.get(actor=actor).kind == "create"


def test_report_gone_marks_actor_disappeared(actor, moderator):
    proposal = services.create_proposal(
        kind="report", user=UserFactory(), actor=actor, report_reason="gone", message="Fermé en 2024"
    )
    services.accept(proposal.pk, moderator)
    actor.refresh_from_db()
    assert (actor.lifecycle, actor.version) == ("disappeared", 2)


def test_owner_edit_applies_directly_and_stays_in_history(actor):
    owner = OwnershipFactory(actor=actor).user
    proposal = change(actor, user=owner, name="Labo 63 (propriétaire)")
    actor.refresh_from_db()
    assert (proposal.status, actor.name) == ("accepted", "Labo 63 (propriétaire)")
    assert Revision.objects.get(actor=actor, version=2).author == owner


def test_claim_granted_by_moderator(actor, moderator, contributor):
    proposal = services.create_proposal(kind="claim", user=contributor, email="c@ailleurs.invalid", actor=actor)
    services.confirm_email(proposal.pk, "c@ailleurs.invalid")
    assert not Ownership.objects.exists()
    services.accept(proposal.pk, moderator)
    assert Ownership.objects.get().user == contributor


def test_claim_granted_automatically_by_website_domain(actor, contributor, settings):
    settings.CONTRIBUTIONS_OWNER_AUTO_CLAIM_BY_DOMAIN = True
    proposal = services.create_proposal(kind="claim", user=contributor, email="lab@puy-de-dome.fr", actor=actor)
    services.confirm_email(proposal.pk, "lab@puy-de-dome.fr")
    ownership = Ownership.objects.get()
    assert (ownership.user, ownership.via) == (contributor, "domain")


def test_claim_with_another_domain_waits_for_moderation(actor, contributor, settings):
    settings.CONTRIBUTIONS_OWNER_AUTO_CLAIM_BY_DOMAIN = True
    proposal = services.create_proposal(kind="claim", user=contributor, email="lab@gmail.com", actor=actor)
    proposal, _ = services.confirm_email(proposal.pk, "lab@gmail.com")
    assert (proposal.status, Ownership.objects.count()) == ("pending", 0)


def test_auto_claim_is_off_by_default(actor, contributor):
    proposal = services.create_proposal(kind="claim", user=contributor, email="lab@puy-de-dome.fr", actor=actor)
    services.confirm_email(proposal.pk, "lab@puy-de-dome.fr")
    assert not Ownership.objects.exists()


@pytest.mark.parametrize(
    ("email", "website", "expected"),
    [
        ("a@clermont.fr", "https://www.clermont.fr/lab", True),
        ("a@clermont.fr", "https://innovation.clermont.fr/", True),
        ("a@clermont.fr", "https://clermont.fr.evil.example/", False),
        ("a@notclermont.fr", "https://clermont.fr/", False),
        ("a@clermont.fr", "", False),
    ],
)
def test_email_matches_website(email, website, expected):
    assert services.email_matches_website(email, website) is expected


def test_revert_to_an_earlier_version_is_a_new_revision(actor, moderator):
    services.accept(change(actor, name="Nom A").pk, moderator)
    services.accept(change(actor, name="Nom B", missions="M").pk, moderator)
    revision = services.revert_actor(actor.pk, 1, moderator)
    actor.refresh_from_db()
    assert (actor.name, actor.missions, actor.version) == ("Labo 63", "", 4)
    assert (revision.kind, revision.reverted_to) == ("revert", 1)
    assert Revision.objects.filter(actor=actor).count() == 4


def test_undo_all_changes_of_one_contributor(clermont, moderator):
    spammer = UserFactory(username="spammeur")
    honest = UserFactory(username="honnete")
    first = ActorFactory(name="Lab A", commune=clermont)
    second = ActorFactory(name="Lab B", commune=clermont)
    services.accept(change(first, user=honest, name="Lab A (corrigé)").pk, moderator)
    services.accept(change(first, user=spammer, name="ACHETEZ").pk, moderator)
    services.accept(change(first, user=spammer, missions="spam").pk, moderator)
    services.accept(change(second, user=spammer, website="https://spam.example/").pk, moderator)
    created = services.create_proposal(
        kind="new_actor",
        user=spammer,
        payload={
            "name": "Spam SARL",
            "primary_type": "other",
            "commune": "63113",
            "legal_status": "entreprise",
            "scope": "local",
            "lifecycle": "active",
        },
    )
    services.accept(created.pk, moderator)
    pending = change(second, user=spammer, name="Encore du spam")

    summary = services.undo_contributor(moderator, user=spammer)

    first.refresh_from_db()
    second.refresh_from_db()
    pending.refresh_from_db()
    assert (first.name, first.missions) == ("Lab A (corrigé)", "")
    assert second.website == ""
    assert not Actor.objects.filter(name="Spam SARL").exists()
    assert pending.status == "rejected"
    assert (len(summary["reverted"]), len(summary["deleted"]), summary["rejected"]) == (2, 1, 1)
    assert Revision.objects.filter(actor=first, kind="revert").count() == 1


def test_undo_by_a_moderator_of_another_territory_changes_nothing(actor, moderator, other_moderator):
    spammer = UserFactory(username="spammeur")
    services.accept(change(actor, user=spammer, name="ACHETEZ").pk, moderator)
    services.undo_contributor(other_moderator, user=spammer)
    actor.refresh_from_db()
    assert actor.name == "ACHETEZ"


def test_undo_by_a_moderator_of_another_territory_leaves_unconfirmed_proposals_alone(actor, other_moderator):
    unconfirmed = services.create_proposal(
        kind="change_actor",
        email="spam@exemple.invalid",
        actor=actor,
        payload={**actor_snapshot(actor), "name": "SPAM"},
    )
    assert unconfirmed.status == "unconfirmed"
    summary = services.undo_contributor(other_moderator, email="spam@exemple.invalid")
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == "unconfirmed"
    assert summary["rejected"] == 0


def test_freshness_flag_uses_last_confirmation(actor, settings):
    settings.CONTRIBUTIONS_FRESHNESS_MONTHS = 12
    now = timezone.now()
    Actor.objects.filter(pk=actor.pk).update(updated_at=now - datetime.timedelta(days=400))
    actor.refresh_from_db()
    assert services.is_stale(actor)
    services.confirm_freshness(actor.pk)
    actor.refresh_from_db()
    assert not services.is_stale(actor)


def test_send_freshness_reminders_emails_owners_a_working_link(actor, client):
    OwnershipFactory(actor=actor, email="responsable@puy-de-dome.fr")
    fresh = ActorFactory(name="Fiche récente")
    OwnershipFactory(actor=fresh)
    Actor.objects.filter(pk=actor.pk).update(updated_at=timezone.now() - datetime.timedelta(days=400))
    call_command("send_freshness_reminders", base_url="http://testserver")
    assert [m.to for m in mail.outbox] == [["responsable@puy-de-dome.fr"]]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/a-jour/" in line).strip()
    response = client.get(link.removeprefix("http://testserver"))
    actor.refresh_from_db()
    assert response.status_code == 200
    assert actor.last_confirmed_at is not None


def test_proposals_are_never_deleted_by_decisions(actor, moderator):
    proposals = [change(actor, name=f"Nom {i}") for i in range(3)]
    services.reject(proposals[0].pk, moderator, "Non")
    services.accept(proposals[1].pk, moderator)
    assert Proposal.objects.count() == 3


def test_reminder_subject_stays_one_line_whatever_the_name(actor):
    from maillage.contributions import notifications

    Actor.objects.filter(pk=actor.pk).update(name="Labo\nBcc: victime@exemple.invalid")
    actor.refresh_from_db()
    notifications.send_freshness_reminder(actor, "responsable@exemple.invalid")
    assert "\n" not in mail.outbox[0].subject
    assert mail.outbox[0].to == ["responsable@exemple.invalid"]


def test_owner_edit_that_cannot_apply_stays_in_the_queue(actor):
    owner = OwnershipFactory(actor=actor).user
    proposal = change(actor, user=owner, founded_year=2010, ended_year=2000)
    actor.refresh_from_db()
    assert (proposal.status, actor.version) == ("pending", 1)
