"""/operator/job-runs and /operator/outbox: the API twins of the Job runs and Mail pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from planserv.jobs.models import JobRun, RunnerState
from planserv.jobs.registry import daily_jobs
from planserv.notifications.models import OutboxMessage, OutboxStatus
from planserv.notifications.services import outbox_enqueue

pytestmark = pytest.mark.django_db
START = dt.date(2021, 5, 25)
AT = dt.datetime(2021, 5, 25, 9, 0, tzinfo=dt.UTC)


def enqueue(key: str) -> OutboxMessage:
    with transaction.atomic():
        return outbox_enqueue(
            template="support_reply",
            to_email=f"{key}@woodgrove.test",
            context={"request_id": key, "request_subject": "s", "reply_excerpt": "r"},
            dedup_key=f"api:{key}",
            at=AT,
        )


@pytest.fixture
def started(pin_clock):
    pin_clock(START + dt.timedelta(days=2))
    RunnerState.objects.update_or_create(singleton=1, defaults={"completed_through": START})


def test_program_admin_runs_the_due_jobs_and_lists_the_runs_r_time_1(api_as, started):
    api = api_as("program_admin")
    response = api.post("/operator/job-runs", idempotency_key="run-1")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["days_run"] == ["2021-05-26", "2021-05-27"]
    jobs = len(daily_jobs())  # every capability's daily jobs run each day
    assert [run["status"] for run in body["job_runs"]] == ["succeeded"] * (2 * jobs)
    listed = api.get("/operator/job-runs", limit=jobs + 1).json()
    days = [run["program_day"] for run in listed["items"]]
    assert days == ["2021-05-27"] * jobs + ["2021-05-26"]
    rest = api.get("/operator/job-runs", limit=jobs + 1, cursor=listed["next_cursor"]).json()
    assert len(rest["items"]) == jobs - 1 and rest["next_cursor"] is None


def test_an_auditor_reads_but_may_not_run_jobs_r_role_1(api_as, started):
    api = api_as("auditor")
    assert api.get("/operator/job-runs").status_code == 200
    refused = api.post("/operator/job-runs", idempotency_key="run-2")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    assert not JobRun.objects.exists()


@pytest.mark.parametrize("role", ["partner_admin", "benefits_admin"])
def test_partners_and_customers_are_refused_r_role_1(api_as, role):
    api = api_as(role)
    assert api.get("/operator/outbox").status_code == 403
    assert api.get("/operator/job-runs").status_code == 403


def test_outbox_list_detail_and_retry(api_as):
    sent, failed = enqueue("sent"), enqueue("failed")
    OutboxMessage.objects.filter(pk=sent.pk).update(status=OutboxStatus.SENT, sent_at=AT)
    OutboxMessage.objects.filter(pk=failed.pk).update(status=OutboxStatus.FAILED, last_error="550")
    api = api_as("support")
    listed = api.get("/operator/outbox", status="failed").json()
    assert [item["to_email"] for item in listed["items"]] == ["failed@woodgrove.test"]
    assert listed["items"][0]["message_id"].startswith("<outbox.")
    detail = api.get(f"/operator/outbox/{failed.pk}").json()
    assert "body_text" in detail and detail["last_error"] == "550"
    retried = api.post(f"/operator/outbox/{failed.pk}/retry", idempotency_key="retry-1")
    assert retried.status_code == 200 and retried.json()["status"] == "pending"
    refused = api.post(f"/operator/outbox/{sent.pk}/retry", idempotency_key="retry-2")
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "message_not_retryable"
    missing = api.get("/operator/outbox/999999")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "outbox_message_not_found"
