"""The one data version: bumped by database triggers on every registered table, any write path."""

import pytest
from django.db import connection

from maillage.core import dataversion
from maillage.directory.models import Actor
from tests.directory.factories import ActorFactory, TagFactory
from tests.network.factories import RelationFactory

pytestmark = pytest.mark.django_db


def test_the_version_is_stable_without_writes():
    assert dataversion.read() == dataversion.read()


def test_an_actor_written_through_the_orm_bumps_it():
    before = dataversion.read()
    ActorFactory()
    assert dataversion.read() != before


def test_a_bulk_update_that_skips_save_bumps_it():
    ActorFactory()
    before = dataversion.read()
    Actor.objects.update(missions="Autre chose")
    assert dataversion.read() != before


def test_raw_sql_on_a_registered_table_bumps_it():
    RelationFactory()
    before = dataversion.read()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM network_relation")
    assert dataversion.read() != before


def test_writes_to_tables_of_several_apps_each_bump_it():
    versions = [dataversion.read()]
    actor = ActorFactory()
    versions.append(dataversion.read())
    actor.tags.add(TagFactory())
    versions.append(dataversion.read())
    RelationFactory(source=actor)
    versions.append(dataversion.read())
    assert len(set(versions)) == 4


def test_every_registered_table_has_its_trigger():
    assert dataversion.missing() == []
    assert {"directory_actor", "network_relation", "territories_commune", "cartography_mappoint"} <= set(
        dataversion.VERSIONED
    )


def test_a_missing_trigger_fails_the_system_check():
    name = next(iter(dataversion._trigger_names(connection.vendor)))
    table = dataversion._trigger_names(connection.vendor)[name][0]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {name}" + (f" ON {table}" if connection.vendor == "postgresql" else ""))
    try:
        errors = dataversion.check_data_version(databases=["default"])
    finally:
        dataversion.install()
    assert [error.id for error in errors] == ["core.E110"]
    assert dataversion.missing() == []


def test_cache_keys_name_the_database_and_the_version():
    key = dataversion.cache_key("page", "x")
    ActorFactory()
    assert dataversion.cache_key("page", "x") != key
    assert key.startswith("page:") and key.endswith(":x")
