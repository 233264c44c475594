"""Retention as daily jobs (issue 21, item 7): each a JobRun with counts, batched, by real time."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django_tasks_db.models import DBTaskResult

from planserv.api.models import IdempotencyRecord
from planserv.core import batches
from planserv.jobs.models import JobRun, JobRunStatus
from planserv.jobs.registry import daily_jobs
from planserv.jobs.runner import run_daily_jobs_through
from planserv.notifications.models import OutboxMessage, OutboxStatus

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 6, 1)
RETENTION_JOBS = {
    "retention.task_results",
    "retention.sessions",
    "retention.mail_bodies",
    "retention.idempotency_keys",
}


def ago(**delta: float) -> dt.datetime:
    return NOW - dt.timedelta(**delta)


def run_day(pin_clock, day: dt.date = DAY) -> dict[str, dict[str, int]]:
    """Run the daily jobs of `day` at the real instant NOW; the retention runs' counts."""
    pin_clock(day - dt.timedelta(days=1))
    with time_machine.travel(NOW, tick=False):
        pin_clock(day)
        run_daily_jobs_through(through=day)
    runs = JobRun.objects.filter(job__in=RETENTION_JOBS, program_day=day)
    assert {run.status for run in runs} == {JobRunStatus.SUCCEEDED}
    return {run.job: run.counts for run in runs}


def idempotency_record(key: str, created_at: dt.datetime) -> None:
    IdempotencyRecord.objects.create(
        scope="s", key=key, request_hash="h", status_code=201, created_at=created_at
    )


def task_result(status: str, finished_at: dt.datetime | None) -> None:
    DBTaskResult.objects.create(
        id=uuid.uuid4(),
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="planserv.notifications.tasks.deliver_outbox_message",
        backend_name="default",
        queue_name="default",
        run_after=NOW,
        finished_at=finished_at,
    )


def sent_message(key: str, sent_at: dt.datetime | None, status: str = OutboxStatus.SENT) -> None:
    OutboxMessage.objects.create(
        dedup_key=key,
        template="voucher_assigned",
        to_email="manager@example.com",
        organisation_id=7,
        subject="Your voucher",
        body_text="Dear manager, your voucher 7KQ…",
        body_html="<p>Dear manager</p>",
        subject_ref="vouchers.voucher:7KQ",
        status=status,
        created_at=sent_at or NOW,
        sent_at=sent_at,
    )


def test_every_retention_job_is_a_daily_job() -> None:
    assert {job.name for job in daily_jobs()} >= RETENTION_JOBS


def test_idempotency_records_go_after_7_days(pin_clock) -> None:
    idempotency_record("old", ago(days=7, seconds=1))
    idempotency_record("fresh", ago(days=6, hours=23))
    counts = run_day(pin_clock)
    assert counts["retention.idempotency_keys"] == {"deleted": 1}
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["fresh"]


def test_finished_task_results_go_after_30_days_queued_ones_stay(pin_clock) -> None:
    task_result("SUCCESSFUL", ago(days=31))
    task_result("FAILED", ago(days=31))
    task_result("SUCCESSFUL", ago(days=29))
    task_result("READY", None)
    counts = run_day(pin_clock)
    assert counts["retention.task_results"] == {"deleted": 2}
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == [
        "READY",
        "SUCCESSFUL",
    ]


def test_expired_sessions_go_live_ones_stay(pin_clock) -> None:
    with time_machine.travel(ago(days=30), tick=False):
        expired = SessionStore()
        expired.set_expiry(3600)
        expired.create()
    with time_machine.travel(NOW, tick=False):
        live = SessionStore()
        live.create()
    counts = run_day(pin_clock)
    assert counts["retention.sessions"] == {"deleted": 1}
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_sent_mail_keeps_its_row_but_loses_its_body_after_the_period(pin_clock, settings):
    settings.PLANSERV_RETENTION_MAIL_BODY_DAYS = 400
    sent_message("old", ago(days=401))
    sent_message("recent", ago(days=399))
    sent_message("dead", None, status=OutboxStatus.DEAD)
    counts = run_day(pin_clock)
    assert counts["retention.mail_bodies"] == {"blanked": 1}
    old = OutboxMessage.objects.get(dedup_key="old")
    assert (old.body_text, old.body_html) == ("", "")
    assert (old.to_email, old.subject, old.template, old.subject_ref, old.sent_at) == (
        "manager@example.com",
        "Your voucher",
        "voucher_assigned",
        "vouchers.voucher:7KQ",
        ago(days=401),
    )
    for key in ("recent", "dead"):
        assert OutboxMessage.objects.get(dedup_key=key).body_text.startswith("Dear manager")
    # The next day finds nothing more to do (idempotent).
    assert run_day(pin_clock, DAY + dt.timedelta(days=1))["retention.mail_bodies"] == {"blanked": 0}


def test_a_shorter_mail_period_is_read_from_the_setting(pin_clock, settings) -> None:
    settings.PLANSERV_RETENTION_MAIL_BODY_DAYS = 30
    sent_message("month-old", ago(days=31))
    assert run_day(pin_clock)["retention.mail_bodies"] == {"blanked": 1}


def test_work_goes_in_batches_of_set_based_statements(django_assert_max_num_queries) -> None:
    for n in range(25):
        idempotency_record(f"k{n}", ago(days=30))
    idempotency_record("fresh", NOW)
    expired = IdempotencyRecord.objects.filter(created_at__lt=ago(days=7))
    # 25 rows in batches of 10: 3 full-or-partial batches + 1 empty read, each select + delete.
    with django_assert_max_num_queries(3 * 2 + 1 + 3):  # + savepoints Django's delete may take
        assert batches.delete_in_batches(expired, batch=10) == 25
    assert IdempotencyRecord.objects.count() == 1
