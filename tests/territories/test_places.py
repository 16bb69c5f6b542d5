"""Free-text places of imported files read onto the gazetteer, offline, homonyms settled by département."""

import pytest

from maillage.territories.places import read_locality, read_place
from tests.territories.factories import CommuneFactory, DepartmentFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gazetteer():
    aura = RegionFactory(code="84", name="Auvergne-Rhône-Alpes")
    hdf = RegionFactory(code="32", name="Hauts-de-France")
    puy = DepartmentFactory(code="63", name="Puy-de-Dôme", region=aura)
    oise = DepartmentFactory(code="60", name="Oise", region=hdf)
    rhone = DepartmentFactory(code="69", name="Rhône", region=aura)
    return {
        "clermont_ferrand": CommuneFactory(code="63113", name="Clermont-Ferrand", department=puy),
        "clermont_oise": CommuneFactory(code="60157", name="Clermont", department=oise, postal_codes="60600"),
        "riom": CommuneFactory(code="63300", name="Riom", department=puy, postal_codes="63200"),
        "lyon": CommuneFactory(code="69123", name="Lyon", department=rhone, postal_codes="69001 69002"),
        "puy": puy,
        "aura": aura,
    }


def test_a_lone_town_is_a_local_actor_in_that_commune(gazetteer):
    reading = read_place("Riom")
    assert (reading.commune, reading.level, reading.unknown) == (gazetteer["riom"], "local", [])


def test_the_department_of_scope_is_the_level_and_the_town_the_commune(gazetteer):
    reading = read_place("Dépt. Puy-de-Dôme, Clermont Ferrand")
    assert (reading.commune, reading.department, reading.level) == (
        gazetteer["clermont_ferrand"],
        gazetteer["puy"],
        "departmental",
    )


def test_not_indicated_scope_leaves_the_level_unset(gazetteer):
    reading = read_place("NI, Clermont Ferrand")
    assert (reading.commune, reading.level) == (gazetteer["clermont_ferrand"], None)


def test_region_abbreviation_gives_the_regional_level_and_the_last_town_the_commune(gazetteer):
    reading = read_place("ARA, Lyon, Clermont Ferrand...")
    assert (reading.commune, reading.region, reading.level) == (
        gazetteer["clermont_ferrand"],
        gazetteer["aura"],
        "regional",
    )


def test_homonym_is_settled_by_the_department_hint_with_a_note(gazetteer):
    reading = read_place("NI, Clermont", department_hint="63")
    assert reading.commune == gazetteer["clermont_ferrand"]
    assert "Clermont-Ferrand" in reading.notes[0]


def test_homonym_without_hint_is_the_commune_named_exactly(gazetteer):
    assert read_place("Clermont").commune == gazetteer["clermont_oise"]


def test_town_prefix_is_read(gazetteer):
    reading = read_place("Ville de Clermont-Ferrand")
    assert (reading.commune, reading.level) == (gazetteer["clermont_ferrand"], "local")


def test_intercommunal_territory_is_local_without_a_guessed_commune(gazetteer):
    reading = read_place("Clermont Auvergne Métropole,")
    assert (reading.commune, reading.level, reading.unknown) == (None, "local", [])


def test_an_unknown_town_is_reported(gazetteer):
    reading = read_place("NI, Trifouillis-les-Oies")
    assert (reading.commune, reading.unknown) == (None, ["Trifouillis-les-Oies"])


def test_locality_and_postal_code_find_the_commune(gazetteer):
    assert read_locality("Riom", "63200") == (gazetteer["riom"], [])


def test_postal_code_settles_a_homonymous_locality(gazetteer):
    assert read_locality("Clermont", "60600")[0] == gazetteer["clermont_oise"]


def test_locality_alone_uses_the_hint(gazetteer):
    commune, notes = read_locality("Clermont", "", department_hint="63")
    assert commune == gazetteer["clermont_ferrand"] and notes
