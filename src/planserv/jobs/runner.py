"""The daily job runner (R-TIME-1): every job runs once for every program day the clock passes.

- One runner at a time holds a lease on RunnerState (several workers may share one database); a
  heartbeat thread renews it while a long job runs, so a crashed worker's lease lapses within
  LEASE and another worker takes over.
- Days run in order from the day after `completed_through` to the target; on each day the jobs of
  `jobs.registry.daily_jobs()` run in order. A (job, day) with a succeeded JobRun is never run
  again (unique constraint on (job, program_day)); a job must still be idempotent, because a crash
  after its work committed and before its JobRun was marked succeeded makes it run again.
- A failing job stops its day (later jobs of that day may depend on it, e.g. the expiry sweep
  before the removal) and every later day, until a retry succeeds. The worker retries a failed
  run with backoff; an operator ("run due jobs now", moving the sandbox clock) retries it at once.
- Every run is recorded (start, end, attempts, counts, error) and shown on the operator's Job
  runs page. `started_at`/`finished_at` are program instants; the lease and `retry_after` are real.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import DatabaseError, close_old_connections, connection, transaction
from django.utils.translation import gettext
from structlog.contextvars import bound_contextvars

from planserv.core import clock
from planserv.core.actor import Actor
from planserv.jobs import registry
from planserv.jobs.errors import LeaseLost, RunnerBusy
from planserv.jobs.models import JobRun, JobRunStatus, RunnerState

logger = logging.getLogger(__name__)
LEASE = dt.timedelta(minutes=5)
HEARTBEAT_SECONDS = 60.0
RETRY_FIRST = dt.timedelta(minutes=1)
RETRY_LONGEST = dt.timedelta(hours=1)
ONE_DAY = dt.timedelta(days=1)


@dataclass
class RunnerReport:
    days: list[dt.date] = field(default_factory=list)
    runs: list[JobRun] = field(default_factory=list)
    waiting: JobRun | None = None  # a failed run whose automatic retry has not come yet

    @property
    def failed(self) -> list[JobRun]:
        return [run for run in self.runs if run.status == JobRunStatus.FAILED]


@dataclass(frozen=True)
class RunnerLease:
    owner: str

    def renew(self) -> None:
        now = clock.real_now()
        renewed = RunnerState.objects.filter(singleton=1, lease_owner=self.owner).update(
            lease_until=now + LEASE, checked_at=now
        )
        if not renewed:
            raise LeaseLost(
                gettext(
                    "Another daily job runner took over from %(owner)s; it carries on (R-TIME-1)."
                )
                % {"owner": self.owner}
            )

    def record_progress(self, completed_through: dt.date) -> None:
        now = clock.real_now()
        updated = RunnerState.objects.filter(singleton=1, lease_owner=self.owner).update(
            completed_through=completed_through, lease_until=now + LEASE, checked_at=now
        )
        if not updated:
            raise LeaseLost(
                gettext(
                    "Another daily job runner took over from %(owner)s; it carries on (R-TIME-1)."
                )
                % {"owner": self.owner}
            )


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"[:80]


def _try_claim(owner: str, now: dt.datetime) -> RunnerState | None:
    with transaction.atomic():
        state, _ = RunnerState.objects.select_for_update().get_or_create(singleton=1)
        held_by_other = (
            state.lease_owner
            and state.lease_owner != owner
            and state.lease_until is not None
            and state.lease_until > now
        )
        if held_by_other:
            return None
        state.lease_owner = owner
        state.lease_until = now + LEASE
        state.checked_at = now
        state.save(update_fields=["lease_owner", "lease_until", "checked_at"])
        return state


@contextmanager
def runner_lease(*, wait_seconds: float = 0.0) -> Iterator[RunnerLease]:
    """Hold the one runner lease; wait up to `wait_seconds` for another runner to finish.
    Raises RunnerBusy if it does not."""
    owner = _owner()
    deadline = time.monotonic() + wait_seconds
    while _try_claim(owner, clock.real_now()) is None:
        if time.monotonic() >= deadline:
            holder = RunnerState.objects.filter(singleton=1).values_list("lease_owner", flat=True)
            raise RunnerBusy(
                gettext("The daily job runner is busy (%(holder)s); try again shortly (R-TIME-1).")
                % {"holder": next(iter(holder), "")}
            )
        time.sleep(0.25)
    try:
        yield RunnerLease(owner)
    finally:
        RunnerState.objects.filter(singleton=1, lease_owner=owner).update(
            lease_owner="", lease_until=None
        )


def run_daily_jobs_through(
    *,
    through: dt.date,
    retry_failed_now: bool = False,
    lease: RunnerLease | None = None,
    wait_seconds: float = 0.0,
) -> RunnerReport:
    """Run every due (job, day) up to and including `through`, in day order, once each.
    Raises RunnerBusy when another runner holds the lease."""
    if lease is None:
        with runner_lease(wait_seconds=wait_seconds) as own_lease:
            return _run_days(own_lease, through=through, retry_failed_now=retry_failed_now)
    return _run_days(lease, through=through, retry_failed_now=retry_failed_now)


def _run_days(lease: RunnerLease, *, through: dt.date, retry_failed_now: bool) -> RunnerReport:
    report = RunnerReport()
    completed = RunnerState.objects.values_list("completed_through", flat=True).get(singleton=1)
    day = (completed + ONE_DAY) if completed else through
    jobs = registry.daily_jobs()
    while day <= through:
        ran = False
        for job in jobs:
            existing = JobRun.objects.filter(job=job.name, program_day=day).order_by("pk").first()
            if existing is not None and existing.status == JobRunStatus.SUCCEEDED:
                continue
            if existing is not None and _must_wait(existing, retry_failed_now=retry_failed_now):
                report.waiting = existing
                report.days += [day] if ran else []
                return report
            run = _run_one(job, day, lease)
            report.runs.append(run)
            ran = True
            if run.status == JobRunStatus.FAILED:
                report.days.append(day)
                return report  # this day's later jobs and every later day wait for a retry
        lease.record_progress(day)
        report.days.append(day)
        day += ONE_DAY
    return report


def _must_wait(run: JobRun, *, retry_failed_now: bool) -> bool:
    if run.status != JobRunStatus.FAILED or retry_failed_now or run.retry_after is None:
        return False
    return run.retry_after > clock.real_now()


def retry_delay(attempts: int) -> dt.timedelta:
    """1, 2, 4, … minutes after the n-th failed attempt, at most an hour."""
    return min(RETRY_FIRST * (2 ** max(attempts - 1, 0)), RETRY_LONGEST)


def _run_one(job: registry.DailyJob, day: dt.date, lease: RunnerLease) -> JobRun:
    lease.renew()
    started = clock.now()
    with transaction.atomic():
        run, _ = JobRun.objects.select_for_update().get_or_create(
            job=job.name,
            program_day=day,
            defaults={"status": JobRunStatus.RUNNING, "started_at": started},
        )
        run.status = JobRunStatus.RUNNING
        run.attempts += 1
        run.started_at = started
        run.finished_at = None
        run.error = ""
        run.retry_after = None
        run.save()
    actor = Actor.system(label=f"job:{job.name}", job_run_id=run.pk)
    began = time.monotonic()
    try:
        # Every log line the job writes (its batches included) names the job and the day.
        with _heartbeat(lease), bound_contextvars(job=job.name, program_day=day.isoformat()):
            counts = job.run(day, actor)
    except Exception as error:  # any failure of a job is recorded on its run, never lost
        logger.exception("Daily job %s for %s failed", job.name, day)
        run.status = JobRunStatus.FAILED
        run.error = f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=8)}"[:20000]
        run.retry_after = clock.real_now() + retry_delay(run.attempts)
    else:
        run.status = JobRunStatus.SUCCEEDED
        run.counts = {str(name): int(value) for name, value in counts.items()}
    run.finished_at = clock.now()
    run.save(update_fields=["status", "error", "counts", "finished_at", "retry_after"])
    logger.info(
        "job.run",
        extra={
            "job": job.name,
            "program_day": day.isoformat(),
            "status": run.status,
            "attempt": run.attempts,
            "counts": run.counts,
            "duration_ms": round((time.monotonic() - began) * 1000, 1),
        },
    )
    return run


@contextmanager
def _heartbeat(lease: RunnerLease) -> Iterator[None]:
    """Renew the lease every HEARTBEAT_SECONDS while a job runs (its own DB connection)."""
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(HEARTBEAT_SECONDS):
                try:
                    lease.renew()
                except LeaseLost:
                    logger.error("Lost the daily runner lease while a job was running.")
                    return
                except DatabaseError as error:  # e.g. the row is locked by the caller's transaction
                    logger.warning("Could not renew the daily runner lease: %s", error)
        finally:
            close_old_connections()
            connection.close()

    thread = threading.Thread(target=beat, name="daily-runner-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)
