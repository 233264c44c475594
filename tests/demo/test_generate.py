"""`planserv generate` (PERF-6 data set, demo/bulk.py) at a tiny scale: the set-based SQL writes a
data set that every invariant accepts, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from planserv.customers.ledger.accounts import ALL_KINDS
from planserv.customers.models import LedgerAccount, LedgerEntry, LicensingAgreement
from planserv.customers.selectors import ledger_reconcile_report
from planserv.vouchers.models import Reservation, Voucher
from planserv.vouchers.voucher_id import parse

pytestmark = pytest.mark.django_db


def test_the_tiny_data_set_is_clean_under_every_ledger_invariant_perf_6():
    out = io.StringIO()
    call_command("generate", "--scale", "tiny", "--without-demo", stdout=out)

    report = ledger_reconcile_report()
    assert report.clean, [str(problem) for problem in report.problems[:5]]
    agreements = LicensingAgreement.objects.filter(licensing_id__startswith="GEN-")
    assert agreements.count() == 100
    assert LedgerAccount.objects.count() == 100 * len(ALL_KINDS)
    vouchers = list(Voucher.objects.values_list("voucher_id", "status", "holder_id", "days"))
    assert len(vouchers) == 1000
    # R-VOU-4: every generated id is canonical and passes its check character; all distinct.
    assert all(parse(voucher_id) == voucher_id for voucher_id, *_ in vouchers)
    assert len({voucher_id for voucher_id, *_ in vouchers}) == 1000
    reserved = [v for v in vouchers if v[1] == "reserved"]
    assert reserved and all(holder for _, _, holder, _ in reserved)
    assert Reservation.objects.filter(is_active=True).count() == len(reserved)
    # One accrual per agreement and one hold per voucher; held days equal the vouchers' days.
    assert LedgerEntry.objects.filter(cause="accrual").count() == 100
    assert LedgerEntry.objects.filter(cause="voucher").count() == 1000
    held = sum(LedgerAccount.objects.filter(kind="held").values_list("balance", flat=True))
    assert held == sum(days for *_, days in vouchers)
    assert "Generated 5 partner firms, 50 customers, 100 agreements" in out.getvalue()


def test_a_second_generation_is_refused():
    call_command("generate", "--scale", "tiny", "--without-demo", stdout=io.StringIO())
    with pytest.raises(Exception, match="already holds a generated data set"):
        call_command("generate", "--scale", "tiny", "--without-demo", stdout=io.StringIO())


def _schema_of_bulk_tables() -> set[tuple[str, ...]]:
    from django.db import connection

    from planserv_dev.demo.bulk import BULK_TABLES

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'index', indexdef FROM pg_indexes WHERE tablename = ANY(%s) UNION ALL "
            "SELECT 'constraint', conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid::regclass::text = ANY(%s)",
            [list(BULK_TABLES), list(BULK_TABLES)],
        )
        return {tuple(row) for row in cursor.fetchall()}


@pytest.mark.postgres_only
def test_the_indexes_and_keys_dropped_for_the_load_are_all_built_again():
    before = _schema_of_bulk_tables()
    assert len(before) > 40  # the vouchers table alone has 17 indexes and 7 foreign keys
    out = io.StringIO()
    call_command("generate", "--scale", "tiny", "--without-demo", stdout=out)
    assert _schema_of_bulk_tables() == before
    assert "indexes and keys:" in out.getvalue()
