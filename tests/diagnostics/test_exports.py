"""Per-actor metrics exports, re-read by the tools they are for."""

import csv
import io

import networkx as nx
from django.http import QueryDict
from openpyxl import load_workbook

from maillage.diagnostics import exports
from maillage.diagnostics.graphs import Question
from maillage.diagnostics.services import get_or_start_run


def run_for(ecosystem):
    question = Question.from_params(QueryDict(f"departement={ecosystem.department}"))
    return get_or_start_run(question), question


def test_csv_has_one_row_per_actor_with_the_metrics(ecosystem):
    run, _question = run_for(ecosystem)
    rows = list(csv.DictReader(io.StringIO(exports.to_csv(run).decode("utf-8-sig"))))
    assert len(rows) == 6
    cisca = next(r for r in rows if r["Slug"] == "cisca")
    assert cisca["articulation_point"] == "true"
    assert float(cisca["betweenness"]) > 0


def test_text_cells_that_could_run_as_formulas_are_neutralised(ecosystem):
    ecosystem.alone.name = '=HYPERLINK("http://x")'
    ecosystem.alone.save()
    run, _question = run_for(ecosystem)
    text = exports.to_csv(run).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(run)))["Mesures"]
    labels = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://x")' in labels


def test_xlsx_is_read_back_by_openpyxl_with_numbers_as_numbers(ecosystem):
    run, _question = run_for(ecosystem)
    workbook = load_workbook(io.BytesIO(exports.to_xlsx(run)))
    sheet = workbook["Mesures"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Id", "Slug", "Label", "ActorType"]
    degree = header.index("degree")
    assert all(isinstance(row[degree], int) for row in sheet.iter_rows(min_row=2, values_only=True))
    assert workbook["Calcul"]["B5"].value == run.data_version


def test_gexf_carries_the_metrics_as_node_attributes(ecosystem):
    run, question = run_for(ecosystem)
    graph = nx.read_gexf(io.BytesIO(exports.to_enriched_gexf(run, question)))
    cisca = graph.nodes[f"a{ecosystem.cisca.pk}"]
    assert cisca["articulation_point"] is True
    assert cisca["betweenness"] > 0
    assert cisca["group"] == "intermediation"
    assert "liaison" in cisca
    # Archipel is the partner outside the territory: shown, without metrics.
    assert "betweenness" not in graph.nodes[f"a{ecosystem.archipel.pk}"]


def test_network_gexf_without_extra_attributes_is_unchanged(ecosystem):
    from maillage.network.exports import to_gexf
    from maillage.network.filtering import NetworkFilters
    from maillage.network.graph import build_network

    network = build_network(NetworkFilters.from_query({"departement": ecosystem.department}))
    graph = nx.read_gexf(io.BytesIO(to_gexf(network)))
    assert "betweenness" not in graph.nodes[f"a{ecosystem.cisca.pk}"]
