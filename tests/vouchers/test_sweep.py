"""The expiry sweep is set-based (a fixed number of statements per batch, whatever the number of
vouchers), resumable after a crash between batches, and runs at its place among the daily jobs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planserv.core.actor import Actor
from planserv.customers.models import LedgerEntry
from planserv.customers.selectors import agreement_balances
from planserv.jobs.registry import daily_jobs
from planserv.vouchers.models import Voucher
from planserv.vouchers.services import vouchers_expire_due
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db
D = dt.date
JOB = Actor.system(label="daily jobs")
DAY = D(2021, 3, 2)  # the day after vouchers created on 2020-09-02 expire


def _due(count: int) -> factory.Pool:
    pool = factory.customer_pool(days=count)
    for _ in range(count):
        factory.assigned(pool, today=D(2020, 9, 2), days=1)
    return pool


def _sweep_queries(count: int) -> int:
    _due(count)
    with CaptureQueriesContext(connection) as captured:
        report = vouchers_expire_due(as_of=DAY, actor=JOB, at=factory.at(DAY))
    assert report.expired == count
    return len(captured)


def test_one_batch_costs_the_same_statements_for_3_or_40_vouchers_perf_2():
    assert _sweep_queries(3) == _sweep_queries(40)


class Crash(Exception):
    pass


def test_a_sweep_stopped_after_a_batch_resumes_and_writes_nothing_twice_rel_6():
    pool = _due(7)

    def crash(batch: object) -> None:
        raise Crash

    with pytest.raises(Crash):
        vouchers_expire_due(
            as_of=DAY, actor=JOB, at=factory.at(DAY), batch_size=3, after_batch=crash
        )
    assert Voucher.objects.filter(status="expired").count() == 3
    report = vouchers_expire_due(as_of=DAY, actor=JOB, at=factory.at(DAY), batch_size=3)
    assert (report.expired, report.batches) == (4, 2)
    assert LedgerEntry.objects.filter(cause="expiry").count() == 7
    pool.agreement.refresh_from_db()
    assert agreement_balances(pool.agreement)["held"] == 0


def test_the_vouchers_jobs_run_before_the_removal_and_reminders_after_it():
    names = [job.name for job in daily_jobs()]
    assert names.index("vouchers.expiry_extensions") < names.index("vouchers.expiry_sweep")
    assert names.index("vouchers.expiry_sweep") < names.index("customers.removal")
    assert names.index("customers.removal") < names.index("vouchers.expiry_reminders")
