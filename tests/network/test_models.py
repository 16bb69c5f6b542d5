"""Relation invariants, enforced by the database (not only by forms)."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from maillage.network.models import Motivation, MotivationCode, Relation
from tests.directory.factories import ActorFactory

from .factories import RelationFactory

pytestmark = pytest.mark.django_db


def _insert(**fields):
    """Insert bypassing save() (which canonicalises), to prove the database itself refuses."""
    with transaction.atomic():
        Relation.objects.bulk_create([Relation(**fields)])


def test_the_data_migration_seeds_the_seven_motivations_of_the_report():
    Motivation.objects.all().delete()
    importlib.import_module("maillage.network.migrations.0002_seed_motivations").seed(django_apps, None)
    assert set(Motivation.objects.values_list("code", flat=True)) == set(MotivationCode.values)


def test_self_relation_is_refused_by_the_database():
    actor = ActorFactory()
    with pytest.raises(IntegrityError):
        _insert(source=actor, target=actor, kind="service")


def test_exact_duplicate_is_refused():
    relation = RelationFactory(kind="service")
    with pytest.raises(IntegrityError):
        _insert(source=relation.source, target=relation.target, kind="service")


def test_same_pair_with_another_kind_is_allowed():
    relation = RelationFactory(kind="service")
    RelationFactory(source=relation.source, target=relation.target, kind="funding")
    assert Relation.objects.count() == 2


def test_directed_kind_allows_both_directions():
    a, b = ActorFactory(), ActorFactory()
    RelationFactory(source=a, target=b, kind="service")
    RelationFactory(source=b, target=a, kind="service")
    assert Relation.objects.filter(kind="service").count() == 2


def test_undirected_pair_is_stored_in_canonical_order():
    a, b = ActorFactory(), ActorFactory()
    relation = RelationFactory(source=b, target=a, kind="collaboration")
    relation.refresh_from_db()
    assert (relation.source_id, relation.target_id) == (min(a.pk, b.pk), max(a.pk, b.pk))


def test_database_refuses_undirected_pair_in_reverse_order():
    a, b = sorted([ActorFactory(), ActorFactory()], key=lambda actor: actor.pk)
    with pytest.raises(IntegrityError):
        _insert(source=b, target=a, kind="information")


def test_undirected_relation_cannot_be_recorded_twice_from_either_end():
    a, b = ActorFactory(), ActorFactory()
    RelationFactory(source=a, target=b, kind="information")
    with pytest.raises(IntegrityError), transaction.atomic():
        RelationFactory(source=b, target=a, kind="information")


def test_period_end_before_start_is_refused():
    a, b = ActorFactory(), ActorFactory()
    with pytest.raises(IntegrityError):
        _insert(source=a, target=b, kind="funding", start_year=2021, end_year=2019)


def test_unknown_kind_is_refused():
    a, b = ActorFactory(), ActorFactory()
    with pytest.raises(IntegrityError):
        _insert(source=a, target=b, kind="friendship")


def test_unknown_motivation_cannot_be_attached():
    relation = RelationFactory()
    # Foreign keys are checked at commit on both backends: ask for the check now.
    with pytest.raises(IntegrityError), transaction.atomic():
        relation.motivations.through.objects.create(relation=relation, motivation_id="gossip")
        connection.check_constraints()


def test_clean_reports_self_relation_in_french():
    actor = ActorFactory()
    with pytest.raises(ValidationError, match="lui-même"):
        Relation(source=actor, target=actor, kind="service").full_clean()


def test_new_relation_starts_at_version_one_with_timestamps():
    relation = RelationFactory()
    assert relation.version == 1
    assert relation.created_at is not None and relation.updated_at is not None
