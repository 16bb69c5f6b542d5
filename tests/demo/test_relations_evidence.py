"""Every demo relation carries the report's own words, found verbatim in the reference text.

These tests read the data file and the reference documents only (no database): a relation
without a section and a quotation, or whose quotation is not in the report, fails here; the
counts by kind must match the table of maillage/demo/README.md.
"""

import re
from collections import Counter
from pathlib import Path

import pytest

from maillage.demo.evidence import find_reference_dir, normalise, quotation_found
from maillage.demo.loaders import relations as loader

README = Path(loader.__file__).resolve().parent.parent / "README.md"
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


def quotations(entry):
    return [s for s in entry.get("sources") or [] if isinstance(s, dict)]


def test_every_relation_has_a_section_and_a_quotation(entries):
    lacking = [
        (e["source"], e["target"], e["kind"])
        for e in entries
        if not quotations(e) or any(not s.get("section") or not str(s.get("quote", "")).strip() for s in quotations(e))
    ]
    assert entries and lacking == []


def test_every_quotation_is_in_the_report_word_for_word(entries, report_text):
    missing = [
        (e["source"], e["target"], s["quote"])
        for e in entries
        for s in quotations(e)
        if not quotation_found(s["quote"], report_text)
    ]
    assert missing == []


def test_a_reworded_quotation_is_not_found(report_text):
    assert quotation_found("Le Lab du Pôle Emploi en est l'initiateur", report_text)
    assert not quotation_found("Le Lab du Pôle Emploi en est le fondateur", report_text)


def test_whitespace_typographic_apostrophes_and_emphasis_marks_are_aside(report_text):
    assert quotation_found("Le Lab du Pôle\n Emploi en est l\u2019initiateur", report_text)
    assert quotation_found("depuis peu, des interactions avec la ville de Lyon", report_text)


def readme_counts():
    rows = re.findall(r"^\|\s*`(\w+)`\s*\|[^|]*\|\s*(\d+)\s*\|", README.read_text(encoding="utf-8"), flags=re.M)
    return {kind: int(count) for kind, count in rows}


def test_counts_by_kind_match_the_readme_table(entries):
    table = readme_counts()
    assert table, "maillage/demo/README.md doit contenir le tableau des relations par type"
    assert dict(Counter(e["kind"] for e in entries)) == table


def test_no_relation_is_listed_twice(entries):
    keys = Counter(
        (e["source"], e["target"], e["kind"])
        if e["kind"] in ("service", "membership", "funding")
        else (*sorted((e["source"], e["target"])), e["kind"])
        for e in entries
    )
    assert [key for key, n in keys.items() if n > 1] == []
