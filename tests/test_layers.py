"""Dependencies point down only: an app imports apps of lower layers, never one above or beside it.

The layer table below is the one declaration of Maillage's layers (the README's Layout
section describes it). Every package under maillage/ with an apps.py must be in it.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "maillage"

# Reads source files, no database: once per `make test` (tests/conftest.py).
pytestmark = pytest.mark.one_suite

# Bottom to top. An app may import its own modules and apps of lower layers only.
LAYERS = [
    ("core", {"core"}),  # small shared helpers; imports no app
    ("territories", {"territories"}),  # gazetteer, geocoding
    ("directory", {"directory"}),  # actors, their fields and writing service, ActorFilters
    ("network", {"network"}),  # relations, their writing service, graph views, exports
    ("domain", {"cartography", "contributions", "events", "imports"}),
    ("analysis", {"diagnostics", "initiatives", "surveys"}),
    # home, layout, navigation, API routing, open data, personal data; demo data of every app
    ("site", {"site", "api", "demo", "opendata", "privacy"}),
]
LAYER_OF = {app: index for index, (_name, apps) in enumerate(LAYERS) for app in apps}


def installed_apps():
    return sorted(path.parent.name for path in ROOT.glob("*/apps.py"))


def imported_apps(source, module):
    """Names of the maillage apps a module's source imports (function-local imports included).

    `module` is the dotted name of the module, to resolve relative imports.
    """
    found = set()
    package = module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, node.module] if node.module else base)
            names = [target] if node.module else [f"{target}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if len(parts) > 1 and parts[0] == "maillage":
                found.add(parts[1])
    return found


def violations(app, imports):
    """The imported apps that are not below `app` (its own modules excepted)."""
    return sorted(other for other in imports if other != app and other in LAYER_OF and LAYER_OF[other] >= LAYER_OF[app])


def test_every_app_has_a_layer():
    assert [app for app in installed_apps() if app not in LAYER_OF] == []


def test_no_app_imports_an_app_above_or_beside_it():
    problems = []
    for app in installed_apps():
        for path in sorted((ROOT / app).rglob("*.py")):
            module = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)
            for other in violations(app, imported_apps(path.read_text(encoding="utf-8"), module)):
                problems.append(f"{path.relative_to(ROOT.parent)} imports maillage.{other}")
    assert problems == []


@pytest.mark.parametrize(
    "app, source, expected",
    [
        ("core", "from maillage.directory.models import Actor", ["directory"]),
        ("directory", "def f():\n    from maillage.cartography import data", ["cartography"]),
        ("cartography", "import maillage.events.models", ["events"]),  # same layer: sideways
        ("directory", "from ..network import graph", ["network"]),  # relative, from maillage/directory/x.py
        ("network", "from maillage.directory.filtering import ActorFilters\nfrom . import models", []),
        ("site", "from maillage.contributions.permissions import is_moderator", []),
    ],
)
def test_the_checker_catches_upward_and_sideways_imports(app, source, expected):
    assert violations(app, imported_apps(source, f"maillage.{app}.module")) == expected
