"""Background diagnostics (huey): large networks are computed by the worker, the page shows progress."""

from django.http import QueryDict
from huey.contrib.djhuey import task


@task()
def run_diagnostic_task(run_id, query_string):
    from .graphs import Question, build_view
    from .models import DiagnosticRun, RunStatus
    from .services import execute_run

    run = DiagnosticRun.objects.filter(pk=run_id).first()
    if run is None or run.status == RunStatus.DONE:
        return
    DiagnosticRun.objects.filter(pk=run_id).update(status=RunStatus.RUNNING, progress=5, step="graphe")
    question = Question.from_params(QueryDict(query_string))
    execute_run(run, build_view(question))
