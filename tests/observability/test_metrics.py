"""/metrics (issue 21, item 2): its own bearer token, and the exposition parsed with
prometheus_client's parser."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.test import Client, override_settings
from prometheus_client.parser import text_string_to_metric_families

from planserv.core import clock
from planserv.jobs.models import JobRun, JobRunStatus
from planserv.notifications.models import OutboxMessage, OutboxStatus
from planserv.observability import metrics
from tests.core.test_admission import _find_admission as find_admission
from tests.factories import vouchers as voucher_factory

TOKEN = "metrics-secret-0123456789"


def scrape(settings, token: str = TOKEN) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    settings.PLANSERV_METRICS_TOKEN = TOKEN
    response = Client().get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


class TestMetricsToken:
    def test_without_a_configured_token_metrics_do_not_exist(self, settings, db) -> None:
        settings.PLANSERV_METRICS_TOKEN = ""
        response = Client().get("/metrics", headers={"Authorization": "Bearer anything"})
        assert response.status_code == 404

    @pytest.mark.parametrize("header", ["", "Bearer wrong", f"Basic {TOKEN}", "Bearer"])
    def test_a_missing_or_wrong_token_is_forbidden(self, settings, db, header) -> None:
        settings.PLANSERV_METRICS_TOKEN = TOKEN
        headers = {"Authorization": header} if header else {}
        response = Client().get("/metrics", headers=headers)
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"


@pytest.mark.django_db
class TestMetricsContent:
    def test_requests_are_counted_by_route_and_status_with_latency(self, settings) -> None:
        before = scrape(settings)
        client = Client()
        client.get("/health")
        client.get("/health")
        client.get("/no-such-page/")
        after = scrape(settings)
        key = {"method": "GET", "route": "health", "status": "200"}
        assert (
            value(after, "planserv_http_requests_total", **key)
            - value(before, "planserv_http_requests_total", **key)
            == 2
        )
        missing = {"method": "GET", "route": "unresolved", "status": "404"}
        assert value(after, "planserv_http_requests_total", **missing) >= 1
        count = "planserv_http_request_duration_seconds_count"
        assert (
            value(after, count, method="GET", route="health")
            - value(before, count, method="GET", route="health")
            == 2
        )
        assert value(
            after,
            "planserv_http_request_duration_seconds_bucket",
            method="GET",
            route="health",
            le="+Inf",
        ) == value(after, count, method="GET", route="health")

    def test_shed_requests_are_counted_by_kind(self, settings) -> None:
        """Through the whole stack: the one read slot taken, a read is shed and counted."""
        before = scrape(settings)
        with override_settings(PLANSERV_MAX_INFLIGHT=2, PLANSERV_INFLIGHT_WRITE_RESERVE=1):
            client = Client()
            client.handler.load_middleware()
        admission = find_admission(client.handler)
        assert admission.counter is not None and admission.counter.try_acquire(write=False)
        try:
            assert client.get("/api/v1/vouchers").status_code == 503
        finally:
            admission.counter.release()
        after = scrape(settings)
        shed = "planserv_http_requests_shed_total"
        assert value(after, shed, kind="read") - value(before, shed, kind="read") == 1
        assert value(after, shed, kind="write") == value(before, shed, kind="write")
        requests = "planserv_http_requests_total"
        labels = {"method": "GET", "route": "unresolved", "status": "503"}
        assert value(after, requests, **labels) - value(before, requests, **labels) == 1

    def test_outbox_gauges_backlog_oldest_age_and_dead(self, settings) -> None:
        now = clock.now()
        for n, (status, age) in enumerate(
            [(OutboxStatus.PENDING, 30), (OutboxStatus.FAILED, 120), (OutboxStatus.DEAD, 999)]
        ):
            OutboxMessage.objects.create(
                dedup_key=f"m-{n}",
                template="test",
                to_email="a@example.com",
                subject="s",
                body_text="b",
                status=status,
                created_at=now - dt.timedelta(seconds=age),
            )
        samples = scrape(settings)
        assert value(samples, "planserv_outbox_backlog_messages") == 2
        assert 120 <= value(samples, "planserv_outbox_oldest_age_seconds") < 180
        assert value(samples, "planserv_outbox_dead_messages") == 1
        assert value(samples, "planserv_outbox_relay_paused") == 0

    def test_job_runs_and_failed_attempts(self, settings) -> None:
        day = dt.date(2021, 3, 1)
        for job, status, attempts in [
            ("a", JobRunStatus.SUCCEEDED, 1),
            ("a", JobRunStatus.SUCCEEDED, 3),  # two failures, then success
            ("b", JobRunStatus.FAILED, 2),
        ]:
            JobRun.objects.create(
                job=job,
                program_day=day + dt.timedelta(days=attempts),
                status=status,
                attempts=attempts,
                started_at=clock.now(),
            )
        samples = scrape(settings)
        assert value(samples, "planserv_job_runs", job="a", status="succeeded") == 2
        assert value(samples, "planserv_job_runs", job="b", status="failed") == 1
        assert value(samples, "planserv_job_failed_attempts", job="a") == 2
        assert value(samples, "planserv_job_failed_attempts", job="b") == 2

    def test_days_by_ledger_account_and_vouchers_by_status(self, settings, pin_clock) -> None:
        pin_clock(dt.date(2021, 3, 2))
        pool = voucher_factory.customer_pool(days=100)
        firm = voucher_factory.eligible_firm()
        voucher_factory.assigned(pool, days=5)
        voucher_factory.reserved(voucher_factory.assigned(pool, days=10), firm)
        samples = scrape(settings)
        assert value(samples, "planserv_ledger_days", account="available") == 85
        assert value(samples, "planserv_ledger_days", account="held") == 15
        assert value(samples, "planserv_ledger_days", account="issued") == -100
        assert value(samples, "planserv_vouchers", status="assigned") == 1
        assert value(samples, "planserv_vouchers", status="reserved") == 1
        assert value(samples, "planserv_vouchers", status="redeemed") == 0

    def test_days_and_vouchers_are_read_at_most_once_per_max_age(
        self, settings, pin_clock, monkeypatch
    ) -> None:
        pin_clock(dt.date(2021, 3, 2))
        pool = voucher_factory.customer_pool(days=100)
        voucher_factory.assigned(pool, days=5)
        monkeypatch.setattr(metrics, "SLOW_GAUGES_MAX_AGE", 60.0)
        monkeypatch.setattr(metrics, "_totals", None)
        assert value(scrape(settings), "planserv_vouchers", status="assigned") == 1
        voucher_factory.assigned(pool, days=5)
        again = scrape(settings)  # within the minute: the process's last reading
        assert value(again, "planserv_vouchers", status="assigned") == 1
        assert value(again, "planserv_ledger_days", account="held") == 5
        monkeypatch.setattr(metrics, "SLOW_GAUGES_MAX_AGE", 0.0)
        later = scrape(settings)
        assert value(later, "planserv_vouchers", status="assigned") == 2
        assert value(later, "planserv_ledger_days", account="held") == 10


def test_gunicorn_processes_are_summed_in_multiprocess_mode(settings, db, tmp_path) -> None:
    """Two processes count requests into PROMETHEUS_MULTIPROC_DIR; a scrape sums them."""
    count_one = (
        "from prometheus_client import Counter;"
        "Counter('planserv_http_requests', '', ['method', 'route', 'status'])"
        ".labels('GET', 'ready', '200').inc(3)"
    )
    for _ in range(2):
        subprocess.run(
            [sys.executable, "-c", count_one],
            env={**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)},
            check=True,
        )
    settings.PLANSERV_METRICS_MULTIPROCESS_DIR = str(tmp_path)
    samples = scrape(settings)
    assert (
        value(samples, "planserv_http_requests_total", method="GET", route="ready", status="200")
        == 6
    )
    assert "planserv_vouchers" in {name for name, _ in samples}  # database gauges still there
