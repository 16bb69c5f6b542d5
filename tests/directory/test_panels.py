"""The fiche's panels are checked at start-up: a wrong path fails loudly instead of being skipped."""

from django.core.management import call_command
from django.test import override_settings

from maillage.directory.panels import check_fiche_panels

NOT_CALLABLE = "a panel must be a function"


def error_ids():
    return [error.id for error in check_fiche_panels(None)]


def test_the_configured_panels_pass_the_checks():
    assert error_ids() == []
    call_command("check", fail_level="ERROR")


@override_settings(ACTOR_FICHE_PANELS=["maillage.network.panels.actor_panel", "maillage.netwrok.panels.actor_panel"])
def test_a_mistyped_module_is_an_error():
    errors = check_fiche_panels(None)
    assert [e.id for e in errors] == ["directory.E001"]
    assert "maillage.netwrok.panels.actor_panel" in errors[0].msg


@override_settings(ACTOR_FICHE_PANELS=["maillage.network.panels.actor_pannel"])
def test_a_mistyped_function_is_an_error():
    assert error_ids() == ["directory.E001"]


@override_settings(ACTOR_FICHE_PANELS=["tests.directory.test_panels.NOT_CALLABLE"])
def test_a_panel_that_is_not_a_function_is_an_error():
    assert error_ids() == ["directory.E001"]
