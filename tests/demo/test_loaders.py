"""Demo loaders restore the reference data they depend on instead of dropping rows."""

import io

import pytest
import yaml

from maillage.demo.loaders import actors, relations
from maillage.directory.models import Actor, ActorType
from maillage.network.models import Motivation, Relation

pytestmark = pytest.mark.django_db

ENTRY = {
    "slug": "archipel",
    "name": "Archipel",
    "primary_type": "lab",
    "legal_status": "etat_deconcentre",
    "scope": "regional",
    "lifecycle": "active",
    "sources": [{"section": "2.2.1", "note": "Exemple de cellule publique d'innovation"}],
}


def test_actors_load_even_when_the_seeded_types_are_gone(tmp_path):
    ActorType.objects.all().delete()
    path = tmp_path / "actors.yaml"
    path.write_text(yaml.safe_dump([ENTRY], allow_unicode=True), encoding="utf-8")
    actors.load(io.StringIO(), path=path)
    assert Actor.objects.get(slug="archipel").primary_type_id == "lab"


def test_relations_load_even_when_the_seeded_motivations_are_gone():
    Motivation.objects.all().delete()
    actors.load(io.StringIO())
    relations.load(io.StringIO())
    assert Relation.objects.filter(motivations__isnull=False).exists()
