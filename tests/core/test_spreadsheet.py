"""OWASP's rule against formula injection: one helper for every export, its inverse for imports."""

import pytest

from maillage.core.spreadsheet import cell_text, safe_cell, safe_row


@pytest.mark.parametrize(
    "payload",
    ['=HYPERLINK("http://evil","x")', "=1+1", "@SUM(1)", "+1+1", "-1+1", "\t=1+1", "\r=1+1"],
)
def test_text_that_could_start_a_formula_gets_a_leading_quote(payload):
    assert safe_cell(payload) == "'" + payload


@pytest.mark.parametrize("text", ["Ville de Clermont-Ferrand", "", "1+1", "a=b", "'quoted"])
def test_ordinary_text_is_unchanged(text):
    assert safe_cell(text) == text


def test_numbers_stay_numbers_even_negative():
    assert safe_row([-3, 2.5, None]) == [-3, 2.5, ""]


@pytest.mark.parametrize("payload", ["=1+1", "@SUM(1)", "-1+1", "+33 4 73 00 00 00"])
def test_import_drops_the_quote_an_export_added(payload):
    assert cell_text(safe_cell(payload)) == payload


def test_import_keeps_a_quote_that_is_not_a_neutralisation():
    assert cell_text("'Les Ateliers'") == "'Les Ateliers'"
