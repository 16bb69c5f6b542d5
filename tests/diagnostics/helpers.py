"""Shared helpers of the diagnostics tests: the reference fixtures and random networks."""

import csv
import json
import random
from pathlib import Path

from maillage.diagnostics.measures import Edge, Network, Node

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "network-metrics"
GRAPHS = sorted(p.name for p in FIXTURES.glob("graph-*"))


def fixture_network(name):
    folder = FIXTURES / name
    with open(folder / "nodes.csv", encoding="utf-8") as handle:
        nodes = [Node(r["Id"], r["Label"], r["ActorType"]) for r in csv.DictReader(handle)]
    with open(folder / "edges.csv", encoding="utf-8") as handle:
        edges = [Edge(r["Source"], r["Target"], r["Type"] == "Directed", r["Kind"]) for r in csv.DictReader(handle)]
    return Network(nodes, edges)


def fixture_expected(name):
    folder = FIXTURES / name
    with open(folder / "expected.csv", encoding="utf-8") as handle:
        rows = {r["Id"]: r for r in csv.DictReader(handle)}
    with open(folder / "expected.json", encoding="utf-8") as handle:
        return rows, json.load(handle)


def random_network(seed, n=40, p=0.08, groups="ABC", kinds=("collaboration", "funding")):
    """A seeded random network mixing directed and undirected relations, parallels and a self-loop."""
    rng = random.Random(seed)
    nodes = [Node(f"v{i}", f"Acteur {i}", rng.choice(groups)) for i in range(n)]
    edges = []
    for i in range(n):
        for j in range(n):
            if i != j and rng.random() < p:
                edges.append(Edge(f"v{i}", f"v{j}", rng.random() < 0.6, rng.choice(kinds)))
    edges += edges[: n // 10]  # parallel relations
    edges.append(Edge("v0", "v0", True, kinds[0]))
    return Network(nodes, edges)
