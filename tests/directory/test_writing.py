"""The one write path for actors: every applied change (admin, import, service) is versioned and in history."""

import pytest
from django.core.exceptions import ValidationError

from maillage.contributions.models import Revision
from maillage.contributions.services import revert_actor
from maillage.directory import writing
from maillage.directory.fields import snapshot
from maillage.directory.importing import import_actors
from maillage.directory.models import Actor
from tests.contributions.factories import UserFactory
from tests.directory.factories import ActorFactory, TagFactory
from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return ActorFactory(name="Labo 63", slug="labo-63", commune=CommuneFactory(), website="https://labo63.fr/")


@pytest.fixture
def staff():
    return UserFactory(username="equipe", is_staff=True, is_superuser=True)


def admin_post_data(actor, **changes):
    """What the admin's change form posts for an actor, with some fields changed."""
    data = {
        "name": actor.name,
        "slug": actor.slug,
        "primary_type": actor.primary_type_id,
        "legal_status": actor.legal_status,
        "scope": actor.scope,
        "lifecycle": actor.lifecycle,
        "commune": actor.commune_id or "",
        "website": actor.website,
        "missions": actor.missions,
        "raw_record": "{}",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_update_bumps_the_version_and_records_a_revision_after_a_baseline(actor):
    write = writing.update_actor(actor, {"missions": "Innover."}, change=writing.Change(comment="test"))
    actor.refresh_from_db()
    assert actor.version == 2 and actor.missions == "Innover."
    kinds = list(Revision.objects.filter(actor=actor).order_by("version").values_list("version", "kind"))
    assert kinds == [(1, "baseline"), (2, "update")]
    assert write.changed == ["missions"]


def test_a_write_that_changes_nothing_keeps_the_version_and_records_nothing(actor):
    assert writing.update_actor(actor, {"name": "Labo 63"}, change=writing.Change()) is None
    actor.refresh_from_db()
    assert actor.version == 1
    assert not Revision.objects.filter(actor=actor).exists()


def test_create_records_a_creation_revision_with_m2m_values():
    tag = TagFactory(name="design", slug="design")
    write = writing.create_actor(
        {"name": "Nouveau lab", "primary_type": "lab", "tags": ["design"]}, change=writing.Change()
    )
    revision = Revision.objects.get(actor=write.instance)
    assert (revision.version, revision.kind, revision.snapshot["tags"]) == (1, "create", [tag.slug])


def test_values_breaking_the_model_rules_are_refused_and_nothing_is_written(actor):
    with pytest.raises(ValidationError):
        writing.update_actor(actor, {"founded_year": 2150}, change=writing.Change())
    actor.refresh_from_db()
    assert actor.version == 1 and actor.founded_year is None


def test_delete_keeps_the_last_snapshot_in_history(actor, staff):
    writing.delete_actor(actor, change=writing.Change(user=staff))
    revision = Revision.objects.get(kind="delete")
    assert revision.actor is None and revision.snapshot["name"] == "Labo 63" and revision.author == staff


def test_an_admin_edit_bumps_the_version_and_is_credited_to_the_admin(client, actor, staff):
    client.force_login(staff)
    response = client.post(
        f"/admin/directory/actor/{actor.pk}/change/", admin_post_data(actor, missions="Édité par l'équipe.")
    )
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.version == 2 and actor.missions == "Édité par l'équipe."
    revision = Revision.objects.get(actor=actor, version=2)
    assert revision.author == staff and revision.snapshot["missions"] == "Édité par l'équipe."


def test_an_admin_edit_of_tags_alone_is_a_new_version(client, actor, staff):
    tag = TagFactory(name="design", slug="design")
    client.force_login(staff)
    client.post(f"/admin/directory/actor/{actor.pk}/change/", admin_post_data(actor, tags=[tag.pk]))
    actor.refresh_from_db()
    assert actor.version == 2
    assert Revision.objects.get(actor=actor, version=2).snapshot["tags"] == ["design"]


def test_an_admin_delete_goes_through_the_write_path(client, actor, staff):
    client.force_login(staff)
    client.post(f"/admin/directory/actor/{actor.pk}/delete/", {"post": "yes"})
    assert not Actor.objects.filter(pk=actor.pk).exists()
    assert Revision.objects.filter(kind="delete", author=staff).count() == 1


def test_an_import_that_changes_an_actor_bumps_its_version_and_credits_the_user(actor, staff):
    data = "Identifiant;Type d'acteur;Organisation - Service;Missions\nlabo-63;1. Cellule;Labo 63;Importé.\n"
    report = import_actors(data.encode(), "acteurs.csv", dry_run=False, source="acteurs.csv", user=staff)
    assert report.applied
    actor.refresh_from_db()
    assert actor.version == 2 and actor.missions == "Importé."
    revision = Revision.objects.get(actor=actor, version=2)
    assert revision.author == staff and "acteurs.csv" in revision.comment


def test_an_import_that_creates_an_actor_records_its_creation():
    data = "Type d'acteur;Organisation - Service\n1. Cellule;Lab importé\n"
    import_actors(data.encode(), "acteurs.csv", dry_run=False)
    assert Revision.objects.get(actor__slug="lab-importe").kind == "create"


def test_a_dry_run_import_records_no_history(actor):
    data = "Identifiant;Type d'acteur;Organisation - Service;Missions\nlabo-63;1. Cellule;Labo 63;Importé.\n"
    import_actors(data.encode(), "acteurs.csv", dry_run=True)
    assert not Revision.objects.exists()


def test_a_revert_after_an_admin_edit_does_not_silently_undo_it(client, actor, staff):
    """The admin's edit is a version of its own: a revert past it shows it and can be undone."""
    writing.update_actor(actor, {"missions": "Spam"}, change=writing.Change(email="x@exemple.invalid"))
    actor.refresh_from_db()
    client.force_login(staff)
    client.post(f"/admin/directory/actor/{actor.pk}/change/", admin_post_data(actor, website="https://corrige.fr/"))
    actor.refresh_from_db()
    assert actor.version == 3

    revert = revert_actor(actor.pk, 1, staff)

    assert revert.version == 4
    admin_version = Revision.objects.get(actor=actor, version=3)
    assert admin_version.author == staff and admin_version.snapshot["website"] == "https://corrige.fr/"
    assert {"missions", "website"} <= set(writing.changed_fields(admin_version.snapshot, revert.snapshot))
    revert_actor(actor.pk, 3, staff)
    actor.refresh_from_db()
    assert actor.website == "https://corrige.fr/"


def test_a_change_proposed_before_an_admin_edit_is_in_conflict(client, actor, staff):
    from maillage.contributions.services import create_proposal

    proposal = create_proposal(
        kind="change_actor", email="c@exemple.invalid", actor=actor, payload={**snapshot(actor), "website": ""}
    )
    client.force_login(staff)
    client.post(f"/admin/directory/actor/{actor.pk}/change/", admin_post_data(actor, website="https://autre.fr/"))
    proposal.refresh_from_db()
    assert proposal.has_conflict


def test_the_history_recorder_is_required_by_a_system_check():
    from maillage.contributions.recording import record_actor_write

    assert writing.check_history_recorder() == []
    writing.actor_written.disconnect(sender=Actor, dispatch_uid="contributions.record_actor_write")
    try:
        errors = writing.check_history_recorder()
        assert [e.id for e in errors] == ["directory.E002"]
        assert "maillage.directory.writing.actor_written" in errors[0].msg
    finally:
        writing.actor_written.connect(record_actor_write, sender=Actor, dispatch_uid="contributions.record_actor_write")
