"""The demo initiatives against the report: its words, its classification, its actors."""

import io

import pytest
import yaml

from maillage.demo.evidence import find_reference_dir, normalise, quotation_found
from maillage.demo.loaders import actors as actors_loader
from maillage.demo.loaders import initiatives as loader
from maillage.initiatives.models import Initiative, InitiativeLink, InnovationType, LinkKind, Role
from tests.directory.factories import ActorFactory

REPORT_FILE = "002_8f0b8aef5ed3f11d.txt"


@pytest.fixture(scope="module")
def report_text():
    folder = find_reference_dir()
    if folder is None:
        pytest.fail("Documents de référence introuvables : définir MAILLAGE_REFERENCE_DIR (dossier shared/reference).")
    return normalise((folder / REPORT_FILE).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def entries():
    return loader.read_entries()


def test_every_initiative_has_a_section_and_a_quotation(entries):
    lacking = [
        e["slug"]
        for e in entries
        if not e.get("sources") or any(not s.get("section") or not s.get("quote") for s in e["sources"])
    ]
    assert entries and lacking == []


def test_every_quotation_is_in_the_report_word_for_word(entries, report_text):
    missing = [
        (e["slug"], s["quote"]) for e in entries for s in e["sources"] if not quotation_found(s["quote"], report_text)
    ]
    assert missing == []


def test_every_initiative_has_an_actor_of_the_demo_directory(entries):
    with open(actors_loader.DATA_FILE, encoding="utf-8") as handle:
        known = {a["slug"] for a in yaml.safe_load(handle) if isinstance(a, dict)}
    assert [e["slug"] for e in entries if not e.get("actors")] == []
    assert [(e["slug"], a["actor"]) for e in entries for a in e["actors"] if a["actor"] not in known] == []
    assert [(e["slug"], a["role"]) for e in entries for a in e["actors"] if a["role"] not in Role.values] == []


def test_types_are_the_reports_and_only_for_its_table_examples(entries, report_text):
    """An initiative typed in the file is one of the examples of the 2.1 table, quoted from it."""
    for entry in entries:
        assert set(entry.get("types") or []) <= set(InnovationType.values)
        if entry.get("types"):
            assert any(s["section"] == "2.1" for s in entry["sources"]), entry["slug"]


def test_the_six_type_labels_are_the_reports(report_text):
    for label in InnovationType.labels:
        assert quotation_found(f"{label}\tElle concerne", report_text) or quotation_found(
            f"{label} Elle concerne", report_text
        )


def test_the_initiatives_the_brief_names_are_all_there(entries):
    titles = " ".join(e["title"] for e in entries).lower()
    for name in (
        "territory lab",
        "mois de l'innovation publique",
        "pisteurs",
        "convention citoyenne",
        "université foraine",
        "subsidiarité",
        "micro-mobilités",
        "public factory",
    ):
        assert name in titles, name
    actors = {a["actor"] for e in entries for a in e["actors"]}
    assert {"carton-plein", "collectif-rural-combo", "pari-des-mutations-urbaines"} <= actors


@pytest.mark.django_db
def test_loading_twice_creates_nothing_the_second_time(entries, clermont):
    for slug in {a["actor"] for e in entries for a in e["actors"]}:
        ActorFactory(slug=slug, name=slug)
    out = io.StringIO()
    loader.load(out)
    count = Initiative.objects.count()
    assert count == len(entries)
    assert "0 nouvelles et 0 modifiées" in loader.load(out)
    assert Initiative.objects.count() == count
    link = InitiativeLink.objects.get(source__slug="designer-manager-saint-etienne")
    assert (link.kind, link.target.slug) == (LinkKind.SPREAD_TO, "design-territoires-ruraux")
