"""Background imports (huey): a large file is imported by the worker, its progress in the cache."""

from django.core.cache import cache
from huey.contrib.djhuey import db_task

from .importing import import_actors, report_to_dict
from .models import ImportJob, ImportStatus

PROGRESS_TTL = 6 * 3600


def job_progress(job):
    """(rows done, rows in total) while the job runs, or None before the first report."""
    return cache.get(job.progress_key)


def run_import_job(job):
    """Run the import a job holds; the report is stored on the job (called by the task, or directly)."""
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)

    def progress(done, total):
        cache.set(job.progress_key, (done, total), PROGRESS_TTL)

    try:
        report = import_actors(
            bytes(job.data),
            job.filename,
            dry_run=job.dry_run,
            source=job.filename,
            user=job.created_by,
            progress=progress,
        )
    except Exception:
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.FAILED)
        raise
    finished = {"status": ImportStatus.DONE, "report": report_to_dict(report)}
    if report.applied:
        finished["data"] = b""  # imported: the file is no longer needed
    ImportJob.objects.filter(pk=job.pk).update(**finished)
    cache.delete(job.progress_key)
    return report


@db_task()
def import_job_task(job_id):
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is not None and job.status == ImportStatus.QUEUED:
        run_import_job(job)


def queue_import(*, data, filename, sha, dry_run, user):
    """Create an import job and hand it to the task queue; returns the job."""
    job = ImportJob.objects.create(
        filename=filename[:255], data=data, sha=sha, dry_run=dry_run, created_by=user if user.is_authenticated else None
    )
    import_job_task(job.pk)
    return job
