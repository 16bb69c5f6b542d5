"""Diagnostic runs: find the stored answer to a question, or compute it (inline or in the background)."""

import hashlib
import time

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from .compute import compute, is_large
from .graphs import build_view
from .models import DiagnosticRun, RunStatus
from .versioning import data_version


def find_run(question, version=None):
    """The stored run answering this question on the current data, or None."""
    return DiagnosticRun.objects.filter(
        view=question.view,
        filter_query=question.query_string,
        grouping=question.grouping,
        data_version=version or data_version(),
    ).first()


LATEST_CACHE_SECONDS = 300


def _latest_key(view, filter_query, grouping):
    digest = hashlib.sha256(f"{view}|{filter_query}|{grouping}".encode()).hexdigest()[:32]
    return f"diagnostics:latest:{digest}"


def latest_finished_run(question):
    """The latest finished run of the question on any data version, or None (for the fiche panel).

    Which run it is is cached (a few minutes; reset when a run of the question finishes), so a
    fiche view usually costs no query when no diagnostic was computed for its territory.
    """
    key = _latest_key(question.view, question.query_string, question.grouping)
    pk = cache.get(key)
    if pk is None:
        pk = (
            DiagnosticRun.objects.filter(
                view=question.view,
                filter_query=question.query_string,
                grouping=question.grouping,
                status=RunStatus.DONE,
            )
            .order_by("-finished_at", "-pk")
            .values_list("pk", flat=True)
            .first()
        ) or 0
        cache.set(key, pk, LATEST_CACHE_SECONDS)
    return DiagnosticRun.objects.filter(pk=pk).first() if pk else None


def past_runs(question):
    """Every run kept for these filters, newest first (the data versions they were computed on)."""
    return DiagnosticRun.objects.filter(filter_query=question.query_string, grouping=question.grouping).defer("result")


def get_or_start_run(question):
    """The run for the question on the current data: stored, computed now, or queued when large.

    Returns a DiagnosticRun; when it is queued, its status tells the page to show progress.
    """
    version = data_version()
    run = find_run(question, version)
    if run is not None and run.status != RunStatus.FAILED:
        return run
    view = build_view(question)
    if run is None:
        try:
            with transaction.atomic():
                run = DiagnosticRun.objects.create(
                    view=question.view,
                    filter_query=question.query_string,
                    grouping=question.grouping,
                    data_version=version,
                    node_count=len(view.nodes),
                    edge_count=len(view.edges),
                )
        except IntegrityError:  # another request created it meanwhile
            return find_run(question, version)
    if is_large(len(view.nodes)):
        from .tasks import run_diagnostic_task

        DiagnosticRun.objects.filter(pk=run.pk).update(in_background=True, status=RunStatus.PENDING, progress=0)
        run_diagnostic_task(run.pk, question.page_query_string)
        run.refresh_from_db()
        return run
    execute_run(run, view)
    return run


def execute_run(run, view):
    """Compute a run's result, recording progress, duration and failure."""

    def progress(percent, label):
        DiagnosticRun.objects.filter(pk=run.pk).update(progress=percent, step=label)

    started = time.perf_counter()
    run.status, run.started_at, run.error = RunStatus.RUNNING, timezone.now(), ""
    run.save(update_fields=["status", "started_at", "error"])
    try:
        result = compute(view, progress=progress)
    except Exception as error:
        run.status, run.error = RunStatus.FAILED, f"{type(error).__name__}: {error}"
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])
        raise
    run.result = result
    run.status, run.progress, run.step = RunStatus.DONE, 100, ""
    run.approximate = result["settings"]["approximate"]
    run.node_count, run.edge_count = len(view.nodes), len(view.edges)
    run.finished_at = timezone.now()
    run.duration_ms = round((time.perf_counter() - started) * 1000)
    run.save()
    cache.delete(_latest_key(run.view, run.filter_query, run.grouping))
    return run
