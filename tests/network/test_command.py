"""`manage.py export_network` writes the filtered network to files."""

import csv

import networkx as nx
import pytest
from django.core.management import CommandError, call_command

from tests.territories.factories import DepartmentFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_gexf_export_with_a_department_code(small_network, tmp_path):
    path = tmp_path / "clermont.gexf"
    call_command("export_network", "--format", "gexf", "--output", str(path), "--territory", "63")
    graph = nx.read_gexf(path)
    assert {data["slug"] for _n, data in graph.nodes(data=True)} == {"ville-clermont", "cisca", "archipel"}


def test_graphml_export_with_a_region_code(small_network, tmp_path):
    path = tmp_path / "aura.graphml"
    call_command("export_network", format="graphml", output=str(path), territory="84")
    graph = nx.read_graphml(path)
    external = {data["slug"] for _n, data in graph.nodes(data=True) if data["external"]}
    assert graph.number_of_nodes() == 4
    assert external == {"ditp"}  # no commune: outside the région, kept as Archipel's funder


def test_csv_export_writes_two_files(small_network, tmp_path):
    call_command("export_network", format="csv", output=str(tmp_path / "reseau"), relation=["funding"])
    with open(tmp_path / "reseau-edges.csv", encoding="utf-8") as handle:
        edges = list(csv.DictReader(handle))
    assert [row["Kind"] for row in edges] == ["funding"]
    assert (tmp_path / "reseau-nodes.csv").exists()


def test_ambiguous_code_asks_to_choose(db, tmp_path):
    DepartmentFactory(code="84", name="Vaucluse", region=RegionFactory(code="93", name="Provence-Alpes-Côte d'Azur"))
    RegionFactory()
    with pytest.raises(CommandError, match="region:84"):
        call_command("export_network", format="gexf", output=str(tmp_path / "x.gexf"), territory="84")


def test_unknown_territory_is_an_error(db, tmp_path):
    with pytest.raises(CommandError, match="Territoire inconnu"):
        call_command("export_network", format="gexf", output=str(tmp_path / "x.gexf"), territory="999")
