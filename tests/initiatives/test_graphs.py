"""The reuse graph as plain data: an edge list networkx reads as it is, oriented from origin to follower."""

import networkx as nx
import pytest

from maillage.directory.writing import Change
from maillage.initiatives.fields import snapshot
from maillage.initiatives.graphs import reuse_edges
from maillage.initiatives.reading import published
from maillage.initiatives.writing import update_initiative
from tests.initiatives.conftest import make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    """Saint-Étienne's designer manager inspired a rural design project, which spread to a third one."""
    origin = make_initiative("Designer manager", start_year=2010)
    rural = make_initiative(
        "Design rural",
        start_year=2015,
        links=[{"target": origin.slug, "kind": "inspiree_de", "year": 2015, "evidence": "a essaimé"}],
    )
    third = make_initiative("Troisième", start_year=2018)
    make_initiative("Sans lien", start_year=2019)
    links = snapshot(published().get(pk=rural.pk))["links"]
    update_initiative(rural, {"links": [*links, {"target": third.slug, "kind": "essaimee_vers"}]}, change=Change())
    return origin, rural, third


def test_edges_go_from_what_came_first_to_what_followed(chain):
    origin, rural, third = chain
    edges = {(a, b): data["kind"] for a, b, data in reuse_edges(list(published()))}
    assert edges == {(origin.slug, rural.slug): "inspiree_de", (rural.slug, third.slug): "essaimee_vers"}


def test_networkx_reads_the_edge_list_as_it_is(chain):
    origin, rural, third = chain
    graph = nx.DiGraph(reuse_edges(list(published())))
    assert set(graph.nodes) == {origin.slug, rural.slug, third.slug}  # an initiative without links is no node
    assert nx.descendants(graph, origin.slug) == {rural.slug, third.slug}
    assert graph.edges[origin.slug, rural.slug] == {"kind": "inspiree_de", "year": 2015, "evidence": "a essaimé"}


def test_only_links_inside_the_selection_are_edges(chain):
    origin, rural, _third = chain
    assert [(a, b) for a, b, _d in reuse_edges([origin, rural])] == [(origin.slug, rural.slug)]
