"""REL-2: concurrent holds can never overdraw a pool (row locks in pk order + CHECK constraint)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from planserv.customers.ledger.accounts import AccountKind, EntryCause
from planserv.customers.models import LedgerEntry
from planserv.customers.selectors import agreement_balances
from planserv.customers.services import ledger_move
from tests.customers.ledger_checks import assert_ledger_consistent
from tests.factories import customers as factory
from tests.races import race

DAY = dt.date(2020, 3, 2)
THREADS = 64


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_64_concurrent_10_day_holds_on_a_300_day_pool_exactly_30_succeed_rel_2():
    agreement = factory.agreement()
    factory.grant(agreement, 300)

    def create_hold(number: int) -> None:
        with transaction.atomic():
            ledger_move(
                agreement=agreement,
                source=AccountKind.AVAILABLE,
                destination=AccountKind.HELD,
                days=10,
                cause=EntryCause.VOUCHER,
                cause_id=f"V-{number}",
                effective_date=DAY,
                idempotency_key=f"race:{number}",
                actor=factory.OPERATOR,
                at=factory.at(DAY),
            )

    outcomes = race([lambda number=number: create_hold(number) for number in range(THREADS)])
    assert outcomes == {"ok": 30, "insufficient_days": 34}
    balances = agreement_balances(agreement)
    assert (balances["available"], balances["held"]) == (0, 300)
    assert LedgerEntry.objects.filter(cause=EntryCause.VOUCHER).count() == 30
    assert_ledger_consistent()
