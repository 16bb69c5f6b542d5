"""The demo's loader steps are checked at start-up: a missing loader fails loudly."""

from maillage.demo import checks
from maillage.demo.loaders import STEPS


def test_every_step_loads():
    assert checks.check_demo_steps(None) == []


def test_a_missing_loader_is_an_error(monkeypatch):
    monkeypatch.setattr(checks, "STEPS", [*STEPS, "maillage.demo.loaders.missing_step"])
    errors = checks.check_demo_steps(None)
    assert [e.id for e in errors] == ["demo.E001"]
    assert "maillage.demo.loaders.missing_step" in errors[0].msg


def test_a_module_without_load_is_an_error(monkeypatch):
    monkeypatch.setattr(checks, "STEPS", ["maillage.demo.checks"])
    assert [e.id for e in checks.check_demo_steps(None)] == ["demo.E001"]
