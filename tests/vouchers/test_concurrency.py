"""REL-1: one reservation per voucher, however concurrent; REL-2: voucher creations never overdraw
the pool. Real threads, each with its own database connection, released by a barrier."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter

import pytest

from planserv.core.errors import DomainError
from planserv.customers.selectors import agreement_balances
from planserv.vouchers.models import Reservation, Voucher
from planserv.vouchers.services import voucher_create_and_assign, voucher_reserve
from tests.customers.ledger_checks import assert_ledger_consistent
from tests.factories import vouchers as factory
from tests.races import race, run_threads

D = dt.date
CREATED, RESERVED = D(2021, 3, 1), D(2021, 3, 2)


def _race_to_reserve(
    vouchers: list[Voucher], firms: list[factory.Firm], *, rounds: int
) -> tuple[Counter[str], float]:
    started = time.monotonic()
    totals: Counter[str] = Counter()
    for round_number in range(rounds):

        def work(number: int, round_number: int = round_number) -> list[str]:
            firm = firms[number]
            order = list(vouchers)
            random.Random(round_number * 1000 + number).shuffle(order)
            results = []
            for voucher in order:
                try:
                    voucher_reserve(
                        voucher_id=voucher.voucher_id,
                        email=voucher.assignee_email,
                        location_id=firm.location.location_id,
                        start_date=RESERVED,
                        accept_terms=True,
                        delivery_country=str(firm.location.country),
                        actor=firm.admin_actor,
                        today=RESERVED,
                        at=factory.at(RESERVED),
                    )
                    results.append(f"won:{voucher.pk}")
                except DomainError as refusal:
                    results.append(refusal.code)
                except Exception as error:
                    results.append(f"error: {type(error).__name__}: {error}")
            return results

        outcomes = run_threads(len(firms), work)
        wins = Counter(item for item in outcomes if item.startswith("won:"))
        refused = Counter(item for item in outcomes if not item.startswith("won:"))
        assert len(wins) == len(vouchers) and set(wins.values()) == {1}, wins.most_common(3)
        assert refused == {"already_reserved": len(vouchers) * (len(firms) - 1)}, refused
        active = Counter(
            Reservation.objects.filter(is_active=True).values_list("voucher_id", flat=True)
        )
        assert len(active) == len(vouchers) and set(active.values()) == {1}
        totals.update(refused)
        totals["won"] += len(wins)
        _free_all(vouchers)
    return totals, time.monotonic() - started


def _free_all(vouchers: list[Voucher]) -> None:
    """Set-up of the next round: the vouchers are assigned again and their reservations ended,
    as a release would leave them (release itself is tested in test_services.py); a bulk reset
    keeps the ten rounds about the race."""
    ids = [voucher.pk for voucher in vouchers]
    at = factory.at(RESERVED)
    Reservation.objects.filter(voucher_id__in=ids, is_active=True).update(
        is_active=False, released_on=RESERVED, released_at=at
    )
    Voucher.objects.filter(pk__in=ids).update(status="assigned", holder=None, reserved_at=None)


def _setup(vouchers: int, firms: int) -> tuple[list[Voucher], list[factory.Firm]]:
    pool = factory.customer_pool(days=vouchers)
    created = [factory.assigned(pool, today=CREATED, days=1) for _ in range(vouchers)]
    return created, [factory.eligible_firm() for _ in range(firms)]


@pytest.fixture
def queued_mail(settings):  # type: ignore[no-untyped-def]
    """Outbox rows are still written with every change; only their delivery is left to a worker
    (the test backend would otherwise deliver each one inside the racing thread)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_32_firms_race_for_200_vouchers_10_rounds_exactly_one_winner_each_rel_1(queued_mail):
    vouchers, firms = _setup(200, 32)
    totals, seconds = _race_to_reserve(vouchers, firms, rounds=10)
    assert totals == {"won": 2000, "already_reserved": 62000}
    print(f"REL-1 PostgreSQL: 64,000 reserve attempts in {seconds:.1f} s")  # noqa: T201
    assert_ledger_consistent()


@pytest.mark.django_db(transaction=True)
def test_8_threads_race_on_sqlite_without_database_is_locked_rel_1(queued_mail):
    vouchers, firms = _setup(30, 8)
    totals, _ = _race_to_reserve(vouchers, firms, rounds=2)
    assert totals == {
        "won": 60,
        "already_reserved": 420,
    }  # no "database is locked" reached a caller


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_64_concurrent_10_day_vouchers_on_a_300_day_pool_exactly_30_succeed_rel_2():
    pool = factory.customer_pool(days=300)
    engagement_type = factory.engagement_type()
    started = time.monotonic()

    def create(number: int) -> None:
        voucher_create_and_assign(
            agreement=pool.agreement,
            engagement_type=engagement_type,
            days=10,
            assignee_email=pool.manager_email,
            division=f"Division {number}",  # R-CAP-1 groups: each creation its own
            actor=pool.admin_actor,
            today=CREATED,
            at=factory.at(CREATED),
        )

    outcomes = race(
        [lambda number=number: create(number) for number in range(64)],
        barrier_timeout=120,
        join_timeout=600,
    )
    seconds = time.monotonic() - started
    assert outcomes == {"ok": 30, "insufficient_days": 34}
    pool.agreement.refresh_from_db()
    balances = agreement_balances(pool.agreement)
    assert (balances["available"], balances["held"]) == (0, 300)
    assert Voucher.objects.count() == 30
    print(f"REL-2 PostgreSQL: 64 concurrent creations in {seconds:.1f} s")  # noqa: T201
    assert_ledger_consistent()
