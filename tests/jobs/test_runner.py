"""The daily job runner (R-TIME-1): every job once for every program day passed, in order."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.accounts.selectors import actor_for_membership
from planserv.audit.models import AuditEvent
from planserv.core import clock
from planserv.core.errors import Forbidden, SandboxOnly
from planserv.jobs import registry
from planserv.jobs.errors import ClockBackwards, RunnerBusy
from planserv.jobs.models import JobRun, JobRunStatus, RunnerState
from planserv.jobs.runner import run_daily_jobs_through
from planserv.jobs.services import clock_advance, clock_set, jobs_run_due

pytestmark = pytest.mark.django_db
START = dt.date(2021, 5, 25)
AT = dt.datetime(2021, 5, 25, 9, 0, tzinfo=dt.UTC)


class Recorder:
    """Test-only daily jobs that record each (job, day) they run; `failing` days raise."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dt.date]] = []
        self.failing: set[tuple[str, dt.date]] = set()

    def job(self, name: str) -> registry.DailyJob:
        def run(day: dt.date, actor: object) -> dict[str, int]:
            if (name, day) in self.failing:
                raise RuntimeError(f"{name} cannot run on {day}")
            self.calls.append((name, day))
            return {"rows": day.day}

        return registry.DailyJob(name=name, run=run, description=f"test job {name}")


@pytest.fixture
def jobs(monkeypatch) -> Recorder:
    recorder = Recorder()
    monkeypatch.setattr(
        registry, "daily_jobs", lambda: [recorder.job("sweep"), recorder.job("remind")]
    )
    RunnerState.objects.update_or_create(singleton=1, defaults={"completed_through": START})
    return recorder


def days_after(start: dt.date, count: int) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range(1, count + 1)]


class TestDailyRunner:
    def test_a_40_day_jump_runs_each_days_jobs_once_in_order_r_time_1(self, jobs):
        target = START + dt.timedelta(days=40)
        report = run_daily_jobs_through(through=target)
        expected = [(name, day) for day in days_after(START, 40) for name in ("sweep", "remind")]
        assert jobs.calls == expected
        assert report.days == days_after(START, 40)
        assert JobRun.objects.filter(status=JobRunStatus.SUCCEEDED).count() == 80
        run = JobRun.objects.get(job="remind", program_day=target)
        assert run.counts == {"rows": target.day} and run.attempts == 1
        assert run.started_at is not None and run.finished_at is not None
        assert RunnerState.objects.get().completed_through == target

    def test_running_again_does_nothing_r_time_1(self, jobs):
        target = START + dt.timedelta(days=40)
        run_daily_jobs_through(through=target)
        jobs.calls.clear()
        report = run_daily_jobs_through(through=target)
        assert jobs.calls == [] and report.runs == [] and report.days == []
        assert JobRun.objects.count() == 80

    def test_a_succeeded_job_of_a_day_is_not_rerun_even_if_progress_was_lost(self, jobs):
        run_daily_jobs_through(through=START + dt.timedelta(days=3))
        RunnerState.objects.update(completed_through=START)  # e.g. a crash before progress saved
        jobs.calls.clear()
        run_daily_jobs_through(through=START + dt.timedelta(days=3))
        assert jobs.calls == []
        assert JobRun.objects.count() == 6

    def test_a_failing_job_stops_its_day_and_later_days_until_retried(self, jobs):
        bad_day = START + dt.timedelta(days=3)
        jobs.failing.add(("sweep", bad_day))
        report = run_daily_jobs_through(through=START + dt.timedelta(days=10))
        assert jobs.calls[-1] == ("remind", bad_day - dt.timedelta(days=1))
        failed = JobRun.objects.get(job="sweep", program_day=bad_day)
        assert failed.status == JobRunStatus.FAILED and "cannot run" in failed.error
        assert failed.retry_after is not None and failed.attempts == 1
        assert report.failed == [failed]
        assert not JobRun.objects.filter(job="remind", program_day=bad_day).exists()
        assert RunnerState.objects.get().completed_through == bad_day - dt.timedelta(days=1)

        # The worker waits for the retry backoff; nothing else runs meanwhile.
        jobs.calls.clear()
        waiting = run_daily_jobs_through(through=START + dt.timedelta(days=10))
        assert waiting.waiting == failed and jobs.calls == [] and waiting.days == []

        # An operator retries now: the day completes and the later days follow, once each.
        jobs.failing.clear()
        run_daily_jobs_through(through=START + dt.timedelta(days=10), retry_failed_now=True)
        assert jobs.calls[:2] == [("sweep", bad_day), ("remind", bad_day)]
        assert len(jobs.calls) == 2 * 8
        failed.refresh_from_db()
        assert failed.status == JobRunStatus.SUCCEEDED and failed.attempts == 2
        assert failed.error == "" and failed.retry_after is None

    def test_the_worker_retries_a_failed_run_after_its_backoff(self, jobs):
        jobs.failing.add(("sweep", START + dt.timedelta(days=1)))
        run_daily_jobs_through(through=START + dt.timedelta(days=1))
        JobRun.objects.filter(status=JobRunStatus.FAILED).update(
            retry_after=clock.real_now() - dt.timedelta(seconds=1)
        )
        jobs.failing.clear()
        report = run_daily_jobs_through(through=START + dt.timedelta(days=1))
        assert [run.status for run in report.runs] == ["succeeded", "succeeded"]

    def test_a_run_left_running_by_a_crash_is_run_again(self, jobs):
        day = START + dt.timedelta(days=1)
        JobRun.objects.create(
            job="sweep", program_day=day, status=JobRunStatus.RUNNING, attempts=1, started_at=AT
        )
        run_daily_jobs_through(through=day)
        run = JobRun.objects.get(job="sweep", program_day=day)
        assert run.status == JobRunStatus.SUCCEEDED and run.attempts == 2

    def test_a_second_runner_is_refused_while_the_lease_is_held(self, jobs):
        RunnerState.objects.update(
            lease_owner="other-host:1", lease_until=clock.real_now() + dt.timedelta(minutes=5)
        )
        with pytest.raises(RunnerBusy, match="other-host:1"):
            run_daily_jobs_through(through=START + dt.timedelta(days=2))
        assert jobs.calls == []

    def test_a_lapsed_lease_is_taken_over(self, jobs):
        RunnerState.objects.update(
            lease_owner="crashed-host:1", lease_until=clock.real_now() - dt.timedelta(seconds=1)
        )
        run_daily_jobs_through(through=START + dt.timedelta(days=2))
        assert len(jobs.calls) == 4
        assert RunnerState.objects.get().lease_owner == ""

    def test_a_fresh_installation_starts_at_the_target_day(self, jobs):
        RunnerState.objects.all().delete()
        run_daily_jobs_through(through=START)
        assert jobs.calls == [("sweep", START), ("remind", START)]


class TestClockMoves:
    def admin(self, persona):
        return actor_for_membership(persona("program_admin").membership)

    def test_advancing_the_sandbox_clock_40_days_runs_every_day_once_r_time_1(
        self, jobs, persona, pin_clock
    ):
        pin_clock(START)
        report = clock_advance(actor=self.admin(persona), days=40, today=START, at=AT)
        assert clock.today() == START + dt.timedelta(days=40)
        assert report.days == days_after(START, 40)
        assert len(jobs.calls) == 80 and len(set(jobs.calls)) == 80
        assert AuditEvent.objects.filter(action="core.clock.moved").count() == 1
        jobs.calls.clear()
        clock_advance(actor=self.admin(persona), days=0, today=clock.today(), at=AT)
        assert jobs.calls == []

    def test_the_clock_never_goes_back_r_time_1(self, jobs, persona, pin_clock):
        pin_clock(START)
        with pytest.raises(ClockBackwards):
            clock_set(
                actor=self.admin(persona),
                target=START - dt.timedelta(days=1),
                today=START,
                at=AT,
            )
        assert clock.today() == START and jobs.calls == []

    def test_a_busy_runner_refuses_the_move_and_nothing_changes(
        self, jobs, persona, pin_clock, monkeypatch
    ):
        from planserv.jobs import services

        monkeypatch.setattr(services, "LEASE_WAIT_SECONDS", 0.0)
        pin_clock(START)
        RunnerState.objects.update(
            lease_owner="worker:2", lease_until=clock.real_now() + dt.timedelta(minutes=5)
        )
        with pytest.raises(RunnerBusy):
            clock_advance(actor=self.admin(persona), days=3, today=START, at=AT)
        assert clock.today() == START
        assert not AuditEvent.objects.filter(action="core.clock.moved").exists()

    def test_only_a_program_admin_moves_the_clock_r_role_1(self, jobs, persona, pin_clock):
        pin_clock(START)
        actor = actor_for_membership(persona("auditor").membership)
        with pytest.raises(Forbidden):
            clock_advance(actor=actor, days=1, today=START, at=AT)
        assert clock.today() == START

    def test_outside_the_sandbox_the_clock_cannot_move_r_time_1(self, jobs, persona, settings):
        settings.PLANSERV_SANDBOX = False
        with pytest.raises(SandboxOnly):
            clock_advance(actor=self.admin(persona), days=1, today=clock.today(), at=AT)

    def test_run_due_now_retries_a_failed_job_at_once_and_is_audited(
        self, jobs, persona, pin_clock
    ):
        day = START + dt.timedelta(days=1)
        pin_clock(day)
        jobs.failing.add(("remind", day))
        run_daily_jobs_through(through=day)
        jobs.failing.clear()
        report = jobs_run_due(actor=self.admin(persona), today=day, at=AT)
        assert [(run.job, run.status) for run in report.runs] == [("remind", "succeeded")]
        assert AuditEvent.objects.filter(action="jobs.runner.run_requested").count() == 1

    def test_run_due_now_needs_a_program_admin_r_role_1(self, jobs, persona):
        actor = actor_for_membership(persona("support").membership)
        with pytest.raises(Forbidden):
            jobs_run_due(actor=actor, today=START, at=AT)
