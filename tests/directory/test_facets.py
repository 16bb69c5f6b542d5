"""Facet counts follow the current filters (a facet ignores its own filter)."""

import pytest

from maillage.directory.facets import compute_facets
from maillage.directory.filtering import ActorFilters
from maillage.directory.search import match_actors

pytestmark = pytest.mark.django_db


def facet(params, param):
    facets = compute_facets(ActorFilters.from_query(params), search=match_actors)
    return {v.value: (v.count, v.selected) for f in facets if f.param == param for v in f.values}


def test_type_counts_without_filters_hide_disappeared(ecosystem):
    # city + dip are labs; labo63 is a disappeared lab, hidden by default.
    assert facet({}, "type") == {"lab": (2, False), "promotion": (1, False), "network": (1, False)}


def test_type_counts_ignore_the_type_filter_itself(ecosystem):
    assert facet({"type": "lab"}, "type") == {"lab": (2, True), "promotion": (1, False), "network": (1, False)}


def test_other_facets_are_narrowed_by_the_type_filter(ecosystem):
    assert facet({"type": "lab"}, "departement") == {"63": (2, False)}


def test_region_facet_counts(ecosystem):
    assert facet({}, "region") == {"84": (3, False), "11": (1, False)}


def test_departments_are_narrowed_by_the_region(ecosystem):
    assert facet({"region": "84"}, "departement") == {"63": (2, False), "42": (1, False)}


def test_lifecycle_facet_offers_disappeared_actors(ecosystem):
    assert facet({}, "cycle") == {"active": (4, False), "disappeared": (1, False)}


def test_tag_counts_follow_the_text_query(ecosystem):
    assert facet({}, "tag") == {"design-de-services": (2, False)}
    assert facet({"q": "saint etienne"}, "tag") == {"design-de-services": (1, False)}


def test_counts_of_legal_status_and_scope(ecosystem):
    assert facet({}, "statut") == {
        "collectivite": (2, False),
        "etablissement_public": (1, False),
        "collectif_informel": (1, False),
    }
    assert facet({"statut": "collectivite"}, "portee") == {"local": (2, False)}


def test_cached_counts_are_exact_after_a_write(ecosystem):
    from maillage.directory.models import Actor

    def type_counts():
        return {v.value: v.count for v in compute_facets(ActorFilters())[0].values}

    before = type_counts()
    Actor.objects.filter(slug="dessein-public").update(primary_type="lab")
    after = type_counts()
    assert after["lab"] == before["lab"] + 1
