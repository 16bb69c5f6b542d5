"""The one write path for relations: creation rules, versions and history."""

import pytest
from django.core.exceptions import ValidationError

from maillage.contributions.models import Revision
from maillage.network import writing
from maillage.network.models import Relation
from tests.contributions.factories import UserFactory
from tests.directory.factories import ActorFactory

from .factories import RelationFactory

pytestmark = pytest.mark.django_db

CHANGE = writing.Change(comment="test")


def test_an_undirected_relation_is_created_in_canonical_order_with_a_creation_revision():
    first, second = ActorFactory(), ActorFactory()
    write = writing.create_relation(second, first, "collaboration", motivations=["expertise"], change=CHANGE)
    relation = write.instance
    assert (relation.source, relation.target) == (first, second)
    revision = Revision.objects.get(relation=relation)
    assert revision.kind == "create" and revision.snapshot["motivations"] == ["expertise"]


def test_the_same_pair_and_kind_cannot_be_created_twice_in_either_order():
    first, second = ActorFactory(), ActorFactory()
    writing.create_relation(first, second, "information", change=CHANGE)
    with pytest.raises(ValidationError, match="existe déjà"):
        writing.create_relation(second, first, "information", change=CHANGE)


def test_a_period_out_of_order_is_refused():
    with pytest.raises(ValidationError):
        writing.create_relation(
            ActorFactory(), ActorFactory(), "service", start_year=2020, end_year=2010, change=CHANGE
        )
    assert not Relation.objects.exists()


def test_ending_a_relation_is_a_new_version_after_a_baseline():
    relation = RelationFactory(kind="service")
    writing.update_relation(relation, {"end_year": 2024}, change=CHANGE)
    relation.refresh_from_db()
    assert relation.version == 2 and relation.end_year == 2024
    assert list(Revision.objects.filter(relation=relation).order_by("version").values_list("kind", flat=True)) == [
        "baseline",
        "update",
    ]


def test_an_admin_edit_of_a_relation_is_versioned_and_credited(client):
    relation = RelationFactory(kind="service")
    staff = UserFactory(username="equipe", is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.post(
        f"/admin/network/relation/{relation.pk}/change/",
        {
            "source": relation.source_id,
            "target": relation.target_id,
            "kind": "service",
            "description": "Corrigée",
            "source_reference": relation.source_reference,
        },
    )
    assert response.status_code == 302
    relation.refresh_from_db()
    assert relation.version == 2
    assert Revision.objects.get(relation=relation, version=2).author == staff


def test_the_history_recorder_is_required_by_a_system_check():
    from maillage.contributions.recording import record_relation_write

    writing.relation_written.disconnect(sender=Relation, dispatch_uid="contributions.record_relation_write")
    try:
        assert [e.id for e in writing.check_history_recorder()] == ["network.E001"]
    finally:
        writing.relation_written.connect(
            record_relation_write, sender=Relation, dispatch_uid="contributions.record_relation_write"
        )


def test_relation_years_share_the_directory_range_in_the_database():
    from django.db import IntegrityError, transaction

    from maillage.directory.models import YEAR_MAX

    relation = RelationFactory(kind="service")
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.filter(pk=relation.pk).update(start_year=YEAR_MAX + 1)
