"""ActorFilters: the one query string of the list, the map and the network."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from maillage.directory.filtering import ActorFilters

pytestmark = pytest.mark.django_db


def slugs(filters):
    return set(filters.actors().values_list("slug", flat=True))


def parse(query):
    return ActorFilters.from_query(QueryDict(query))


def test_repeated_departement_means_either(ecosystem):
    assert slugs(parse("departement=42&departement=75")) == {"cite-du-design", "dessein-public"}


def test_a_well_formed_territory_code_that_names_no_territory_selects_no_actor(ecosystem):
    assert slugs(parse("departement=99")) == set()
    assert slugs(parse("commune=99999")) == set()


def test_territory_levels_combine_with_and(ecosystem):
    assert slugs(parse("region=84&departement=42")) == {"cite-du-design"}
    assert slugs(parse("region=11&departement=42")) == set()


def test_territories_are_read_once_per_filter_object(ecosystem, django_assert_num_queries):
    filters = parse("departement=42&departement=75")
    slugs(filters)
    with django_assert_num_queries(1):  # the actors only: the départements' keys are kept
        slugs(filters)


def test_repeated_region_means_either(ecosystem):
    assert slugs(parse("region=11")) == {"dessein-public"}
    assert slugs(parse("region=11&region=84")) == {
        "ville-clermont",
        "ville-clermont-dip",
        "cite-du-design",
        "dessein-public",
    }


def test_repeated_type_means_either_and_parameters_combine(ecosystem):
    assert slugs(parse("type=promotion&type=network")) == {"cite-du-design", "dessein-public"}
    assert slugs(parse("type=promotion&type=network&region=84")) == {"cite-du-design"}


def test_tags_must_all_apply(ecosystem):
    assert slugs(parse("tag=design-de-services")) == {"cite-du-design", "ville-clermont-dip"}
    assert slugs(parse("tag=design-de-services&tag=inconnu")) == set()


def test_disappeared_actors_are_hidden_unless_asked_for(ecosystem):
    assert "labo-63" not in slugs(parse(""))
    assert "labo-63" in slugs(parse("disparus=1"))
    assert slugs(parse("cycle=disappeared")) == {"labo-63"}


def test_unknown_codes_and_malformed_territories_are_ignored_and_listed():
    filters = parse("type=lab&type=robot&departement=2a&departement=999&region=Auvergne&commune=63113&statut=roi")
    assert filters.types == ("lab",)
    assert filters.departments == ("2A",)
    assert filters.regions == ()
    assert filters.communes == ("63113",)
    assert filters.ignored == (("type", "robot"), ("region", "Auvergne"), ("departement", "999"), ("statut", "roi"))
    assert filters.ignored_message() == (
        "Filtres non reconnus, ignorés : type=robot, region=Auvergne, departement=999, statut=roi."
    )


def test_ignored_values_do_not_make_filters_differ():
    assert parse("type=lab&type=robot") == parse("type=lab")


def test_urlencode_is_canonical_and_round_trips():
    filters = parse("departement=69&q=design&type=network&departement=63&type=lab&type=lab&disparus=oui&page=3")
    assert filters.urlencode() == "q=design&type=lab&type=network&departement=63&departement=69&disparus=1"
    assert parse(filters.urlencode()) == filters
    assert filters.query == "?" + filters.urlencode()
    assert ActorFilters().query == ""


def test_items_can_leave_out_a_parameter():
    assert parse("q=design&tag=ux").items(exclude={"q"}) == [("tag", "ux")]


def test_plain_dicts_and_lists_are_accepted():
    assert ActorFilters.from_query({"type": ["network", "lab"], "departement": "63"}) == ActorFilters(
        types=["lab", "network"], departments="63"
    )


def test_territory_helpers():
    filters = parse("type=lab&departement=63&commune=63113")
    assert filters.has_territory
    assert not filters.without_territory().has_territory
    assert filters.without_territory() == ActorFilters(types=("lab",))
    assert not parse("type=lab").has_territory


def test_territory_label_names_the_narrowest_level(places):
    assert parse("region=84&departement=42&departement=75").territory_label() == "Loire, Paris"
    assert parse("region=84").territory_label() == "Auvergne-Rhône-Alpes"
    assert parse("").territory_label() == "tous territoires"


def test_empty_and_filters_are_hashable():
    assert ActorFilters().is_empty
    assert not parse("disparus=1").is_empty
    assert len({parse("type=lab&type=network"), parse("type=network&type=lab")}) == 1


def test_every_filter_field_declares_its_parameter():
    assert ActorFilters.keys() == {
        "q",
        "type",
        "region",
        "departement",
        "commune",
        "statut",
        "portee",
        "cycle",
        "tag",
        "disparus",
    }


@pytest.mark.parametrize("name", ["directory:actor_list", "cartography:map", "network:network", "network:table"])
def test_bad_values_never_break_a_page(client, ecosystem, name):
    query = "type=robot&departement=%00&region=zz&debut=abc&fin=99999&relation=gossip&tag=%3Cscript%3E&q=" + "x" * 500
    response = client.get(reverse(name) + "?" + query)
    assert response.status_code == 200
