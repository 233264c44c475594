"""The voucher counters (`reports/counters.py`) that the operator's dashboard, funnel and
retirement impact read instead of the vouchers (issue 22, PERF-7): whatever the voucher services,
the payment reviews, the expiry sweep and other writers do, the counters equal the recount from
the vouchers, the reports read from them equal the reports grouped from the vouchers, and
`planserv ledger check` reports a counter that does not. Hypothesis on SQLite and PostgreSQL; a
racing-threads test on PostgreSQL."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planserv.core.actor import Actor
from planserv.core.errors import DomainError
from planserv.payments.models import PaymentRequest
from planserv.payments.services import payment_request_deny
from planserv.program.calendar import calendar_get
from planserv.program.models import Milestone
from planserv.reports import dashboard, funnel, retirement
from planserv.reports.counters import (
    counter_mismatches,
    counts_rebuild,
    counts_recount,
    counts_stored,
)
from planserv.reports.models import VoucherCount
from planserv.reports.scope import ReportScope
from planserv.vouchers.models import Reservation, Voucher
from planserv.vouchers.services import (
    voucher_cancel,
    voucher_release,
    voucher_reserve,
    vouchers_expire_due,
)
from tests.factories import payments as payment_factory
from tests.factories import vouchers as factory
from tests.races import run_threads

pytestmark = pytest.mark.django_db
D = dt.date
START = D(2021, 3, 1)
EVERYTHING = ReportScope(everything=True)
OPS = (
    "create",
    "reserve",
    "release",
    "deliver",
    "redeem",
    "file",
    "approve",
    "deny",
    "admin",
    "cancel",
    "extend",
    "sweep",
)
Step = tuple[str, int, int, int]
steps = st.lists(
    st.tuples(
        st.sampled_from(OPS),
        st.integers(0, 7),  # which voucher (or pool for create)
        st.integers(0, 1),  # which firm
        st.integers(0, 40),  # days since the previous step
    ),
    min_size=1,
    max_size=14,
)


@dataclass
class World:
    pools: list[factory.Pool]
    firms: list[factory.Firm]
    vouchers: list[Voucher]
    today: dt.date = START


@pytest.fixture
def world() -> World:
    pools = [
        factory.customer_pool(days=80, country="US"),
        factory.customer_pool(days=80, country="DE"),
    ]
    firms = [factory.eligible_firm(country="US"), factory.eligible_firm(country="US")]
    return World(pools=pools, firms=firms, vouchers=[])


def _voucher(world: World, which: int) -> Voucher | None:
    if not world.vouchers:
        return None
    return Voucher.objects.get(pk=world.vouchers[which % len(world.vouchers)].pk)


def _holder(world: World, voucher: Voucher) -> factory.Firm:
    return next(f for f in world.firms if f.organisation.pk == voucher.holder_id)


def _request(voucher: Voucher) -> PaymentRequest | None:
    return PaymentRequest.objects.filter(voucher=voucher).first()


def _apply(world: World, step: Step) -> None:
    op, which, firm_number, advance = step
    world.today = min(world.today + dt.timedelta(days=advance), D(2021, 12, 20))
    today, at = world.today, factory.at(world.today)
    firm = world.firms[firm_number]
    if op == "create":
        pool = world.pools[which % len(world.pools)]
        world.vouchers.append(factory.assigned(pool, today=today, days=(1, 3, 5)[which % 3]))
        return
    if op == "sweep":
        vouchers_expire_due(as_of=today, actor=Actor.system(label="test"), at=at)
        return
    voucher = _voucher(world, which)
    if voucher is None:
        return
    if op == "reserve":
        voucher_reserve(
            voucher_id=voucher.voucher_id,
            email=voucher.assignee_email,
            location_id=firm.location.location_id,
            start_date=today,
            accept_terms=True,
            delivery_country=str(firm.location.country),
            actor=firm.admin_actor,
            today=today,
            at=at,
        )
    elif op == "release" and voucher.holder_id:
        voucher_release(
            voucher=voucher, actor=_holder(world, voucher).admin_actor, today=today, at=at
        )
    elif op == "deliver" and voucher.holder_id:
        reservation = Reservation.objects.filter(voucher=voucher, is_active=True).first()
        if reservation is not None:
            factory.delivered(
                voucher, _holder(world, voucher), today=today, start=reservation.reserved_on
            )
    elif op == "redeem" and voucher.holder_id:
        factory.redeemed(voucher, _holder(world, voucher), today=today)
    elif op == "file" and voucher.holder_id:
        holder = _holder(world, voucher)
        case = payment_factory.Case(pool=world.pools[0], firm=holder, voucher=voucher)
        payment_factory.filed(case, today=today)
    elif op == "approve" and (request := _request(voucher)) is not None:
        payment_factory.approved(request, today=today)
    elif op == "deny" and (request := _request(voucher)) is not None:
        payment_request_deny(
            public_id=request.public_id,
            reason="Not delivered as reported.",
            actor=payment_factory.reviewer(),
            today=today,
            at=at,
        )
    elif op == "admin" and (request := _request(voucher)) is not None:
        # Another writer than the services (the Django admin, a repair in SQL): the triggers
        # see it all the same.
        PaymentRequest.objects.filter(pk=request.pk).update(
            status="denied", denied_at=at, denial_reason="Entered by hand."
        )
    elif op == "cancel":
        voucher_cancel(voucher=voucher, actor=world.pools[0].admin_actor, today=today, at=at)
    elif op == "extend":
        Voucher.objects.filter(pk=voucher.pk).update(
            expiry_date=F("expiry_date") + dt.timedelta(days=20)
        )


def assert_reports_equal_the_scans(as_of: dt.date) -> None:
    """Every operator figure read from the counters equals the same figure grouped from the
    vouchers (the reports' own scan, kept for organisations' scopes)."""
    calendar = calendar_get()
    for group_by in funnel.GROUPS:
        counted = funnel.funnel(scope=EVERYTHING, as_of=as_of, calendar=calendar, group_by=group_by)
        scanned = funnel.funnel(
            scope=EVERYTHING, as_of=as_of, calendar=calendar, group_by=group_by, counters=False
        )
        assert [t.rows for t in counted.tables] == [t.rows for t in scanned.tables], group_by
    for milestone in Milestone.objects.all():
        impact = retirement.Impact(milestone=milestone, as_of=as_of, calendar=calendar)
        counted_figures = retirement.impact_figures(impact, EVERYTHING)
        scanned_figures = retirement.impact_figures(impact, EVERYTHING, counters=False)
        assert {k: dict(v) for k, v in counted_figures.items()} == {
            k: dict(v) for k, v in scanned_figures.items()
        }, milestone.key
    states = {row[0]: row[1:] for row in dashboard.vouchers_by_state_now().rows}
    for status, (count, days) in states.items():
        vouchers = Voucher.objects.filter(status=status)
        assert count == vouchers.count()
        assert days == sum(vouchers.values_list("days", flat=True))


@pytest.mark.slow
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
def test_the_counters_equal_the_recount_after_any_voucher_operations(
    world: World, steps: list[Step]
) -> None:
    world.today = START
    for step in steps:
        with contextlib.suppress(DomainError, IntegrityError), transaction.atomic():
            _apply(world, step)
    assert counter_mismatches() == []
    for as_of in (START, world.today, D(2021, 6, 15)):
        assert_reports_equal_the_scans(as_of)


def test_every_stage_and_dimension_is_counted(world: World) -> None:
    case = payment_factory.redeemed_case(firm=world.firms[0], pool=world.pools[0], days=3)
    request = payment_factory.filed(case)
    factory.assigned(world.pools[1], today=START, days=5)
    dimensions = set(VoucherCount.objects.values_list("dimension", flat=True))
    assert dimensions == {
        "state",
        "agreement",
        "country",
        "offering",
        "deadline",
        "customer",
        "holder",
    }
    stages = set(
        VoucherCount.objects.filter(dimension="agreement", vouchers__gt=0).values_list(
            "stage", flat=True
        )
    )
    assert stages == {"assigned_unreserved", "requested_unpaid"}
    payment_request_deny(
        public_id=request.public_id,
        reason="Not delivered as reported.",
        actor=payment_factory.reviewer(),
        today=START,
        at=factory.at(START),
    )
    stages = set(
        VoucherCount.objects.filter(dimension="agreement", vouchers__gt=0).values_list(
            "stage", flat=True
        )
    )
    assert stages == {"assigned_unreserved", "denied"}
    assert counter_mismatches() == []
    assert_reports_equal_the_scans(D(2021, 4, 1))


def test_an_update_of_uncounted_columns_writes_no_counter(world: World) -> None:
    voucher = factory.assigned(world.pools[0], today=START, days=5)
    before = counts_stored()
    rows = VoucherCount.objects.count()
    Voucher.objects.filter(pk=voucher.pk).update(division="Elsewhere", status="assigned")
    assert counts_stored() == before
    assert VoucherCount.objects.count() == rows


def test_ledger_check_reports_a_wrong_counter_and_rebuild_repairs_it(world: World) -> None:
    factory.assigned(world.pools[0], today=START, days=5)
    row = VoucherCount.objects.get(dimension="agreement", stage="assigned_unreserved")
    VoucherCount.objects.filter(pk=row.pk).update(days=row.days + 2)
    output = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("ledger", "check", stdout=output)
    assert exited.value.code == 1
    text = output.getvalue()
    assert "(voucher counters): summary the voucher counter agreement" in text
    assert "holds 1 vouchers and 7 days but the vouchers count 1 and 5" in text
    assert counts_rebuild() == VoucherCount.objects.count()
    assert counter_mismatches() == []
    assert counts_recount() == counts_stored()


@pytest.mark.postgres_only
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_racing_reserves_and_releases_keep_the_counters_exact_without_deadlock(
    settings: Any,
) -> None:
    """Eight threads, each with its own connection, reserve and release vouchers of one agreement
    (the same counter rows) in different orders, with no deadlock and exact counters."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    assert connection.vendor == "postgresql"
    pool = factory.customer_pool(days=200)
    vouchers = [factory.assigned(pool, today=START, days=1) for _ in range(48)]
    firms = [factory.eligible_firm() for _ in range(8)]
    day = START + dt.timedelta(days=1)

    def work(number: int) -> list[str]:
        firm = firms[number]
        mine = vouchers[number::8]
        results = []
        for round_number in range(3):
            order = mine if (number + round_number) % 2 else list(reversed(mine))
            for voucher in order:
                try:
                    voucher_reserve(
                        voucher_id=voucher.voucher_id,
                        email=voucher.assignee_email,
                        location_id=firm.location.location_id,
                        start_date=day,
                        accept_terms=True,
                        delivery_country=str(firm.location.country),
                        actor=firm.admin_actor,
                        today=day,
                        at=factory.at(day),
                    )
                    if round_number < 2:
                        voucher_release(
                            voucher=Voucher.objects.get(pk=voucher.pk),
                            actor=firm.admin_actor,
                            today=day,
                            at=factory.at(day),
                        )
                    results.append("ok")
                except DomainError as refusal:
                    results.append(refusal.code)
                except Exception as error:
                    results.append(f"error: {type(error).__name__}: {error}")
        return results

    outcomes = run_threads(8, work)
    assert set(outcomes) == {"ok"}, [o for o in outcomes if o != "ok"][:3]
    assert Voucher.objects.filter(status="reserved").count() == 48
    assert counter_mismatches() == []
    reserved = VoucherCount.objects.filter(dimension="agreement", stage="reserved").get()
    assert (reserved.vouchers, reserved.days) == (48, 48)
