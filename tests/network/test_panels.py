"""The relations panel of the actor fiche and the accessible table of relations."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from lxml import html

from maillage.network import page_data
from maillage.network.panels import actor_panel
from tests.directory.factories import ActorFactory

from .factories import RelationFactory

pytestmark = pytest.mark.django_db


def _panel(actor, **params):
    return html.fromstring(actor_panel(RequestFactory().get("/acteurs/x/", params), actor))


def test_panel_groups_relations_by_kind(small_network):
    panel = _panel(small_network.city_lab)
    headings = panel.xpath("//h3[contains(@class, 'relation-kind-title')]")
    titles = [h.text_content().split("\n")[0].strip() for h in headings]
    assert [t.rsplit(" ", 1)[0] for t in titles] == [
        "Partage d'informations / inspiration",
        "Prestation de service",
        "Collaboration",
    ]


def test_panel_reads_directed_relations_from_the_actor(small_network):
    text = _panel(small_network.city_lab).text_content()
    assert "Client de CISCA" in " ".join(text.split())


def test_panel_shows_the_partner_type(small_network):
    items = _panel(small_network.city_lab).xpath("//ul[@class='relation-items']/li")
    cisca = next(li for li in items if "CISCA" in li.text_content())
    assert "Faiseur d'intermédiation" in cisca.text_content()


def test_ego_picture_is_an_accessible_svg(small_network):
    svg = _panel(small_network.city_lab).xpath("//figure//svg")[0]
    assert svg.get("role") == "img"
    title = svg.xpath(".//title")[0].text_content()
    assert "2 partenaires directs" in title  # CISCA and Archipel


def test_two_steps_add_partners_of_partners(small_network):
    one = _panel(small_network.city_lab).xpath("//figure//circle")
    two = _panel(small_network.city_lab, ego="2").xpath("//figure//circle")
    assert len(two) == len(one) + 2  # DITP (Archipel's funder) and Le Labo 63 (CISCA's partner)


def test_actor_without_relation_says_so(db):
    assert "Aucune relation" in _panel(ActorFactory()).text_content()


def test_an_unchanged_panel_is_served_from_the_cache_for_one_query(small_network, django_assert_num_queries):
    first = actor_panel(RequestFactory().get("/acteurs/x/"), small_network.city_lab)
    with django_assert_num_queries(1):  # the data version
        again = actor_panel(RequestFactory().get("/acteurs/x/"), small_network.city_lab)
    assert again == first


def test_a_new_relation_shows_in_the_panel_at_once(small_network):
    _panel(small_network.city_lab)
    RelationFactory(source=small_network.ditp, target=small_network.city_lab, kind="funding")
    assert "DITP" in _panel(small_network.city_lab).text_content()


def test_a_renamed_partner_shows_in_the_panel_at_once(small_network):
    _panel(small_network.city_lab)
    small_network.cisca.name = "CISCA renommé"
    small_network.cisca.save()
    assert "CISCA renommé" in _panel(small_network.city_lab).text_content()


def test_each_query_string_and_language_has_its_own_panel(small_network):
    one = _panel(small_network.city_lab).xpath("//figure//circle")
    two = _panel(small_network.city_lab, ego="2").xpath("//figure//circle")
    with translation.override("en"):
        english = _panel(small_network.city_lab).text_content()
    assert len(two) > len(one)
    assert english != _panel(small_network.city_lab).text_content()


def test_relation_table_lists_filtered_relations(client, small_network):
    response = client.get("/reseau/relations/", {"relation": "funding"})
    page = html.fromstring(response.content)
    rows = page.xpath("//table[@id='relations-table']/tbody/tr")
    assert len(rows) == 1
    assert "DITP" in rows[0].text_content() and "Archipel" in rows[0].text_content()


def test_relation_table_marks_external_partners(client, small_network):
    page = html.fromstring(client.get("/reseau/relations/", {"departement": "63"}).content)
    assert "acteur extérieur au territoire" in page.xpath("//table[@id='relations-table']")[0].text_content()


def test_graph_json_serialises_nodes_and_edges_for_graphology(client, small_network):
    data = client.get("/reseau/graphe.json", {"type": "lab"}).json()
    nodes, edges = page_data.rows(data)
    assert {n["slug"] for n in nodes} == {"ville-clermont", "archipel"}
    assert [e["kind"] for e in edges] == ["information"]
    assert data["kinds"]["information"]["directed"] is False


def test_ego_json_gives_rings(client, small_network):
    data = client.get(f"/reseau/acteur/{small_network.archipel.slug}/ego.json", {"etapes": "2"}).json()
    rings = {node["label"]: node["ring"] for node in data["nodes"]}
    assert rings["Archipel"] == 0 and rings["DITP"] == 1 and rings["CISCA"] == 2
