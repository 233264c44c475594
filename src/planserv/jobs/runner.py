"""The daily job runner (R-TIME-1): every job runs once for every program day the clock passes.

One runner at a time holds a lease on RunnerState. For each day after `completed_through` up to
the target, each job of jobs.registry runs unless a succeeded JobRun for (job, day) exists.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import traceback
from dataclasses import dataclass, field

from django.db import transaction

from planserv.core import clock
from planserv.core.actor import Actor
from planserv.jobs.errors import RunnerBusy
from planserv.jobs.models import JobRun, JobRunStatus, RunnerState
from planserv.jobs.registry import DailyJob, daily_jobs

logger = logging.getLogger(__name__)
LEASE = dt.timedelta(minutes=30)
ONE_DAY = dt.timedelta(days=1)


@dataclass
class RunnerReport:
    days: list[dt.date] = field(default_factory=list)
    runs: list[JobRun] = field(default_factory=list)

    @property
    def failed(self) -> list[JobRun]:
        return [run for run in self.runs if run.status == JobRunStatus.FAILED]


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _claim(owner: str, at: dt.datetime) -> RunnerState:
    with transaction.atomic():
        state, _ = RunnerState.objects.select_for_update().get_or_create(singleton=1)
        if (
            state.lease_owner
            and state.lease_owner != owner
            and state.lease_until
            and (state.lease_until > at)
        ):
            raise RunnerBusy(
                f"The daily job runner is already running ({state.lease_owner}); try again shortly."
            )
        state.lease_owner = owner
        state.lease_until = at + LEASE
        state.save(update_fields=["lease_owner", "lease_until"])
        return state


def _release(owner: str, completed_through: dt.date | None) -> None:
    with transaction.atomic():
        state = RunnerState.objects.select_for_update().get(singleton=1)
        if state.lease_owner == owner:
            state.lease_owner = ""
            state.lease_until = None
        if completed_through is not None:
            state.completed_through = completed_through
        state.save()


def _run_one(job: DailyJob, day: dt.date) -> JobRun:
    started = clock.now()
    with transaction.atomic():
        run, _ = JobRun.objects.select_for_update().get_or_create(
            job=job.name,
            program_day=day,
            defaults={"status": JobRunStatus.RUNNING, "started_at": started},
        )
        if run.status == JobRunStatus.SUCCEEDED:
            return run
        run.status = JobRunStatus.RUNNING
        run.attempts += 1
        run.started_at = started
        run.error = ""
        run.save()
    actor = Actor.system(label=f"job:{job.name}", job_run_id=run.pk)
    try:
        counts = job.run(day, actor)
    except Exception as error:
        logger.exception("Daily job %s for %s failed", job.name, day)
        run.status = JobRunStatus.FAILED
        run.error = f"{error}\n{traceback.format_exc(limit=5)}"
    else:
        run.status = JobRunStatus.SUCCEEDED
        run.counts = counts
    run.finished_at = clock.now()
    run.save(update_fields=["status", "error", "counts", "finished_at"])
    return run


def run_daily_jobs_through(*, through: dt.date) -> RunnerReport:
    """Run every due (job, day) up to and including `through`, in day order, once each."""
    owner = _owner()
    state = _claim(owner, clock.real_now())
    report = RunnerReport()
    completed = state.completed_through
    try:
        day = (completed + ONE_DAY) if completed else through
        while day <= through:
            runs = [_run_one(job, day) for job in daily_jobs()]
            report.days.append(day)
            report.runs.extend(runs)
            if any(run.status == JobRunStatus.FAILED for run in runs):
                break  # later days wait until this day's failed job succeeds on a retry
            completed = day
            _release_progress(owner, completed)
            day += ONE_DAY
    finally:
        _release(owner, completed)
    return report


def _release_progress(owner: str, completed_through: dt.date) -> None:
    RunnerState.objects.filter(singleton=1, lease_owner=owner).update(
        completed_through=completed_through
    )
