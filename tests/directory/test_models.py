"""Invariants of an organised actor, held by the database itself."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from maillage.directory.models import Actor, ActorType, Contact
from tests.directory.factories import ActorFactory, ContactFactory
from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def test_the_data_migration_seeds_the_seven_report_types():
    ActorType.objects.all().delete()
    importlib.import_module("maillage.directory.migrations.0002_seed_actor_types").seed(django_apps, None)
    assert list(ActorType.objects.values_list("code", flat=True)) == [
        "lab",
        "promotion",
        "intermediation",
        "training_research",
        "consultancy",
        "network",
        "other",
    ]


def test_slug_is_unique():
    ActorFactory(slug="archipel")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorFactory(slug="archipel")


def test_database_refuses_an_actor_as_its_own_parent():
    actor = ActorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.filter(pk=actor.pk).update(parent=actor)


def test_clean_refuses_a_parent_cycle():
    top = ActorFactory()
    child = ActorFactory(parent=top)
    top.parent = child
    with pytest.raises(ValidationError):
        top.full_clean()


@pytest.mark.parametrize(
    "field, value",
    [("legal_status", "royaume"), ("scope", "galactique"), ("lifecycle", "immortel")],
)
def test_database_refuses_values_outside_the_enums(field, value):
    actor = ActorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.filter(pk=actor.pk).update(**{field: value})


def test_database_refuses_end_before_start():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorFactory(founded_year=2020, ended_year=2018)


def test_department_and_region_are_derived_from_the_commune():
    actor = ActorFactory(commune=CommuneFactory())
    assert (actor.department.code, actor.region.code) == ("63", "84")


def test_search_text_ignores_accents_and_case():
    actor = ActorFactory(name="Cité du Design")
    assert "cite du design" in actor.search_text


def test_display_name_adds_the_parent_to_a_name_that_does_not_stand_alone():
    ville = ActorFactory(name="Ville de Clermont-Ferrand")
    lab = ActorFactory(name="Direction Innovation et Participation", parent=ville)
    assert lab.display_name == "Direction Innovation et Participation (Ville de Clermont-Ferrand)"


def test_contacts_are_published_only_with_consent_or_a_published_contact_file():
    actor = ActorFactory()
    consented = ContactFactory(actor=actor, publication_consent=True)
    from_file = ContactFactory(actor=actor, published_by_source=True)
    ContactFactory(actor=actor)
    assert set(Contact.objects.published()) == {consented, from_file}


def test_fiche_shows_a_contact_of_the_published_contact_file(client):
    actor = ActorFactory()
    ContactFactory(actor=actor, name="Élise Annexe", published_by_source=True)
    ContactFactory(actor=actor, name="Personne Citée")
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "Élise Annexe" in page and "Personne Citée" not in page
