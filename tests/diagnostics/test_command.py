"""`manage.py diagnose_network` on CSV files, with no database."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from maillage.diagnostics.measures import METRIC_COLUMNS

from .helpers import FIXTURES, GRAPHS, fixture_expected

ROOT = Path(__file__).resolve().parents[2]
COMPARED = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison", "brokerage_total"]
COMPARED += ["betweenness", "constraint", "effective_size"]
REQUIRED = ["Id", "degree", "in_degree", "out_degree", "betweenness", "constraint", "effective_size", "coreness"]
REQUIRED += ["articulation_point", "community", *COMPARED[:6], "ei"]


def run(tmp_path, nodes, edges, **options):
    out, summary = tmp_path / "metrics.csv", tmp_path / "summary.json"
    call_command(
        "diagnose_network", nodes=str(nodes), edges=str(edges), output=str(out), summary=str(summary), **options
    )
    with open(out, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return rows, json.loads(summary.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", GRAPHS)
def test_metrics_file_equals_the_fixture_reference(name, tmp_path):
    rows, _ = run(tmp_path, FIXTURES / name / "nodes.csv", FIXTURES / name / "edges.csv", permutations=0)
    expected, _ = fixture_expected(name)
    assert [r["Id"] for r in rows] == list(expected)
    for row in rows:
        for column in COMPARED:
            want = expected[row["Id"]][column]
            assert (row[column] == "") if want == "" else float(row[column]) == pytest.approx(float(want), abs=1e-6)


@pytest.mark.parametrize("name", GRAPHS)
def test_summary_file_equals_the_fixture_ei_reference(name, tmp_path):
    _, summary = run(tmp_path, FIXTURES / name / "nodes.csv", FIXTURES / name / "edges.csv", permutations=0)
    _, expected = fixture_expected(name)
    assert summary["ei"]["global"] == pytest.approx(expected["ei"]["global"], abs=1e-6)
    assert set(summary["ei"]["groups"]) == set(expected["ei"]["groups"])
    for group, want in expected["ei"]["groups"].items():
        got = summary["ei"]["groups"][group]
        assert (got["E"], got["I"]) == (want["E"], want["I"])
        assert got["ei"] == (None if want["ei"] is None else pytest.approx(want["ei"], abs=1e-6))
    assert isinstance(summary["modularity"], float)
    assert summary["communities"] == len(summary["community_detail"]["sizes"])


def test_metrics_file_has_every_required_column(tmp_path):
    rows, _ = run(tmp_path, FIXTURES / "graph-1" / "nodes.csv", FIXTURES / "graph-1" / "edges.csv", permutations=0)
    assert list(rows[0])[:3] == ["Id", "Label", "ActorType"]
    assert set(REQUIRED) <= set(rows[0])
    assert list(rows[0])[3:] == METRIC_COLUMNS


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


NODES = "Id,Label,ActorType\na,Labo A,lab\nb,Réseau B,network\nc,C,lab\n"
EDGES = "Source,Target,Type,Kind\na,b,Directed,funding\nb,c,Undirected,collaboration\n"


def error(tmp_path, nodes=NODES, edges=EDGES, encoding="utf-8", **options):
    n, e = write(tmp_path / "n.csv", nodes, encoding), write(tmp_path / "e.csv", edges)
    with pytest.raises(CommandError) as info:
        call_command("diagnose_network", nodes=str(n), edges=str(e), output=str(tmp_path / "o.csv"), **options)
    assert not (tmp_path / "o.csv").exists()
    return str(info.value)


def test_other_group_column_is_read(tmp_path):
    n = write(tmp_path / "n.csv", "Id,Territoire\na,63\nb,69\nc,63\n")
    rows, summary = run(tmp_path, n, write(tmp_path / "e.csv", EDGES), group_column="Territoire", permutations=0)
    assert set(summary["ei"]["groups"]) == {"63", "69"}
    assert rows[0]["Territoire"] == "63"


def test_unknown_node_in_edges_names_the_line(tmp_path):
    message = error(tmp_path, edges=EDGES + "a,zz,Directed,funding\n")
    assert "ligne 4" in message and "« zz »" in message


def test_missing_column_is_named(tmp_path):
    message = error(tmp_path, nodes="Id,Label\na,A\n")
    assert "ligne 1" in message and "ActorType" in message


def test_bad_type_names_the_line(tmp_path):
    message = error(tmp_path, edges=EDGES + "a,c,Mutual,funding\n")
    assert "ligne 4" in message and "Mutual" in message


def test_file_not_in_utf8_names_the_line(tmp_path):
    message = error(tmp_path, nodes=NODES + "d,Métropole,lab\n", encoding="latin-1")
    assert "ligne 3" in message and "UTF-8" in message  # « Réseau » on line 3 is the first non-UTF-8 byte


def test_duplicate_id_names_both_lines(tmp_path):
    message = error(tmp_path, nodes=NODES + "a,Encore A,lab\n")
    assert "ligne 5" in message and "ligne 2" in message


def test_wrong_number_of_columns_names_the_line(tmp_path):
    message = error(tmp_path, edges=EDGES + "a,c,Directed,funding,extra\n")
    assert "ligne 4" in message


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="Impossible de lire"):
        call_command("diagnose_network", nodes=str(tmp_path / "no.csv"), edges=str(tmp_path / "no.csv"), output="o.csv")


@pytest.mark.one_suite  # a shell run against an unreachable server, never the suite's database
def test_command_runs_with_an_unreachable_database(tmp_path):
    proc = subprocess.run(
        [sys.executable, "manage.py", "diagnose_network", "--nodes", str(FIXTURES / "graph-2" / "nodes.csv")]
        + ["--edges", str(FIXTURES / "graph-2" / "edges.csv"), "--output", str(tmp_path / "m.csv")]
        + ["--summary", str(tmp_path / "s.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"},
    )
    assert proc.returncode == 0, proc.stderr
    assert len(list(csv.DictReader((tmp_path / "m.csv").read_text(encoding="utf-8").splitlines()))) == 18
    assert "communities" in json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))


@pytest.mark.one_suite  # a shell run against an unreachable server, never the suite's database
def test_command_reports_a_bad_file_from_the_shell_with_an_unreachable_database(tmp_path):
    n = write(tmp_path / "n.csv", NODES)
    e = write(tmp_path / "e.csv", EDGES + "a,zz,Directed,funding\n")
    proc = subprocess.run(
        [sys.executable, "manage.py", "diagnose_network", "--nodes", str(n), "--edges", str(e), "--output", "o.csv"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"},
    )
    assert proc.returncode != 0
    assert "ligne 4" in proc.stderr


def test_kind_option_keeps_only_that_kind_of_relation(tmp_path):
    rows, summary = run(tmp_path, write(tmp_path / "n.csv", NODES), write(tmp_path / "e.csv", EDGES), kinds=["funding"])
    assert summary["views"]["directed"]["arcs"] == 1
    assert summary["parameters"]["kinds"] == ["funding"]
    assert [r["degree"] for r in rows] == ["1", "1", "0"]
