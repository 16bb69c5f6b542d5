"""The catalogue's query string reads the directory's shared parameters the same way."""

from django.http import QueryDict

from maillage.directory.filtering import ActorFilters
from maillage.initiatives.filtering import InitiativeFilters

SHARED = ("region", "departement", "commune", "tag")


def test_shared_parameters_read_alike_in_the_directory_and_the_catalogue():
    query = QueryDict("region=84&departement=2a&departement=63&commune=63113&tag=design&tag=design")
    actor_pairs = [pair for pair in ActorFilters.from_query(query).items() if pair[0] in SHARED]
    assert actor_pairs and actor_pairs == InitiativeFilters.from_query(query).items()


def test_a_bad_shared_value_is_ignored_alike():
    query = QueryDict("departement=999&commune=abc&tag=a%20b")
    assert InitiativeFilters.from_query(query).ignored == ActorFilters.from_query(query).ignored != ()


def test_the_directorys_own_parameters_are_not_read_by_the_catalogue():
    filters = InitiativeFilters.from_query(QueryDict("statut=association&cycle=active&region=84"))
    assert filters.urlencode() == "region=84"


def test_the_encoded_query_reads_back_to_the_same_filters():
    filters = InitiativeFilters(types=["governance", "service"], departments="63", q="convention")
    assert InitiativeFilters.from_query(QueryDict(filters.urlencode())) == filters


def test_filters_are_hashable_and_ignored_values_do_not_count():
    clean = InitiativeFilters.from_query(QueryDict("type=service"))
    noisy = InitiativeFilters.from_query(QueryDict("type=service&type=nope"))
    assert clean == noisy and hash(clean) == hash(noisy) and noisy.ignored == (("type", "nope"),)


def test_the_shared_query_keeps_territory_tags_and_text_only():
    filters = ActorFilters.from_query(QueryDict("type=lab&departement=63&tag=design&q=labo&statut=association"))
    assert filters.shared_query == "?q=labo&departement=63&tag=design"
    assert InitiativeFilters.from_query(QueryDict(filters.shared_query[1:])).ignored == ()
