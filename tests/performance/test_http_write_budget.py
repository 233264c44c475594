"""The HTTP budget of the six write operations (issue 23, PERF-1): what a request costs beyond
its service, counted with the test client and CaptureQueriesContext, so a regression in the
middleware, the authentication or the answer fails `make test`.

A write over HTTP costs its service's statements (their own budget: the services' tests) plus
what the HTTP layer adds, counted here without the savepoints the test's own transaction turns
BEGIN/COMMIT into:
- the token read (authentication; the rate limiter shares it), the rate-limit upsert;
- the idempotency claim (one INSERT … ON CONFLICT DO NOTHING, no read before it) and the
  stored answer (one UPDATE);
- one program-clock read;
- the answer: built from the objects the service returned, it reads only what they do not hold
  (the configuration token that checks the cached calendar, the voucher's history slice and
  extensions, a redeemed voucher's report, a payment request's history).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planserv.api.routers import payments as payments_api
from planserv.api.routers import vouchers as vouchers_api
from tests.conftest import ApiClient
from tests.factories import payments as payment_factory
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db
D = dt.date

# Statements a request adds to its service (see the module docstring).
COMMON = 5  # token, rate limit, idempotency claim, stored answer, clock
BUDGET = {
    # the configuration token (the cached calendar's check: the service's reading ended with its
    # savepoint), the history events, the expiry extensions
    "reserve": COMMON + 3,
    "change date": COMMON + 4,  # the voucher addressed; as reserve
    "release": COMMON + 2,  # the voucher addressed; the configuration token
    # the voucher addressed; the configuration token; its reservation and report (with files and
    # consultants); the partner's history slice (reservation, reserved event, events, extensions)
    "redeem": COMMON + 10,
    # the agreement (with its ledger and coverage) and the engagement type (with competencies
    # and exams) the service is given; the configuration token; history (events, extensions)
    "create and assign": COMMON + 11,
    "payment request": COMMON + 2,  # the request re-read with its history
}


@contextmanager
def _counting(
    monkeypatch: pytest.MonkeyPatch, module: Any, name: str
) -> Iterator[tuple[list[str], list[int]]]:
    """Counts every statement of a request, and separately those its service issued."""
    inside: list[int] = []
    service = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        before = len(connection.queries_log)
        try:
            return service(*args, **kwargs)
        finally:
            inside.append(len(connection.queries_log) - before)

    monkeypatch.setattr(module, name, counted)
    statements: list[str] = []
    with CaptureQueriesContext(connection) as captured:
        yield statements, inside
    statements.extend(query["sql"] for query in captured.captured_queries)


def _http_cost(
    monkeypatch: pytest.MonkeyPatch,
    module: Any,
    service: str,
    call: Callable[[], Any],
    status: int,
) -> tuple[int, list[str]]:
    with _counting(monkeypatch, module, service) as (statements, inside):
        response = call()
    assert response.status_code == status, response.content
    assert len(inside) == 1, f"{service} ran {len(inside)} times"
    # The test's transaction turns each BEGIN/COMMIT into a savepoint: not the HTTP layer's.
    savepoints = [sql for sql in statements if "SAVEPOINT" in sql]
    outside = len(statements) - inside[0] - (2 * (len(savepoints) > 0))
    return outside, statements


def _check(name: str, cost: int, statements: list[str]) -> None:
    listing = "\n".join(f"{n:2d} {sql[:140]}" for n, sql in enumerate(statements, 1))
    assert cost <= BUDGET[name], f"{name}: {cost} statements beyond the service\n{listing}"


@pytest.fixture
def held(pin_clock: Any) -> tuple[factory.Pool, factory.Firm, Any, ApiClient]:
    pin_clock(D(2021, 3, 2))
    pool = factory.customer_pool()
    firm = factory.eligible_firm()
    voucher = factory.assigned(pool, today=D(2021, 3, 1))
    partner = ApiClient(firm.admin)
    partner.get("/vouchers")  # the token's first use is stamped once, not in the count
    return pool, firm, voucher, partner


def _reserve_body(voucher: Any, firm: factory.Firm) -> dict[str, Any]:
    return {
        "email": voucher.assignee_email,
        "location_id": firm.location.location_id,
        "start_date": "2021-03-02",
        "accept_terms": True,
        "delivery_country": str(firm.location.country),
    }


def test_reserve_over_http_adds_at_most_its_budget_to_the_service(monkeypatch, held):
    _pool, firm, voucher, partner = held
    cost, statements = _http_cost(
        monkeypatch,
        vouchers_api,
        "voucher_reserve",
        lambda: partner.post(
            f"/vouchers/{voucher.voucher_id}/reservation",
            _reserve_body(voucher, firm),
            idempotency_key="reserve-1",
        ),
        201,
    )
    _check("reserve", cost, statements)
    # The answer comes from the objects in hand: the voucher is not read again after the lock.
    voucher_reads = [sql for sql in statements if sql.startswith('SELECT "vouchers_voucher"')]
    assert len(voucher_reads) == 1, voucher_reads  # the locked read alone
    assert sum("core_programclock" in sql for sql in statements) == 1


def test_the_answer_of_a_reserve_is_the_voucher_as_a_read_shows_it(held):
    _pool, firm, voucher, partner = held
    reserved = partner.post(
        f"/vouchers/{voucher.voucher_id}/reservation",
        _reserve_body(voucher, firm),
        idempotency_key="reserve-2",
    )
    assert reserved.status_code == 201, reserved.content
    assert reserved.json() == partner.get(f"/vouchers/{voucher.voucher_id}").json()
    changed = partner.send(
        "PATCH",
        f"/vouchers/{voucher.voucher_id}/reservation",
        {"start_date": "2021-03-05"},
        idempotency_key="change-2",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["reservation"]["start_date"] == "2021-03-05"
    assert changed.json() == partner.get(f"/vouchers/{voucher.voucher_id}").json()


def test_change_date_and_release_over_http_add_at_most_their_budget(monkeypatch, held):
    _pool, firm, voucher, partner = held
    factory.reserved(voucher, firm)
    cost, statements = _http_cost(
        monkeypatch,
        vouchers_api,
        "voucher_change_start_date",
        lambda: partner.send(
            "PATCH",
            f"/vouchers/{voucher.voucher_id}/reservation",
            {"start_date": "2021-03-04"},
            idempotency_key="change-1",
        ),
        200,
    )
    _check("change date", cost, statements)
    cost, statements = _http_cost(
        monkeypatch,
        vouchers_api,
        "voucher_release",
        lambda: partner.send(
            "DELETE", f"/vouchers/{voucher.voucher_id}/reservation", idempotency_key="release-1"
        ),
        200,
    )
    _check("release", cost, statements)


def test_redeem_over_http_adds_at_most_its_budget(monkeypatch, pin_clock, held):
    _pool, firm, voucher, partner = held
    factory.reserved(voucher, firm)
    factory.delivered(voucher, firm, today=D(2021, 3, 10))
    pin_clock(D(2021, 3, 12))
    cost, statements = _http_cost(
        monkeypatch,
        vouchers_api,
        "voucher_redeem",
        lambda: partner.post(
            f"/vouchers/{voucher.voucher_id}/redeem",
            {"location_id": firm.location.location_id},
            idempotency_key="redeem-1",
        ),
        200,
    )
    _check("redeem", cost, statements)


def test_create_and_assign_over_http_adds_at_most_its_budget(monkeypatch, pin_clock):
    pin_clock(D(2021, 3, 1))
    pool = factory.customer_pool(days=50)
    customer = ApiClient(pool.admin)
    customer.get("/vouchers")
    cost, statements = _http_cost(
        monkeypatch,
        vouchers_api,
        "voucher_create_and_assign",
        lambda: customer.post(
            "/vouchers",
            {
                "licensing_id": pool.agreement.licensing_id,
                "engagement_type": factory.TYPE,
                "days": 5,
                "assignee_email": pool.manager_email,
            },
            idempotency_key="create-1",
        ),
        201,
    )
    _check("create and assign", cost, statements)


def test_payment_request_over_http_adds_at_most_its_budget(monkeypatch, pin_clock):
    pin_clock(D(2021, 3, 15))
    case = payment_factory.redeemed_case(country="DE")
    admin = ApiClient(payment_factory.global_admin(case.firm.organisation))
    registered = admin.post(
        "/payment-registrations",
        {
            "offering": "DDPS",
            "legal_name": "Contoso Beratung GmbH",
            "tax_id": "DE123456789",
            "iban": "DE89 3704 0044 0532 0130 00",
            "bic": "COBADEFFXXX",
            "country": "DE",
            "currency": "EUR",
        },
    )
    assert registered.status_code == 201, registered.content
    partner = ApiClient(case.firm.admin)
    partner.get("/vouchers")
    cost, statements = _http_cost(
        monkeypatch,
        payments_api,
        "payment_request_file",
        lambda: partner.post(
            "/payment-requests",
            {
                "voucher_id": case.voucher.voucher_id,
                "location_id": case.firm.location.location_id,
            },
            idempotency_key="pay-1",
        ),
        201,
    )
    _check("payment request", cost, statements)
