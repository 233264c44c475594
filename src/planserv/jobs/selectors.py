"""Reads for operators: the job runs and the runner's progress (R-TIME-1)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from planserv.core.errors import InvalidInput
from planserv.jobs.models import JobRun, JobRunStatus, RunnerState


def job_runs_list(*, status: str | None = None, job: str | None = None) -> QuerySet[JobRun]:
    """Job runs, newest program day first, and in running order within a day. Raises
    InvalidInput for an unknown status or job."""
    if status and status not in JobRunStatus.values:
        raise InvalidInput(
            _("Unknown status %(status)r; use one of: %(statuses)s.")
            % {"status": status[:40], "statuses": ", ".join(JobRunStatus.values)},
            details={"status": status[:40]},
        )
    if job and not job.replace("_", "").isalnum():
        raise InvalidInput(_("Unknown job %(job)r.") % {"job": job[:60]}, details={"job": job[:60]})
    queryset = JobRun.objects.all()
    if status:
        queryset = queryset.filter(status=status)
    if job:
        queryset = queryset.filter(job=job)
    return queryset.order_by("-program_day", "id")


def runner_state_get() -> RunnerState | None:
    return RunnerState.objects.filter(singleton=1).order_by("pk").first()


@dataclass(frozen=True)
class JobRunTally:
    job: str
    status: str
    runs: int
    attempts: int

    @property
    def failed_attempts(self) -> int:
        """A succeeded run's last attempt succeeded and a running one's is under way; every
        other attempt failed."""
        unfinished_or_won = self.runs if self.status != JobRunStatus.FAILED else 0
        return self.attempts - unfinished_or_won


def job_run_tallies() -> list[JobRunTally]:
    """Runs and attempts per (job, status): one grouped read of a table of about eight rows a
    program day (the metrics endpoint)."""
    rows = (
        JobRun.objects.values("job", "status")
        .annotate(runs=Count("id"), attempts=Sum("attempts"))
        .order_by("job", "status")
    )
    return [
        JobRunTally(
            job=row["job"],
            status=row["status"],
            runs=row["runs"],
            attempts=int(row["attempts"] or 0),
        )
        for row in rows
    ]
