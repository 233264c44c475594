"""Partitioned sweeps (core/partitions.py): the key space splits into ranges of about equal size
that cover every key once; on PostgreSQL outside a transaction the expiry sweep and the removal
run their batches over two connections and write exactly what one connection writes."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, transaction

from planserv.audit.models import AuditEvent
from planserv.core.actor import Actor
from planserv.core.partitions import Partitioned, key_ranges, run_partitioned, sweep_workers
from planserv.customers.models import LedgerEntry
from planserv.customers.selectors import agreement_balances, ledger_reconcile
from planserv.customers.services import removal_run
from planserv.vouchers.models import Voucher
from planserv.vouchers.services import vouchers_expire_due
from tests.factories import customers as customer_factory
from tests.factories import vouchers as factory

JOB = Actor.system(label="daily jobs")
D = dt.date


def _in_ranges(key: int, ranges: list[tuple[int, int | None]]) -> int:
    return sum(1 for after, upto in ranges if after < key and (upto is None or key <= upto))


@pytest.mark.django_db
@pytest.mark.parametrize("parts", [1, 2, 3, 5])
def test_key_ranges_cover_every_key_once_in_parts_of_about_equal_size(parts):
    for _ in range(23):
        customer_factory.agreement()
    from planserv.customers.models import LicensingAgreement

    keys = LicensingAgreement.objects.values_list("pk", flat=True)
    ranges = key_ranges(LicensingAgreement.objects.all(), "pk", parts)
    assert len(ranges) == parts
    assert all(_in_ranges(key, ranges) == 1 for key in keys)
    sizes = [sum(1 for key in keys if _in_ranges(key, [bounds]) == 1) for bounds in ranges]
    assert max(sizes) - min(sizes) <= 1
    assert ranges[-1][1] is None  # the last range is open: rows due later are still swept


@pytest.mark.django_db
def test_key_ranges_keep_one_range_when_there_are_few_keys():
    customer_factory.agreement()
    from planserv.customers.models import LicensingAgreement

    assert key_ranges(LicensingAgreement.objects.all(), "pk", 4) == [(0, None)]


@pytest.mark.django_db
def test_one_connection_inside_a_transaction_or_on_sqlite(settings):
    settings.PLANSERV_SWEEP_WORKERS = 4
    with transaction.atomic():
        assert sweep_workers() == 1
    settings.PLANSERV_SWEEP_WORKERS = 1
    assert sweep_workers() == 1


def test_a_failing_range_stops_the_others_and_its_error_is_raised():
    seen: list[int] = []
    lock = threading.Lock()
    started = threading.Barrier(2)

    def work(after: int, upto: int | None, shared: Partitioned) -> None:
        started.wait(timeout=10)
        if after == 0:
            raise ValueError("batch refused")
        while not shared.stop.wait(0.01):
            with lock:
                seen.append(shared.next_batch_number())
        with lock:
            seen.append(-1)  # stopped

    with pytest.raises(ValueError, match="batch refused"):
        run_partitioned([(0, 10), (10, None)], work)
    assert seen[-1] == -1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_expiry_sweep_over_two_connections_expires_every_due_voucher_once(settings):
    settings.PLANSERV_SWEEP_WORKERS = 2
    assert sweep_workers() == 2
    pools = [factory.customer_pool(days=12) for _ in range(3)]
    for number in range(30):  # interleaved: both ranges hold vouchers of every agreement
        factory.assigned(pools[number % 3], today=D(2020, 9, 2), days=1)
    day = D(2021, 3, 2)
    report = vouchers_expire_due(as_of=day, actor=JOB, at=factory.at(day), batch_size=4)
    assert (report.expired, report.batches) == (30, 8)
    assert Voucher.objects.exclude(status="expired").count() == 0
    assert LedgerEntry.objects.filter(cause="expiry").count() == 30
    numbers = sorted(
        event.after["batch"] for event in AuditEvent.objects.filter(action="vouchers.expiry.batch")
    )
    assert numbers == list(range(1, 9))
    assert ledger_reconcile() == []
    again = vouchers_expire_due(as_of=day, actor=JOB, at=factory.at(day), batch_size=4)
    assert again.expired == 0


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_removal_over_two_connections_removes_every_agreements_days_once(settings):
    settings.PLANSERV_SWEEP_WORKERS = 2
    agreements = []
    for days in range(1, 22):
        agreement = customer_factory.agreement()
        customer_factory.grant(agreement, days)
        agreements.append(agreement)
    removal = D(2021, 7, 1)
    report = removal_run(as_of=removal, actor=JOB, at=customer_factory.at(removal), batch_size=4)
    assert (report.agreements, report.entries) == (21, 21)
    assert report.batches >= 6  # 21 agreements in batches of 4 over two ranges
    assert [agreement_balances(a)["removed"] for a in agreements] == list(range(1, 22))
    assert all(agreement_balances(a)["available"] == 0 for a in agreements)
    assert ledger_reconcile() == []
    again = removal_run(as_of=removal, actor=JOB, at=customer_factory.at(removal))
    assert again.entries == 0
    assert connection.vendor == "postgresql"
