"""schema.org Organization JSON-LD on each fiche: what it says, and that user text cannot break out."""

import json
import re

import pytest
from django.test import RequestFactory

from maillage.opendata.linked_data import actor_panel, json_for_html
from tests.directory.factories import ActorFactory, ContactFactory

pytestmark = pytest.mark.django_db

BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def blocks(client, actor):
    return BLOCK.findall(client.get(actor.get_absolute_url()).content.decode())


def organisation(client, actor):
    [block] = blocks(client, actor)
    return json.loads(block)


def test_the_fiche_describes_its_organisation(client, published):
    data = organisation(client, published.lab)
    assert (data["@context"], data["@type"]) == ("https://schema.org", "Organization")
    assert data["name"] == "Direction Innovation et Participation (Ville de Clermont-Ferrand)"
    assert data["url"] == "http://testserver/acteurs/ville-clermont-dip/"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 45.7772, "longitude": 3.087}
    assert data["iso6523Code"] == "0009:73282932000074"
    assert data["parentOrganization"]["name"] == "Ville de Clermont-Ferrand"
    assert data["parentOrganization"]["url"] == "http://testserver/acteurs/ville-clermont/"


def test_the_address_has_the_postal_code_only_when_the_commune_has_one(client, published):
    clermont = organisation(client, published.lab)["address"]
    assert (clermont["addressLocality"], "postalCode" in clermont) == ("Clermont-Ferrand", False)  # 63000 or 63100
    riom = organisation(client, published.riom_lab)["address"]
    assert (riom["addressLocality"], riom["postalCode"], riom["addressCountry"]) == ("Riom", "63200", "FR")


def test_the_website_is_same_as_and_an_actor_without_place_has_no_address(client, published):
    assert organisation(client, published.city)["sameAs"] == ["https://clermont-ferrand.fr/"]
    nowhere = organisation(client, published.nowhere)
    assert "address" not in nowhere and "geo" not in nowhere and "sameAs" not in nowhere


def test_no_person_is_in_the_block_even_consenting(client, published):
    ContactFactory(actor=published.lab, name="Personne Discrète", email="discrete@exemple.invalid")
    [block] = blocks(client, published.lab)
    assert "Jean-Damien Colombeau" not in block and "Personne Discrète" not in block and "@exemple" not in block


def test_a_name_closing_the_script_element_stays_inside_the_json(client):
    name = '</script><script>alert("x")</script><!-- & -->'
    actor = ActorFactory(name=name, slug="hostile", missions="</SCRIPT >")
    page = client.get(actor.get_absolute_url()).content.decode()
    [block] = BLOCK.findall(page)
    assert json.loads(block)["name"] == name
    assert json.loads(block)["description"] == "</SCRIPT >"
    assert "<script>alert" not in page and "</SCRIPT" not in page


def test_json_for_html_escapes_every_character_that_html_reads():
    assert json_for_html({"a": "<>&"}) == '{"a":"\\u003C\\u003E\\u0026"}'


def test_the_panel_is_one_data_block(published):
    request = RequestFactory().get("/")
    html = str(actor_panel(request, published.lab))
    assert html.startswith('<script type="application/ld+json">') and html.count("<script") == 1
