"""Operator pages: Job runs, Sandbox clock and Mail (R-TIME-1, domain.md section 7)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planserv.jobs.models import JobRun, JobRunStatus, RunnerState
from planserv.jobs.registry import daily_jobs
from planserv.notifications.models import OutboxMessage, OutboxStatus
from planserv.notifications.services import outbox_enqueue

pytestmark = pytest.mark.django_db
START = dt.date(2021, 5, 25)
AT = dt.datetime(2021, 5, 25, 9, 0, tzinfo=dt.UTC)


def login(persona) -> Client:
    client = Client()
    client.force_login(persona.user)
    return client


def enqueue(key: str, *, status: str = OutboxStatus.PENDING, error: str = "") -> OutboxMessage:
    with transaction.atomic():
        message = outbox_enqueue(
            template="support_reply",
            to_email=f"{key}@woodgrove.test",
            context={
                "request_id": key,
                "request_subject": "Help & <support>",
                "reply_excerpt": "Here you go.",
                "replied_by": "Support",
                "time_zone": "UTC",
                "site_url": "http://planserv.test",
            },
            dedup_key=f"portal:{key}",
            at=AT,
        )
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=status, last_error=error, sent_at=AT if status == OutboxStatus.SENT else None
    )
    return message


@pytest.fixture
def started(pin_clock):
    pin_clock(START)
    RunnerState.objects.update_or_create(singleton=1, defaults={"completed_through": START})


@pytest.mark.parametrize("role", ["program_admin", "support", "auditor", "payment_reviewer"])
@pytest.mark.parametrize("path", ["/operator/jobs/", "/operator/clock/", "/operator/mail/"])
def test_operators_see_the_pages_and_the_navigation(persona, started, role, path):
    page = login(persona(role)).get(path)
    assert page.status_code == 200
    html = page.content.decode()
    for label in ("Job runs", "Sandbox controls", "Mail"):  # the Operations sub-navigation
        assert f">{label}</a>" in html


@pytest.mark.parametrize("role", ["global_admin", "partner_admin", "benefits_admin"])
@pytest.mark.parametrize("path", ["/operator/jobs/", "/operator/clock/", "/operator/mail/"])
def test_partners_and_customers_are_refused_r_role_1(persona, role, path):
    assert login(persona(role)).get(path).status_code == 403


class TestJobRunsPage:
    def test_program_admin_runs_the_due_jobs_now(self, persona, started, pin_clock):
        pin_clock(START + dt.timedelta(days=2))
        client = login(persona("program_admin"))
        response = client.post("/operator/jobs/run/", follow=True)
        runs = 2 * len(daily_jobs())
        assert f"Ran the due daily jobs: 2 program days, {runs} job runs, all succeeded." in (
            response.content.decode()
        )
        assert JobRun.objects.filter(status=JobRunStatus.SUCCEEDED).count() == runs
        assert "milestone_reminders" in client.get("/operator/jobs/").content.decode()

    def test_others_may_not_run_jobs_r_role_1(self, persona, started, pin_clock):
        pin_clock(START + dt.timedelta(days=2))
        client = login(persona("auditor"))
        assert "Run due jobs now" not in client.get("/operator/jobs/").content.decode()
        assert client.post("/operator/jobs/run/").status_code == 403
        assert not JobRun.objects.exists()

    def test_a_failed_run_shows_its_error(self, persona, started):
        JobRun.objects.create(
            job="milestone_reminders",
            program_day=START,
            status=JobRunStatus.FAILED,
            attempts=2,
            started_at=AT,
            error="RuntimeError: relay <down>",
        )
        html = login(persona("auditor")).get("/operator/jobs/?status=failed").content.decode()
        assert "RuntimeError: relay &lt;down&gt;" in html

    def test_the_page_makes_the_same_queries_for_1_and_100_runs_perf_4(self, persona, started):
        client = login(persona("auditor"))

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                assert client.get("/operator/jobs/").status_code == 200
            return len(captured)

        JobRun.objects.create(
            job="a", program_day=START, status="succeeded", started_at=AT, counts={"x": 1}
        )
        queries()  # the first request of a session fills caches
        one = queries()
        JobRun.objects.bulk_create(
            JobRun(
                job="a", program_day=START - dt.timedelta(days=n), status="succeeded", started_at=AT
            )
            for n in range(1, 100)
        )
        assert queries() == one


class TestSandboxClockPage:
    def test_advancing_lists_the_job_runs_of_the_days_passed_r_time_1(self, persona, started):
        client = login(persona("program_admin"))
        response = client.post("/operator/clock/move/", {"action": "advance", "days": "3"})
        assert response.status_code == 302
        assert response["Location"] == "/operator/clock/?from=2021-05-25&to=2021-05-28"
        html = client.get(response["Location"]).content.decode()
        assert "Friday 28 May 2021" in html
        moved = html.split('data-testid="moved-runs"', 1)[1].split("</table>", 1)[0]
        assert moved.count("milestone_reminders") == 3  # (the recent runs are listed below)
        assert JobRun.objects.count() == 3 * len(daily_jobs())

    def test_pinning_a_date_and_refusing_to_go_back_r_time_1(self, persona, started):
        client = login(persona("program_admin"))
        client.post("/operator/clock/move/", {"action": "pin", "date": "2021-06-01"})
        page = client.get("/operator/clock/").content.decode()
        assert "Tuesday 1 June 2021" in page
        back = client.post(
            "/operator/clock/move/", {"action": "pin", "date": "2021-05-30"}, follow=True
        )
        assert "cannot go back from 2021-06-01 to 2021-05-30" in back.content.decode()

    def test_bad_input_is_refused_with_a_sentence(self, persona, started):
        client = login(persona("program_admin"))
        response = client.post(
            "/operator/clock/move/", {"action": "advance", "days": "-4"}, follow=True
        )
        assert "The clock was not moved" in response.content.decode()
        assert not JobRun.objects.exists()

    def test_only_a_program_admin_moves_it_r_role_1(self, persona, started):
        client = login(persona("support"))
        assert "Advance the clock" not in client.get("/operator/clock/").content.decode()
        assert (
            client.post("/operator/clock/move/", {"action": "advance", "days": "3"}).status_code
            == 403
        )
        assert not JobRun.objects.exists()


class TestMailPage:
    def test_lists_messages_with_status_attempts_error_and_retry(self, persona):
        enqueue("ok", status=OutboxStatus.SENT)
        failed = enqueue("failing", status=OutboxStatus.FAILED, error="SMTPRecipientsRefused: 550")
        html = login(persona("program_admin")).get("/operator/mail/").content.decode()
        assert "failing@woodgrove.test" in html and "SMTPRecipientsRefused: 550" in html
        assert f"/operator/mail/{failed.pk}/retry/" in html
        assert html.count(">Retry</button>") == 1

    def test_support_retries_a_failed_message(self, persona, django_capture_on_commit_callbacks):
        failed = enqueue("failing", status=OutboxStatus.FAILED, error="550")
        client = login(persona("support"))
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/operator/mail/{failed.pk}/retry/", follow=True)
        assert "queued for delivery again" in response.content.decode()
        failed.refresh_from_db()
        assert failed.status == OutboxStatus.SENT

    def test_an_auditor_may_not_retry_r_role_1(self, persona):
        failed = enqueue("failing", status=OutboxStatus.FAILED)
        client = login(persona("auditor"))
        assert ">Retry</button>" not in client.get("/operator/mail/").content.decode()
        assert client.post(f"/operator/mail/{failed.pk}/retry/").status_code == 403
        failed.refresh_from_db()
        assert failed.status == OutboxStatus.FAILED

    def test_a_sent_message_cannot_be_retried(self, persona):
        sent = enqueue("sent", status=OutboxStatus.SENT)
        response = login(persona("program_admin")).post(
            f"/operator/mail/{sent.pk}/retry/", follow=True
        )
        assert "only a failed message can be retried" in response.content.decode()

    def test_filters_by_status_and_search(self, persona):
        enqueue("alpha", status=OutboxStatus.SENT)
        enqueue("beta", status=OutboxStatus.DEAD)
        client = login(persona("auditor"))
        dead = client.get("/operator/mail/?status=dead").content.decode()
        assert "beta@" in dead and "alpha@" not in dead
        found = client.get("/operator/mail/?q=alpha").content.decode()
        assert "alpha@" in found and "beta@" not in found

    def test_the_message_page_shows_both_parts(self, persona):
        message = enqueue("detail")
        client = login(persona("auditor"))
        html = client.get(f"/operator/mail/{message.pk}/").content.decode()
        assert "portal:detail" in html and "Here you go." in html
        assert f'src="/operator/mail/{message.pk}/body.html"' in html and "sandbox" in html
        body = client.get(f"/operator/mail/{message.pk}/body.html")
        assert body.status_code == 200 and body["X-Frame-Options"] == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in body["Content-Security-Policy"]
        assert "script-src 'none'" in body["Content-Security-Policy"]
        assert "Help &amp; &lt;support&gt;" in body.content.decode()

    def test_an_unknown_message_is_not_found(self, persona):
        assert login(persona("auditor")).get("/operator/mail/999999/").status_code == 404

    def test_the_list_makes_the_same_queries_for_1_and_100_messages_perf_4(self, persona):
        client = login(persona("auditor"))

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                assert client.get("/operator/mail/").status_code == 200
            return len(captured)

        enqueue("first")
        queries()  # the first request of a session fills caches
        one = queries()
        for n in range(99):
            enqueue(f"more-{n}")
        assert queries() == one
