"""The « Typologie » page: the report's six types, quoted, and links to it from every legend and facet."""

import pytest
from django.urls import reverse

from maillage.directory.models import ActorTypeCode
from maillage.directory.typology import QUOTED_FIELDS, typology_quotes

from .factories import ActorFactory

REPORT = "/work/shared/reference/002_8f0b8aef5ed3f11d.txt"


def test_the_six_types_of_the_report_are_quoted():
    quotes = typology_quotes()["types"]
    assert set(quotes) == set(ActorTypeCode.values) - {"other"}


def test_every_quote_is_in_the_report_word_for_word():
    from pathlib import Path

    report = Path(REPORT)
    if not report.exists():
        pytest.skip("reference documents not on this machine")
    text = report.read_text(encoding="utf-8")
    missing = [
        (code, field)
        for code, quotes in typology_quotes()["types"].items()
        for field in QUOTED_FIELDS
        if quotes[field] not in text
    ]
    assert missing == []


@pytest.mark.django_db
def test_typology_page_shows_definitions_and_links_to_the_directory(client):
    actor = ActorFactory()
    html = client.get(reverse("directory:typology")).content.decode()
    assert "Principales fonctions" in html and "Redevabilité" in html
    assert f'href="{reverse("directory:actor_list")}?type={actor.primary_type.code}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["directory:actor_list", "cartography:map", "network:network"])
def test_legends_and_facets_link_to_the_typology(client, name):
    ActorFactory()
    html = client.get(reverse(name)).content.decode()
    assert f'href="{reverse("directory:typology")}"' in html
