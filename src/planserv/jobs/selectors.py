"""Reads for operators: the job runs and the runner's progress (R-TIME-1)."""

from __future__ import annotations

from django.db.models import QuerySet

from planserv.core.errors import InvalidInput
from planserv.jobs.models import JobRun, JobRunStatus, RunnerState


def job_runs_list(*, status: str | None = None, job: str | None = None) -> QuerySet[JobRun]:
    """Job runs, newest program day first, and in running order within a day. Raises
    InvalidInput for an unknown status or job."""
    if status and status not in JobRunStatus.values:
        raise InvalidInput(
            f"Unknown status {status[:40]!r}; use one of: {', '.join(JobRunStatus.values)}.",
            details={"status": status[:40]},
        )
    if job and not job.replace("_", "").isalnum():
        raise InvalidInput(f"Unknown job {job[:60]!r}.", details={"job": job[:60]})
    queryset = JobRun.objects.all()
    if status:
        queryset = queryset.filter(status=status)
    if job:
        queryset = queryset.filter(job=job)
    return queryset.order_by("-program_day", "id")


def runner_state_get() -> RunnerState | None:
    return RunnerState.objects.filter(singleton=1).order_by("pk").first()
