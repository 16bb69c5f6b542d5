"""Reciprocity and provenance of relations (issue 17): who declared a relation, its status, and
where it shows (filters, exports, fiche, history)."""

import csv
import io

import networkx as nx
import pytest
from django.db import IntegrityError, transaction
from lxml import etree

from maillage.contributions.models import Revision
from maillage.directory.filtering import ActorFilters
from maillage.network import exports, page_data, writing
from maillage.network.filtering import NetworkFilters
from maillage.network.graph import build_network
from maillage.network.models import Relation
from tests.directory.factories import ActorFactory

from .factories import RelationFactory
from .test_exports import GEXF_RNG

pytestmark = pytest.mark.django_db

CHANGE = writing.Change(comment="Enquête test, vague 1")


def test_a_new_relation_is_sourced_by_default():
    relation = RelationFactory()
    assert (relation.status, relation.declared_by) == ("sourced", None)


def test_a_declared_status_must_name_the_declaring_actor():
    relation = RelationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.filter(pk=relation.pk).update(status="declared")


def test_the_declaring_actor_must_be_one_end_of_the_relation():
    relation = RelationFactory()
    stranger = ActorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.filter(pk=relation.pk).update(status="declared", declared_by=stranger)


def test_an_unknown_status_is_refused_by_the_database():
    relation = RelationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.filter(pk=relation.pk).update(status="maybe")


def test_setting_a_status_is_a_versioned_change_with_its_source():
    relation = RelationFactory()
    write = writing.set_relation_status(
        relation, "confirmed", declared_by=relation.source, status_source="Enquête test, vague 1", change=CHANGE
    )
    relation.refresh_from_db()
    assert relation.version == 2 and relation.status == "confirmed"
    revision = Revision.objects.get(relation=relation, version=2)
    assert revision == write.revision
    assert revision.snapshot["status"] == "confirmed"
    assert revision.snapshot["declared_by"] == relation.source.slug
    assert revision.snapshot["status_source"] == "Enquête test, vague 1"


def test_setting_the_same_status_again_writes_nothing():
    relation = RelationFactory()
    writing.set_relation_status(relation, "declared", declared_by=relation.target, change=CHANGE)
    assert writing.set_relation_status(relation, "declared", declared_by=relation.target, change=CHANGE) is None
    relation.refresh_from_db()
    assert relation.version == 2


def test_the_confirmation_filter_keeps_only_the_chosen_statuses(small_network):
    writing.set_relation_status(small_network.collab, "confirmed", declared_by=small_network.cisca, change=CHANGE)
    filters = NetworkFilters.from_query({"confirmation": ["confirmed"]})
    assert list(filters.relations()) == [small_network.collab]
    assert filters.urlencode() == "confirmation=confirmed"


def test_an_unknown_confirmation_value_is_ignored_and_named(small_network):
    filters = NetworkFilters.from_query({"confirmation": ["peut-etre"]})
    assert filters.statuses == () and filters.ignored


def _confirmed_network(small_network):
    writing.set_relation_status(
        small_network.collab,
        "disputed",
        declared_by=small_network.city_lab,
        status_source="Enquête test, vague 1",
        change=CHANGE,
    )
    return build_network(ActorFilters(departments=["63"]), layout=True)


def test_the_gexf_carries_the_status_and_stays_valid_against_the_official_schema(small_network):
    network = _confirmed_network(small_network)
    document = etree.fromstring(exports.to_gexf(network))
    schema = etree.RelaxNG(etree.parse(str(GEXF_RNG)))
    assert schema.validate(document), schema.error_log
    graph = nx.read_gexf(io.BytesIO(exports.to_gexf(network)))
    statuses = {data["kind"]: data["status"] for _s, _t, data in graph.edges(data=True)}
    assert statuses["collaboration"] == "disputed" and statuses["service"] == "sourced"
    collab = next(data for _s, _t, data in graph.edges(data=True) if data["kind"] == "collaboration")
    assert collab["declared_by"] == "ville-clermont" and collab["status_source"] == "Enquête test, vague 1"


def test_the_edges_csv_has_status_and_origin_columns(small_network):
    network = _confirmed_network(small_network)
    _nodes, edges = exports.to_csv(network)
    rows = list(csv.DictReader(io.StringIO(edges)))
    collab = next(row for row in rows if row["Kind"] == "collaboration")
    assert collab["Status"] == "disputed" and collab["StatusLabel"] == "Contestée"
    assert collab["DeclaredBy"] == "ville-clermont"


def test_the_relation_table_shows_the_status(client, small_network):
    _confirmed_network(small_network)
    response = client.get("/reseau/relations/?departement=63")
    assert "Contestée" in response.content.decode()


def test_the_network_page_offers_the_confirmation_filter_and_legend(client, small_network):
    page = client.get("/reseau/").content.decode()
    assert 'name="confirmation" value="confirmed"' in page
    assert "Confirmée par les deux acteurs" in page


def test_the_graph_json_edges_carry_their_status(client, small_network):
    _confirmed_network(small_network)
    _nodes, edges = page_data.rows(client.get("/reseau/graphe.json?departement=63").json())
    assert {e["status"] for e in edges} == {"disputed", "sourced"}


def test_the_fiche_shows_the_status_and_who_declared_it(client, small_network):
    _confirmed_network(small_network)
    page = client.get(small_network.cisca.get_absolute_url()).content.decode()
    assert "Contestée" in page and "déclarée par le partenaire" in page
