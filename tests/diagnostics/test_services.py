"""Runs: the question they answer, the data version, the stored answer, kept runs, the task queue."""

import pytest
from django.http import QueryDict

from maillage.diagnostics.graphs import Question, build_view
from maillage.diagnostics.models import DiagnosticRun, RunStatus
from maillage.diagnostics.services import find_run, get_or_start_run, past_runs
from maillage.diagnostics.versioning import data_version
from maillage.network.models import Relation


def question(params):
    return Question.from_params(QueryDict(params))


def test_data_version_changes_after_an_actor_is_saved(ecosystem):
    before = data_version()
    ecosystem.ville.description = "Direction Innovation et Participation"
    ecosystem.ville.save()
    assert data_version() != before


def test_data_version_changes_after_a_relation_is_deleted(ecosystem):
    before = data_version()
    Relation.objects.filter(source=ecosystem.ville, target=ecosystem.departement).delete()
    assert data_version() != before


def test_data_version_is_stable_without_writes(ecosystem):
    assert data_version() == data_version()


def test_view_keeps_the_territory_actors_and_counts_relations_with_outside_partners(ecosystem):
    view = build_view(question(f"departement={ecosystem.department}"))
    slugs = {node["slug"] for node in view.nodes}
    assert slugs == {"ville", "metropole", "departement", "cisca", "drelab", "chaire"}
    assert len(view.edges) == 6
    assert view.external_relations == 1


def test_labs_are_grouped_by_local_government_or_state(ecosystem):
    view = build_view(question(f"departement={ecosystem.department}"))
    groups = {node["slug"]: node["group"] for node in view.nodes}
    assert groups["ville"] == "lab_collectivite"
    assert groups["drelab"] == "lab_etat"
    assert groups["cisca"] == "intermediation"


def test_type_grouping_keeps_labs_together(ecosystem):
    view = build_view(question(f"departement={ecosystem.department}&groupes=type"))
    assert {node["group"] for node in view.nodes if node["type"] == "lab"} == {"lab"}


def test_a_run_records_its_view_filter_and_data_version(ecosystem):
    run = get_or_start_run(question(f"departement={ecosystem.department}&relation=information"))
    assert run.status == RunStatus.DONE
    assert run.view == "directed:information"
    assert run.filter_query == f"departement={ecosystem.department}&relation=information"
    assert run.data_version == data_version()


def test_the_same_question_on_the_same_data_is_answered_by_the_stored_run(ecosystem):
    first = get_or_start_run(question(f"departement={ecosystem.department}"))
    again = get_or_start_run(question(f"departement={ecosystem.department}"))
    assert again.pk == first.pk
    assert DiagnosticRun.objects.count() == 1


def test_a_write_makes_a_new_run_and_keeps_the_past_one(ecosystem):
    first = get_or_start_run(question(f"departement={ecosystem.department}"))
    Relation.objects.create(source=ecosystem.drelab, target=ecosystem.alone, kind="funding")
    second = get_or_start_run(question(f"departement={ecosystem.department}"))
    assert second.pk != first.pk
    assert list(past_runs(question(f"departement={ecosystem.department}"))) == [second, first]
    first.refresh_from_db()
    assert first.edge_count == 6 and second.edge_count == 7


def test_parameter_order_does_not_change_the_question(ecosystem):
    first = get_or_start_run(question(f"type=lab&departement={ecosystem.department}"))
    assert find_run(question(f"departement={ecosystem.department}&type=lab")).pk == first.pk


@pytest.mark.django_db
def test_a_large_network_is_computed_by_the_task_queue(ecosystem, settings):
    settings.DIAGNOSTICS_BACKGROUND_ABOVE = 2  # huey runs tasks immediately in tests
    run = get_or_start_run(question(f"departement={ecosystem.department}"))
    assert run.in_background
    assert run.status == RunStatus.DONE
    assert run.progress == 100


def test_a_run_on_confirmed_relations_only_analyses_only_them(ecosystem):
    from maillage.network import writing

    confirmed = Relation.objects.get(source=ecosystem.ville, target=ecosystem.cisca)
    writing.set_relation_status(
        confirmed, "confirmed", declared_by=ecosystem.ville, change=writing.Change(comment="test")
    )
    every, only = question(""), question("confirmation=confirmed")
    assert only.query_string != every.query_string  # a different run
    assert build_view(only).edges == [(ecosystem.ville.pk, ecosystem.cisca.pk, False, "collaboration")]
    assert len(build_view(every).edges) > 1


def test_the_diagnostic_page_offers_confirmed_relations_only(client, ecosystem):
    page = client.get("/diagnostic/?departement=63&confirmation=confirmed").content.decode()
    assert 'name="confirmation" value="confirmed" checked' in page
