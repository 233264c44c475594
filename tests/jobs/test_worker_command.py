"""planserv worker --once: delivers the due email and runs the due daily jobs, then exits."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from planserv.jobs.models import JobRun, RunnerState
from planserv.jobs.registry import daily_jobs
from planserv.notifications.models import OutboxStatus
from planserv.notifications.services import outbox_enqueue

pytestmark = pytest.mark.django_db


def test_worker_once_delivers_due_mail_and_runs_due_jobs_r_time_1(pin_clock, monkeypatch):
    from planserv.jobs.management.commands import worker

    # The worker recycles stale connections between passes; the test's own must stay open.
    monkeypatch.setattr(worker, "close_old_connections", lambda: None)
    start = dt.date(2021, 5, 25)
    pin_clock(start + dt.timedelta(days=3))
    RunnerState.objects.update_or_create(singleton=1, defaults={"completed_through": start})
    with transaction.atomic():  # committed without running the task: waiting for the worker
        message = outbox_enqueue(
            template="support_reply",
            to_email="pm@woodgrove.test",
            context={"request_id": "SR-1", "request_subject": "s", "reply_excerpt": "r"},
            dedup_key="worker:1",
            at=dt.datetime(2021, 5, 25, 9, 0, tzinfo=dt.UTC),
        )
    output = io.StringIO()
    call_command("worker", "--once", stdout=output)
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and len(mail.outbox) == 1
    assert JobRun.objects.count() == 3 * len(daily_jobs())
    assert "2021-05-28 milestone_reminders: succeeded" in output.getvalue()
    assert "mail: {'sent': 1" in output.getvalue()
    call_command("worker", "--once", stdout=io.StringIO())
    assert len(mail.outbox) == 1 and JobRun.objects.count() == 3 * len(daily_jobs())
