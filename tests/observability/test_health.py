"""/health and /ready (issue 21, item 1): what each readiness check refuses, with its reason."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import OperationalError
from django.test import Client

from planserv.core import clock
from planserv.jobs.models import RunnerState
from planserv.jobs.runner import run_daily_jobs_through
from planserv.notifications.models import OutboxMessage, OutboxRelay, OutboxStatus
from planserv.observability import health

NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


def get_ready() -> tuple[int, dict]:
    response = Client().get("/ready")
    return response.status_code, response.json()


def message(n: int, *, status: str = OutboxStatus.PENDING, created: dt.datetime) -> None:
    OutboxMessage.objects.create(
        dedup_key=f"ready-{n}",
        template="test",
        to_email=f"someone{n}@example.com",
        subject="Hello",
        body_text="Body",
        status=status,
        created_at=created,
        sent_at=created if status == OutboxStatus.SENT else None,
    )


@pytest.fixture
def worker_checked(db) -> None:
    """A worker took the runner lease just now (it does every --interval seconds)."""
    RunnerState.objects.update_or_create(singleton=1, defaults={"checked_at": clock.real_now()})


def test_health_answers_without_touching_the_database() -> None:
    # No database marker: any query here would fail the test.
    response = Client().get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_health_refuses_a_post() -> None:
    assert Client().post("/health").status_code == 405


@pytest.mark.django_db
class TestReady:
    def test_ready_with_every_check_and_its_reason(self, worker_checked) -> None:
        status, body = get_ready()
        assert status == 200, body
        assert body["status"] == "ready"
        assert set(body["checks"]) == {
            "database",
            "migrations",
            "job_runner",
            "outbox",
            "mail_relay",
        }
        assert all(check["ok"] and check["reason"] for check in body["checks"].values())

    def test_a_worker_that_ran_the_jobs_makes_the_runner_fresh(self, pin_clock) -> None:
        today = pin_clock(dt.date(2021, 3, 1))
        assert get_ready()[1]["checks"]["job_runner"]["reason"] == (
            "No worker has run the daily jobs yet."
        )
        run_daily_jobs_through(through=today)
        status, body = get_ready()
        assert status == 200, body
        assert "completed through 2021-03-01" in body["checks"]["job_runner"]["reason"]

    def test_no_worker_for_longer_than_the_limit_is_not_ready(self, settings) -> None:
        settings.PLANSERV_READY_RUNNER_STALE_SECONDS = 600
        with time_machine.travel(NOW, tick=False):
            RunnerState.objects.update_or_create(singleton=1, defaults={"checked_at": NOW})
        with time_machine.travel(NOW + dt.timedelta(seconds=599), tick=False):
            assert get_ready()[0] == 200
        with time_machine.travel(NOW + dt.timedelta(seconds=601), tick=False):
            status, body = get_ready()
        assert status == 503 and body["status"] == "not_ready"
        check = body["checks"]["job_runner"]
        assert (
            not check["ok"] and "601 s" in check["reason"] and "planserv worker" in check["reason"]
        )

    def test_an_expired_lease_says_the_runner_stopped_mid_job(self, worker_checked) -> None:
        RunnerState.objects.filter(singleton=1).update(
            lease_owner="host:42:1", lease_until=clock.real_now() - dt.timedelta(seconds=5)
        )
        status, body = get_ready()
        assert status == 503
        assert "host:42:1" in body["checks"]["job_runner"]["reason"]

    def test_outbox_backlog_over_the_threshold_is_not_ready(self, worker_checked, settings):
        settings.PLANSERV_READY_OUTBOX_BACKLOG_MAX = 2
        for n in range(2):
            message(n, created=clock.now())
        assert get_ready()[0] == 200
        message(2, status=OutboxStatus.FAILED, created=clock.now())
        message(3, status=OutboxStatus.SENT, created=clock.now())  # sent mail is no backlog
        status, body = get_ready()
        assert status == 503
        assert body["checks"]["outbox"] == {
            "ok": False,
            "reason": "3 emails wait to be delivered (limit 2).",
        }

    def test_an_old_undelivered_email_is_not_ready(self, worker_checked, settings) -> None:
        settings.PLANSERV_READY_OUTBOX_OLDEST_SECONDS = 900
        message(1, created=clock.now() - dt.timedelta(seconds=800))
        assert get_ready()[0] == 200
        message(2, created=clock.now() - dt.timedelta(seconds=1000))
        status, body = get_ready()
        assert status == 503
        assert body["checks"]["outbox"]["reason"].startswith("The oldest undelivered email is 1000")

    def test_a_paused_relay_is_not_ready_until_the_pause_ends(self, worker_checked) -> None:
        OutboxRelay.objects.create(
            singleton=1,
            paused_until=clock.real_now() + dt.timedelta(minutes=2),
            consecutive_failures=3,
            last_error="ConnectionRefusedError: [Errno 111]",
        )
        status, body = get_ready()
        assert status == 503
        assert "3 relay failures: ConnectionRefusedError" in body["checks"]["mail_relay"]["reason"]
        OutboxRelay.objects.update(paused_until=clock.real_now() - dt.timedelta(seconds=1))
        assert get_ready()[0] == 200

    def test_unapplied_migrations_are_not_ready(self, worker_checked, monkeypatch) -> None:
        class Pending:
            app_label, name = "vouchers", "0099_future"

        monkeypatch.setattr(health, "_migrations_seen_applied", False)
        monkeypatch.setattr(
            health.MigrationExecutor, "migration_plan", lambda self, targets: [(Pending, False)]
        )
        status, body = get_ready()
        assert status == 503
        assert body["checks"]["migrations"] == {
            "ok": False,
            "reason": "1 migrations are not applied: vouchers.0099_future.",
        }

    def test_an_unreachable_database_fails_every_check_that_needs_it(self, monkeypatch) -> None:
        def refuse() -> health.Check:
            raise OperationalError("connection refused to db.internal as planserv")

        monkeypatch.setattr(health, "check_database", refuse)
        status, body = get_ready()
        assert status == 503
        assert body["checks"]["database"]["reason"] == (
            "The database does not answer: OperationalError."
        )
        assert "db.internal" not in str(body)  # no connection details to the outside
        assert not any(check["ok"] for check in body["checks"].values())
