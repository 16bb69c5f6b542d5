"""The command reads what the network page exports (CSV, with its byte-order mark), whatever the database."""

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command

from maillage.directory.filtering import ActorFilters
from maillage.directory.models import ActorType
from maillage.network import exports
from maillage.network.graph import build_network
from tests.directory.factories import ActorFactory
from tests.network.factories import RelationFactory


@pytest.mark.django_db
def test_diagnose_network_reads_the_network_csv_export(tmp_path):
    types = {t.code: t for t in ActorType.objects.all()}
    hub = ActorFactory(name="Pôle", primary_type=types["intermediation"])
    labs = [ActorFactory(name=f"Labo {i}") for i in range(3)]
    funder = ActorFactory(name="Financeur", primary_type=types["promotion"])
    for lab in labs:
        RelationFactory(source=hub, target=lab, kind="collaboration")
    RelationFactory(source=funder, target=hub, kind="funding")
    RelationFactory(source=funder, target=hub, kind="information")  # a parallel relation
    with zipfile.ZipFile(io.BytesIO(exports.to_csv_zip(build_network(ActorFilters())))) as archive:
        archive.extractall(tmp_path)

    call_command(
        "diagnose_network",
        nodes=str(tmp_path / "reseau-nodes.csv"),
        edges=str(tmp_path / "reseau-edges.csv"),
        output=str(tmp_path / "metrics.csv"),
        summary=str(tmp_path / "summary.json"),
    )

    with open(tmp_path / "metrics.csv", encoding="utf-8") as handle:
        rows = {row["Label"]: row for row in csv.DictReader(handle)}
    assert rows["Pôle"]["degree"] == "4"
    assert rows["Pôle"]["articulation_point"] == "true"
    # lab → hub → another lab (6 ordered pairs): itinerant; funder ↔ hub ↔ each lab (3 × 2): liaison.
    assert (rows["Pôle"]["itinerant"], rows["Pôle"]["liaison"], rows["Pôle"]["brokerage_total"]) == ("6", "6", "12")
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["views"]["undirected"]["parallel_collapsed"] == 1
