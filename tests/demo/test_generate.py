"""`planserv generate` (PERF-6 data set, demo/bulk.py) at a tiny scale: the set-based SQL writes a
data set that every invariant accepts, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from planserv.customers.ledger.accounts import ALL_KINDS
from planserv.customers.models import LedgerAccount, LedgerEntry, LicensingAgreement
from planserv.customers.selectors import ledger_reconcile_report
from planserv.payments.models import PaymentRequest, PaymentRun
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
    assert len(vouchers) == 1000 + 60  # ten live per agreement, and 60 redeemed (6 in 10)
    # R-VOU-4: every generated id is canonical and passes its check character; all distinct.
    assert all(parse(voucher_id) == voucher_id for voucher_id, *_ in vouchers)
    assert len({voucher_id for voucher_id, *_ in vouchers}) == len(vouchers)
    reserved = [v for v in vouchers if v[1] == "reserved"]
    redeemed = [v for v in vouchers if v[1] == "redeemed"]
    assert reserved and all(holder for _, _, holder, _ in reserved)
    assert len(redeemed) == 60 and all(holder for _, _, holder, _ in redeemed)
    assert Reservation.objects.filter(is_active=True).count() == len(reserved) + len(redeemed)
    assert not Voucher.objects.filter(status="redeemed", redeemed_location=None).exists()
    # One accrual per agreement, one hold per voucher, one redemption per redeemed voucher; held
    # and consumed days equal the vouchers' days.
    assert LedgerEntry.objects.filter(cause="accrual").count() == 100
    assert LedgerEntry.objects.filter(cause="voucher").count() == len(vouchers) + len(redeemed)
    held = sum(LedgerAccount.objects.filter(kind="held").values_list("balance", flat=True))
    assert held == sum(days for _, status, _, days in vouchers if status != "redeemed")
    consumed = sum(LedgerAccount.objects.filter(kind="consumed").values_list("balance", flat=True))
    assert consumed == sum(days for *_, days in redeemed)
    # Payment requests for nine redeemed vouchers in ten, in every status, paid ones in runs.
    requests = PaymentRequest.objects.all()
    assert requests.count() == 54
    statuses = set(requests.values_list("status", flat=True))
    assert {"paid", "validating", "held", "denied"} <= statuses, statuses
    assert statuses <= {
        "submitted",
        "validating",
        "held",
        "approved",
        "in_payment_run",
        "paid",
        "denied",
    }
    for request in requests.select_related("voucher", "registration", "run"):
        assert request.voucher.status == "redeemed"
        assert request.organisation_id == request.voucher.holder_id
        assert request.registration.organisation_id == request.organisation_id
        assert request.amount == request.days * request.day_rate
        assert request.filed_on <= dt.date(2021, 6, 15)
        if request.status in ("paid", "in_payment_run"):
            assert request.run is not None
            assert (request.run.status == "confirmed") == (request.status == "paid")
    assert PaymentRun.objects.filter(requests__isnull=False).distinct().count() >= 2
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
