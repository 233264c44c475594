"""Prometheus metrics (prometheus_client): what the processes count, and what the database holds.

Two kinds:
- counted by each gunicorn process as requests pass (requests by route and status, their
  latency, shed requests). With several processes, set `PROMETHEUS_MULTIPROC_DIR` (prometheus_client
  multiprocess mode): each process writes its samples there and a scrape, whichever process
  answers it, sums them all. `planserv run` sets it up; docs/operations.md says how elsewhere.
- read from the database at scrape time (the outbox, the job runs, days by ledger account,
  vouchers by status), so every process answers the same and nothing is kept in step. The outbox
  and job gauges are small index reads, fresh at every scrape; days by account and vouchers by
  status read every account and every voucher-index entry (a second or more at 1,000,000 vouchers
  on a loaded machine, docs/operations.md), so a process reads them at most once every
  SLOW_GAUGES_MAX_AGE seconds and answers other scrapes from that reading.
Webhook deliveries are not counted: planserv sends no webhooks yet.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from planserv.core import clock
from planserv.customers.ledger.selectors import ledger_days_by_kind
from planserv.jobs.selectors import job_run_tallies
from planserv.notifications.selectors import outbox_backlog, outbox_relay_get
from planserv.vouchers.selectors import voucher_status_counts

CONTENT_TYPE = CONTENT_TYPE_LATEST
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

REQUESTS = Counter(
    "planserv_http_requests",
    "HTTP requests answered, by method, route pattern and status code.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "planserv_http_request_duration_seconds",
    "Time from the request reaching Django to its response, by method and route pattern.",
    ["method", "route"],
    buckets=LATENCY_BUCKETS,
)
SHED = Counter(
    "planserv_http_requests_shed",
    "Requests answered 503 overloaded by admission control (PERF-5), by read or write.",
    ["kind"],
)


def observe_request(*, method: str, route: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method=method, route=route, status=str(status)).inc()
    LATENCY.labels(method=method, route=route).observe(seconds)


def observe_shed(*, kind: str) -> None:
    SHED.labels(kind=kind).inc()


SLOW_GAUGES_MAX_AGE = 60.0  # seconds; Prometheus scrapes every 15-60 s


@dataclass(frozen=True)
class _Totals:
    read_at: float  # time.monotonic()
    ledger_days: dict[str, int]
    vouchers: dict[str, int]


_totals: _Totals | None = None
_totals_lock = threading.Lock()


def _slow_totals() -> _Totals:
    """Days by account and vouchers by status, read at most once per SLOW_GAUGES_MAX_AGE."""
    global _totals
    with _totals_lock:
        now = time.monotonic()
        if _totals is None or now - _totals.read_at >= SLOW_GAUGES_MAX_AGE:
            _totals = _Totals(now, ledger_days_by_kind(), voucher_status_counts())
        return _totals


class DatabaseCollector(Collector):
    """The gauges read from the database at scrape time."""

    def collect(self) -> Iterator[Metric]:
        yield from _outbox()
        yield from _jobs()
        totals = _slow_totals()
        ledger = GaugeMetricFamily(
            "planserv_ledger_days",
            "Days in each kind of ledger account, all agreements.",
            labels=["account"],
        )
        for kind, days in totals.ledger_days.items():
            ledger.add_metric([kind], days)
        yield ledger
        vouchers = GaugeMetricFamily("planserv_vouchers", "Vouchers by status.", labels=["status"])
        for status, total in totals.vouchers.items():
            vouchers.add_metric([status], total)
        yield vouchers


def _outbox() -> Iterator[Metric]:
    backlog = outbox_backlog()
    yield GaugeMetricFamily(
        "planserv_outbox_backlog_messages",
        "Email waiting to be delivered (pending, or failed and to be retried).",
        value=backlog.undelivered,
    )
    oldest = (
        (clock.now() - backlog.oldest_created_at).total_seconds()
        if backlog.oldest_created_at is not None
        else 0.0
    )
    yield GaugeMetricFamily(
        "planserv_outbox_oldest_age_seconds",
        "Age of the oldest undelivered email (0 when none waits).",
        value=max(oldest, 0.0),
    )
    yield GaugeMetricFamily(
        "planserv_outbox_dead_messages",
        "Email given up on (an operator may retry it).",
        value=backlog.dead,
    )
    relay = outbox_relay_get()
    paused_until = relay.paused_until if relay is not None else None
    yield GaugeMetricFamily(
        "planserv_outbox_relay_paused",
        "1 while delivery is paused after the mail relay failed, else 0.",
        value=int(paused_until is not None and paused_until > clock.real_now()),
    )


def _jobs() -> Iterator[Metric]:
    runs = GaugeMetricFamily(
        "planserv_job_runs",
        "Daily job runs recorded, by job and status.",
        labels=["job", "status"],
    )
    failures = GaugeMetricFamily(
        "planserv_job_failed_attempts",
        "Failed attempts of daily job runs, by job.",
        labels=["job"],
    )
    failed_by_job: dict[str, int] = {}
    for tally in job_run_tallies():
        runs.add_metric([tally.job, tally.status], tally.runs)
        failed_by_job[tally.job] = failed_by_job.get(tally.job, 0) + tally.failed_attempts
    for job, failed in failed_by_job.items():
        failures.add_metric([job], failed)
    yield runs
    yield failures


def render() -> bytes:
    """The exposition text of one scrape: this process's (or every process's) counters, then
    the database gauges."""
    database = CollectorRegistry(auto_describe=False)
    database.register(DatabaseCollector())
    directory = settings.PLANSERV_METRICS_MULTIPROCESS_DIR
    if directory:
        processes = CollectorRegistry()
        multiprocess.MultiProcessCollector(processes, path=directory)
        counted = generate_latest(processes)
    else:
        counted = generate_latest(REGISTRY)
    return counted + generate_latest(database)
