"""The diagnostic pages in a real headless Chromium: rendered, keyboard-reachable, axe clean."""

import pytest
from django.http import QueryDict

from maillage.diagnostics.graphs import Question
from maillage.diagnostics.models import DiagnosticRun, RunStatus
from maillage.diagnostics.versioning import data_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_diagnostic_pages_render_and_pass_axe(live_server, page, axe, ecosystem):
    pages = [
        ("/diagnostic/?departement=63", "CISCA est le principal pivot"),
        ("/diagnostic/?departement=63&groupes=type", "Entre-soi par groupe d'acteurs"),
        ("/diagnostic/comparer/", "Saint-Étienne"),
        ("/diagnostic/mesures/pivots-et-roles/", "Gould et Fernandez"),
        ("/diagnostic/imprimer/?departement=63", "À lire avant les chiffres"),
        ("/diagnostic/historique/?departement=63", "Diagnostics conservés"),
        ("/acteurs/cisca/", "Place dans l'écosystème"),
    ]
    problems = []
    for path, expected in pages:
        page.console_errors.clear()
        response = page.goto(live_server.url + path)
        text = page.locator("body").inner_text()
        if response.status != 200 or expected not in text:
            problems.append((path, response.status, expected))
        violations = axe(page)
        if violations:
            problems.append((path, violations))
        if page.console_errors:
            problems.append((path, page.console_errors[:]))
    assert problems == []


def test_chart_has_an_accessible_name_and_a_table_alternative(live_server, page, ecosystem):
    page.goto(live_server.url + "/diagnostic/?departement=63")
    card = page.locator("#pivots")
    assert card.get_by_role("img", name="Intermédiarité des principaux pivots").count() == 1
    assert card.get_by_role("table", name="Principaux pivots et leurs rôles").count() == 1


def test_a_background_run_shows_its_progress_then_the_cards(live_server, page, axe, ecosystem):
    question = Question.from_params(QueryDict("departement=63"))
    run = DiagnosticRun.objects.create(
        view=question.view,
        filter_query=question.query_string,
        grouping=question.grouping,
        data_version=data_version(),
        status=RunStatus.RUNNING,
        progress=40,
        in_background=True,
        node_count=6,
    )
    page.goto(live_server.url + "/diagnostic/?departement=63")
    progress = page.locator("progress")
    assert progress.get_attribute("value") == "40"
    assert axe(page) == []
    DiagnosticRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED)  # the page polls, then reloads
    page.wait_for_selector("#pivots", timeout=15000)  # a failed run is computed again on reload
    assert page.console_errors == []
