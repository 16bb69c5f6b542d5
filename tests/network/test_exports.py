"""Exports open in the tools they are for: GEXF valid against the official RelaxNG schema and
read by networkx, GraphML read by networkx with every attribute, CSV read back, figures drawn."""

import csv
import io
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from PIL import Image

from maillage.directory.filtering import ActorFilters
from maillage.network import exports
from maillage.network.figure import network_scene, to_png, to_svg
from maillage.network.graph import build_network

pytestmark = pytest.mark.django_db

GEXF_RNG = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "gexf-1.3" / "gexf.rng"


@pytest.fixture(scope="module")
def gexf_schema():
    return etree.RelaxNG(etree.parse(str(GEXF_RNG)))


@pytest.fixture
def network(small_network):
    return build_network(ActorFilters(departments=["63"]), layout=True)


def test_gexf_is_valid_against_the_relaxng_schema(network, gexf_schema):
    document = etree.fromstring(exports.to_gexf(network))
    assert gexf_schema.validate(document), gexf_schema.error_log


def test_schema_rejects_a_broken_gexf(network, gexf_schema):
    """The validation can fail: a viz colour channel above 255 is refused."""
    document = etree.fromstring(exports.to_gexf(network))
    document.find(".//{http://gexf.net/1.3/viz}color").set("r", "300")
    assert not gexf_schema.validate(document)


def test_gexf_is_read_by_networkx_with_types_kinds_and_viz(network):
    graph = nx.read_gexf(io.BytesIO(exports.to_gexf(network)))
    assert graph.number_of_nodes() == len(network.nodes)
    archipel_id = next(n.id for n in network.nodes if n.slug == "archipel")
    archipel = graph.nodes[f"a{archipel_id}"]
    assert archipel["external"] is True
    assert archipel["actor_type"] == "lab"
    assert set(archipel["viz"]) == {"color", "position", "size"}
    kinds = {data["kind"] for _u, _v, data in graph.edges(data=True)}
    assert kinds == {e.kind for e in network.edges}


def test_gexf_undirected_kinds_are_mutual_edges(network):
    graph = nx.read_gexf(io.BytesIO(exports.to_gexf(network)))
    undirected = sum(1 for e in network.edges if not e.directed)
    assert graph.number_of_edges() == len(network.edges) + undirected


def test_graphml_is_read_by_networkx_with_every_attribute(network):
    graph = nx.read_graphml(io.BytesIO(exports.to_graphml(network)))
    assert graph.number_of_nodes() == len(network.nodes)
    assert graph.number_of_edges() == len(network.edges)
    for node in network.nodes:
        data = graph.nodes[f"a{node.id}"]
        assert data["label"] == node.label
        assert data["actor_type"] == node.type_code
        assert data["color"] == node.color
        assert data["external"] is node.external
        assert data["degree"] == node.degree
        assert data["x"] == pytest.approx(node.x)
    edges = {data["id"]: data for _u, _v, data in graph.edges(data=True)}
    collab = next(e for e in network.edges if e.kind == "collaboration")
    data = edges[f"r{collab.id}"]
    assert (data["kind"], data["directed"], data["start_year"], data["end_year"]) == (
        "collaboration",
        False,
        2020,
        2022,
    )
    assert data["motivations"] == "capacite_agir;opportunite"


def test_csv_uses_gephi_columns_and_reads_back(network):
    nodes_csv, edges_csv = exports.to_csv(network)
    nodes = list(csv.DictReader(io.StringIO(nodes_csv)))
    edges = list(csv.DictReader(io.StringIO(edges_csv)))
    assert list(nodes[0])[:2] == ["Id", "Label"]
    assert list(edges[0])[:3] == ["Source", "Target", "Type"]
    assert len(nodes) == len(network.nodes) and len(edges) == len(network.edges)
    by_kind = {row["Kind"]: row for row in edges}
    assert by_kind["service"]["Type"] == "Directed"
    assert by_kind["collaboration"]["Type"] == "Undirected"
    node_ids = {row["Id"] for row in nodes}
    assert all(row["Source"] in node_ids and row["Target"] in node_ids for row in edges)


def test_csv_zip_holds_both_files(network):
    with zipfile.ZipFile(io.BytesIO(exports.to_csv_zip(network, stem="x"))) as archive:
        assert sorted(archive.namelist()) == ["x-edges.csv", "x-nodes.csv"]


def test_svg_figure_has_legend_and_caption(network):
    svg = etree.fromstring(to_svg(network_scene(network)).encode())
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert network.caption in texts
    assert "Acteur extérieur au territoire" in texts
    assert "Prestation de service" in texts
    dashed = [line for line in svg.iter("{http://www.w3.org/2000/svg}line") if line.get("stroke-dasharray")]
    assert dashed  # prestation de service is drawn dashed


def test_png_figure_is_an_image_of_the_scene_size(network):
    scene = network_scene(network)
    image = Image.open(io.BytesIO(to_png(scene)))
    assert image.format == "PNG" and image.size == (scene.width, scene.height)
    assert len(image.getcolors(maxcolors=100_000) or []) > 10  # something is drawn


def test_export_view_serves_gexf_with_filters(client, small_network, gexf_schema):
    response = client.get("/reseau/export.gexf", {"departement": "63", "relation": "service"})
    assert response.status_code == 200
    document = etree.fromstring(response.content)
    assert gexf_schema.validate(document)
    assert document.find(".//{http://gexf.net/1.3}edges").get("count") == "1"


def test_unknown_export_format_is_404(client, db):
    assert client.get("/reseau/export.docx").status_code == 404


def test_hostile_text_is_escaped_and_round_trips(small_network, gexf_schema):
    small_network.city_lab.name = 'Lab "A" & <B>\x0b\nsuite'
    small_network.city_lab.save()
    small_network.service.description = 'ligne 1\nligne 2 & <fin> "citée"\x01'
    small_network.service.save()
    network = build_network(ActorFilters())
    document = etree.fromstring(exports.to_gexf(network))
    assert gexf_schema.validate(document), gexf_schema.error_log
    gexf = nx.read_gexf(io.BytesIO(exports.to_gexf(network)))
    assert gexf.nodes[f"a{small_network.city_lab.pk}"]["label"] == 'Lab "A" & <B> suite'
    graphml = nx.read_graphml(io.BytesIO(exports.to_graphml(network)))
    descriptions = {data["id"]: data.get("description") for _u, _v, data in graphml.edges(data=True)}
    assert descriptions[f"r{small_network.service.pk}"] == 'ligne 1\nligne 2 & <fin> "citée"'


def test_figure_view_fades_actors_outside_the_focus(client, small_network):
    plain = client.get("/reseau/export.svg").content.decode()
    focused = client.get("/reseau/export.svg", {"focus": "cisca"}).content.decode()
    assert 'opacity="0.25"' not in plain
    assert focused.count('opacity="0.25"') == 2  # Archipel and DITP are not CISCA's neighbours
