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
        "clermont_ferrand": CommuneFactory(code="63113", name="Clermont-Ferrand", department=puy, population=146351),
        "clermont_oise": CommuneFactory(
            code="60157", name="Clermont", department=oise, postal_codes="60600", population=10564
        ),
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


@pytest.fixture
def saint_denis(gazetteer):
    """The four communes named exactly Saint-Denis, a Puy-de-Dôme village starting so, four Clermont."""
    idf = RegionFactory(code="11", name="Île-de-France")
    occitanie = RegionFactory(code="76", name="Occitanie")
    reunion = RegionFactory(code="04", name="La Réunion")
    seine_saint_denis = DepartmentFactory(code="93", name="Seine-Saint-Denis", region=idf)
    aude = DepartmentFactory(code="11", name="Aude", region=occitanie)
    gard = DepartmentFactory(code="30", name="Gard", region=occitanie)
    landes = DepartmentFactory(code="40", name="Landes", region=RegionFactory(code="75", name="Nouvelle-Aquitaine"))
    return {
        "93": CommuneFactory(code="93066", name="Saint-Denis", department=seine_saint_denis, population=149077),
        "974": CommuneFactory(
            code="97411",
            name="Saint-Denis",
            department=DepartmentFactory(code="974", name="La Réunion", region=reunion),
            population=155634,
        ),
        "11": CommuneFactory(code="11339", name="Saint-Denis", department=aude, population=523),
        "30": CommuneFactory(code="30247", name="Saint-Denis", department=gard, population=296),
        "combarnazat": CommuneFactory(
            code="63333", name="Saint-Denis-Combarnazat", department=gazetteer["puy"], population=248
        ),
        "clermont_landes": CommuneFactory(code="40084", name="Clermont", department=landes, population=736),
    }


def test_saint_denis_in_a_puy_de_dome_context_is_not_the_village_starting_so(gazetteer, saint_denis):
    reading = read_place("Saint-Denis", department_hint="63")
    assert reading.commune != saint_denis["combarnazat"]


def test_saint_denis_in_a_puy_de_dome_context_is_a_note_naming_the_homonyms(gazetteer, saint_denis):
    reading = read_place("Saint-Denis", department_hint="63")
    assert reading.commune is None
    assert "Saint-Denis (93)" in reading.notes[0] and "Saint-Denis (974)" in reading.notes[0]


def test_clermont_in_a_puy_de_dome_context_is_clermont_ferrand_despite_other_clermont(gazetteer, saint_denis):
    reading = read_place("NI, Clermont", department_hint="63")
    assert reading.commune == gazetteer["clermont_ferrand"]


def test_saint_denis_with_the_seine_saint_denis_hint_is_that_saint_denis(gazetteer, saint_denis):
    assert read_place("Saint-Denis", department_hint="93").commune == saint_denis["93"]


def test_saint_denis_after_the_seine_saint_denis_of_scope_is_that_saint_denis(gazetteer, saint_denis):
    assert read_place("Dépt. Seine-Saint-Denis, Saint-Denis", department_hint="63").commune == saint_denis["93"]


@pytest.mark.parametrize("spelling", ["Saint Denis", "ST-DENIS", "saint-dénis"])
def test_spelling_variants_of_saint_denis_are_read_alike(gazetteer, saint_denis, spelling):
    assert read_place(spelling, department_hint="93").commune == saint_denis["93"]
    assert read_place(spelling, department_hint="63").commune is None


def test_clermont_ferrand_without_its_hyphen_in_a_puy_de_dome_context(gazetteer, saint_denis):
    assert read_place("clermont ferrand", department_hint="63").commune == gazetteer["clermont_ferrand"]


def test_a_lone_commune_named_exactly_wins_over_a_smaller_one_starting_so_and_says_which(gazetteer):
    seine_saint_denis = DepartmentFactory(code="93", name="Seine-Saint-Denis", region=RegionFactory(code="11"))
    saint_denis = CommuneFactory(code="93066", name="Saint-Denis", department=seine_saint_denis, population=149077)
    CommuneFactory(code="63333", name="Saint-Denis-Combarnazat", department=gazetteer["puy"], population=248)
    reading = read_place("Saint-Denis", department_hint="63")
    assert reading.commune == saint_denis
    assert "Saint-Denis-Combarnazat" in reading.notes[0]
