"""PERF-1 (issue 23): the statements and commits of the six hot write operations, counted on the
service path, so a regression fails `make test` (docs/performance.md, "The write-path budget").

Each operation runs once warm (the per-process caches of the calendar, the catalogue and the
webhook subscriptions loaded by an earlier call, as in a serving process), in its own outermost
transaction like a request. A "statement" is every SQL statement the service sends except the
transaction control (BEGIN, BEGIN IMMEDIATE on SQLite, COMMIT, ROLLBACK); savepoints count as
statements. The voucher the interface looked up is passed in, as the API and the portal do. A commit is a COMMIT
issued by the outermost atomic block: each operation commits exactly once, with its audit event,
its outbox rows and the delivery task row inside that one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planserv.payments.services import payment_request_file
from planserv.vouchers.services import (
    voucher_change_start_date,
    voucher_create_and_assign,
    voucher_redeem,
    voucher_release,
)
from tests.factories import payments as payment_factory
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db(transaction=True)
D = dt.date

# The budget of each operation: statements (without BEGIN/COMMIT) and commits. Reserve, release
# and change date: at most 8 statements (quality.md PERF-1). Redeem, create-and-assign and payment
# request move days through the ledger or compute the automated flags; their budgets are the
# ones docs/performance.md ("The write-path budget") lists statement by statement.
BUDGET = {
    "reserve": 8,
    "release": 8,
    "change_date": 8,
    "redeem": 13,
    "create_and_assign": 16,
    "payment_request": 31,
}
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK")


@pytest.fixture(autouse=True)
def stored_tasks(settings):
    """The production task backend: the delivery task is a row written in the transaction (the
    tests' immediate backend would deliver the mail inside the measurement)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@dataclass
class Counted:
    statements: list[str]
    commits: int


def count(operation: Callable[[], object]) -> Counted:
    with CaptureQueriesContext(connection) as captured:
        operation()
    sql = [query["sql"] for query in captured.captured_queries]
    statements = [s for s in sql if s.strip().upper().split(" ")[0] not in CONTROL]
    commits = sum(1 for s in sql if s.strip().upper() == "COMMIT")
    return Counted(statements, commits)


def check(name: str, counted: Counted) -> None:
    listing = "\n".join(s[:160] for s in counted.statements)
    assert len(counted.statements) <= BUDGET[name], f"{name}: {len(counted.statements)}\n{listing}"
    assert counted.commits == 1, f"{name}: {counted.commits} commits\n{listing}"


def _warm() -> tuple[factory.Pool, factory.Firm]:
    """One full life of a voucher first, so every per-process cache is loaded."""
    pool = factory.customer_pool(days=200)
    firm = factory.eligible_firm()
    warm = factory.assigned(pool)
    factory.reserved(warm, firm)
    return pool, firm


def test_reserve_statement_budget():
    pool, firm = _warm()
    voucher = factory.assigned(pool)
    check("reserve", count(lambda: factory.reserved(voucher, firm)))


def test_release_statement_budget():
    pool, firm = _warm()
    voucher = factory.assigned(pool)
    factory.reserved(voucher, firm)
    today = D(2021, 3, 3)
    fresh = factory.fresh(voucher)  # as the interface found it, before the service
    check(
        "release",
        count(
            lambda: voucher_release(
                voucher=fresh, actor=firm.admin_actor, today=today, at=factory.at(today)
            )
        ),
    )


def test_change_date_statement_budget():
    pool, firm = _warm()
    voucher = factory.assigned(pool)
    factory.reserved(voucher, firm)
    today = D(2021, 3, 3)
    fresh = factory.fresh(voucher)
    check(
        "change_date",
        count(
            lambda: voucher_change_start_date(
                voucher=fresh,
                start_date=D(2021, 3, 8),
                actor=firm.admin_actor,
                today=today,
                at=factory.at(today),
            )
        ),
    )


def test_redeem_statement_budget():
    pool, firm = _warm()
    voucher = factory.assigned(pool)
    factory.reserved(voucher, firm)
    factory.delivered(voucher, firm)
    fresh = factory.fresh(voucher)  # as the interface found it, before the service
    today = D(2021, 3, 12)
    check(
        "redeem",
        count(
            lambda: voucher_redeem(
                voucher=fresh,
                location_id=firm.location.location_id,
                actor=firm.admin_actor,
                today=today,
                at=factory.at(today),
            )
        ),
    )


def test_create_and_assign_statement_budget():
    pool, _firm = _warm()
    engagement_type = factory.engagement_type()  # as the interface found it
    today = D(2021, 3, 1)
    check(
        "create_and_assign",
        count(
            lambda: voucher_create_and_assign(
                agreement=pool.agreement,
                engagement_type=engagement_type,
                days=5,
                assignee_email=pool.manager_email,
                division="Budget",
                actor=pool.admin_actor,
                today=today,
                at=factory.at(today),
            )
        ),
    )


def test_payment_request_statement_budget():
    case = payment_factory.redeemed_case()
    payment_factory.registered(case.firm)
    payment_factory.filed(payment_factory.redeemed_case(firm=case.firm, pool=case.pool))
    today = D(2021, 3, 20)
    check(
        "payment_request",
        count(
            lambda: payment_request_file(
                voucher_id=case.voucher.voucher_id,
                location_id=case.firm.location.location_id,
                actor=case.firm.admin_actor,
                today=today,
                at=factory.at(today),
            )
        ),
    )
