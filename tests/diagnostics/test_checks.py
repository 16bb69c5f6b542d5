"""System checks: the PDF's libraries and the diagnostics settings fail loudly when wrong."""

from maillage.diagnostics.checks import diagnostics_settings, pdf_dependencies


def test_pdf_dependencies_are_present_on_this_machine():
    assert pdf_dependencies(None) == []


def test_a_negative_background_threshold_is_an_error(settings):
    settings.DIAGNOSTICS_BACKGROUND_ABOVE = -1
    assert [e.id for e in diagnostics_settings(None)] == ["diagnostics.E003"]
