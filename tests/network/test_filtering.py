"""NetworkFilters: the shared actor filters extended by relation kinds and period."""

import re

import pytest
from django.http import QueryDict
from django.urls import reverse

from maillage.directory.filtering import ActorFilters
from maillage.network.filtering import MAX_YEAR, MIN_YEAR, NetworkFilters
from tests.territories.factories import RegionFactory

pytestmark = pytest.mark.django_db


def parse(query):
    return NetworkFilters.from_query(QueryDict(query))


def test_relation_parameters_follow_the_actor_ones():
    filters = parse("fin=2022&relation=service&departement=63&debut=2020&relation=funding")
    assert filters.urlencode() == "departement=63&relation=funding&relation=service&debut=2020&fin=2022"
    assert parse(filters.urlencode()) == filters


@pytest.mark.parametrize("year", [str(MIN_YEAR - 1), str(MAX_YEAR + 1), "20x0", "-2020"])
def test_years_out_of_range_are_ignored(year):
    filters = parse(f"debut={year}")
    assert filters.year_from is None
    assert filters.ignored == (("debut", year),)


def test_years_at_the_bounds_are_kept():
    filters = parse(f"debut={MIN_YEAR}&fin={MAX_YEAR}")
    assert (filters.year_from, filters.year_to) == (MIN_YEAR, MAX_YEAR)


def test_actor_filters_extend_to_every_relation(small_network):
    actor_filters = ActorFilters(departments=["63"])
    extended = NetworkFilters.extend(actor_filters)
    assert extended.departments == ("63",) and extended.kinds == ()
    assert extended.relations().count() == 5
    assert NetworkFilters.extend(extended) is extended


def test_relations_by_kind_and_period(small_network):
    assert set(parse("relation=funding&relation=service").relations()) == {small_network.funding, small_network.service}
    # The collaboration ran 2020-2022: out of 2023 onwards, in up to 2021; undated relations always stay.
    assert small_network.collab not in set(parse("debut=2023").relations())
    assert small_network.collab in set(parse("fin=2021").relations())
    assert small_network.info in set(parse("debut=2023&fin=2023").relations())


def test_the_network_page_says_which_values_were_ignored(client, small_network):
    html = client.get(reverse("network:network") + "?debut=3000&departement=63").content.decode()
    assert "Filtres non reconnus, ignorés : debut=3000." in html
    assert 'value="63" selected' in html


def _options(html, select_id):
    select = re.search(rf'<select id="{select_id}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]+)"', select)


def test_map_and_network_share_one_form_with_the_same_territories(client, small_network):
    RegionFactory(code="11", name="Île-de-France")  # no actor there: offered nowhere
    map_html = client.get(reverse("cartography:map")).content.decode()
    network_html = client.get(reverse("network:network")).content.decode()
    for html in (map_html, network_html):
        assert 'class="filter-form"' in html
    assert _options(map_html, "filtre-region") == _options(network_html, "filtre-region") == ["84"]
    assert _options(map_html, "filtre-departement") == _options(network_html, "filtre-departement") == ["63", "69"]
    assert 'name="relation"' in network_html and 'name="relation"' not in map_html


def test_several_values_of_a_parameter_show_as_a_multiple_select(client, small_network):
    html = client.get(reverse("network:network") + "?departement=63&departement=69").content.decode()
    assert '<select id="filtre-departement" name="departement" multiple>' in html
    assert html.count("selected>") >= 2
