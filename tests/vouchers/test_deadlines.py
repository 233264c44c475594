"""REL-5: every voucher deadline the day before, on and after; the online rule and the sweep's SQL
select exactly the same vouchers for any date (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planserv.core.actor import Actor
from planserv.core.errors import DomainError
from planserv.customers.selectors import agreement_balances
from planserv.customers.services import removal_run
from planserv.program.models import ProgramSettings
from planserv.vouchers.lifecycle import LIVE_STATUSES, VoucherStatus
from planserv.vouchers.models import Voucher
from planserv.vouchers.rules import usable_on
from planserv.vouchers.services import voucher_cancel, vouchers_expire_due
from planserv.vouchers.services._common import locked_voucher
from planserv.vouchers.services.expire import vouchers_due_for_expiry
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db
D = dt.date
ONE = dt.timedelta(days=1)
JOB = Actor.system(label="daily jobs")


def around(day: dt.date) -> list[tuple[dt.date, bool]]:
    """(the day before, True), (the day, True), (the day after, False): allowed through `day`."""
    return [(day - ONE, True), (day, True), (day + ONE, False)]


def code_of(act) -> str:  # type: ignore[no-untyped-def]
    try:
        with transaction.atomic():
            act()
    except DomainError as refused:
        return refused.code
    return "ok"


class TestExpiry180Days:
    @pytest.mark.parametrize(("day", "allowed"), around(D(2021, 8, 28)))
    def test_a_voucher_is_usable_through_its_expiry_date_r_vou_6_r_exp_2(self, day, allowed):
        pool = factory.customer_pool()
        voucher = factory.assigned(pool, today=D(2021, 3, 1))
        assert voucher.expiry_date == D(2021, 3, 1) + dt.timedelta(days=180) == D(2021, 8, 28)
        firm = factory.eligible_firm()
        code = code_of(lambda: factory.reserved(voucher, firm, today=day))
        assert code == ("ok" if allowed else "voucher_expired")

    @pytest.mark.parametrize(("day", "allowed"), around(D(2021, 8, 28)))
    def test_redeem_is_refused_the_day_after_expiry_even_before_the_sweep(self, day, allowed):
        pool = factory.customer_pool()
        firm = factory.eligible_firm()
        voucher = factory.assigned(pool, today=D(2021, 3, 1))
        factory.reserved(voucher, firm)
        factory.delivered(voucher, firm)
        code = code_of(lambda: factory.redeemed(voucher, firm, today=day))
        assert code == ("ok" if allowed else "voucher_expired")


class TestLastCreateDay:
    @pytest.mark.parametrize(("day", "allowed"), around(D(2021, 6, 30)))
    def test_creation_allowed_through_30_june_2021_r_vou_3(self, day, allowed):
        pool = factory.customer_pool()
        code = code_of(lambda: factory.assigned(pool, today=day))
        assert code == ("ok" if allowed else "after_last_create_day")


class TestLastRedemptionDay:
    @pytest.mark.parametrize(("day", "allowed"), around(D(2022, 1, 1)))
    def test_redemption_allowed_through_1_january_2022_even_before_expiry_r_red_1(
        self, day, allowed
    ):
        ProgramSettings.objects.filter(singleton=1).update(voucher_validity_days=365)
        pool = factory.customer_pool()
        firm = factory.eligible_firm(enrolled_on=D(2021, 6, 1))
        voucher = factory.assigned(pool, today=D(2021, 6, 30))
        assert voucher.expiry_date == D(2022, 6, 30)
        factory.reserved(voucher, firm, today=D(2021, 7, 1))
        factory.delivered(voucher, firm, today=D(2021, 7, 9))
        code = code_of(lambda: factory.redeemed(voucher, firm, today=day))
        assert code == ("ok" if allowed else "after_last_redemption_day")


def _expire_on(pool: factory.Pool, expiry: dt.date) -> Voucher:
    return factory.assigned(pool, today=expiry - dt.timedelta(days=180))


class TestRemovalDayAndReturns:
    @pytest.mark.parametrize(
        ("expiry", "outcome"),
        [(D(2021, 6, 29), "returned"), (D(2021, 6, 30), "returned"), (D(2021, 7, 1), "forfeited")],
    )
    def test_days_return_only_for_an_expiry_date_before_the_removal_date_r_exp_1(
        self, expiry, outcome
    ):
        pool = factory.customer_pool(days=10)
        voucher = _expire_on(pool, expiry)
        for day in (expiry, expiry + ONE, expiry + 2 * ONE):  # the daily sweeps, in order
            vouchers_expire_due(as_of=day, actor=JOB, at=factory.at(day))
            if day == D(2021, 7, 1):
                removal_run(as_of=day, actor=JOB, at=factory.at(day))
        voucher = factory.fresh(voucher)
        assert (voucher.status, voucher.days_outcome) == ("expired", outcome)
        balances = agreement_balances(pool.agreement)
        if outcome == "forfeited":
            assert (balances["forfeited"], balances["removed"]) == (5, 5)
        else:  # returned, and then removed with the rest of the pool on 1 July
            assert (balances["forfeited"], balances["removed"]) == (0, 10)

    @pytest.mark.parametrize(
        ("expiry", "outcome"),
        [(D(2021, 4, 29), "returned"), (D(2021, 4, 30), "returned"), (D(2021, 5, 1), "forfeited")],
    )
    def test_days_return_only_while_the_agreement_is_active_on_the_expiry_date_r_exp_1(
        self, expiry, outcome
    ):
        pool = factory.customer_pool(days=10, end_date=D(2021, 4, 30))
        voucher = _expire_on(pool, expiry)
        vouchers_expire_due(as_of=expiry + ONE, actor=JOB, at=factory.at(expiry + ONE))
        assert factory.fresh(voucher).days_outcome == outcome

    @pytest.mark.parametrize(
        ("day", "outcome"),
        [(D(2021, 6, 29), "returned"), (D(2021, 6, 30), "returned"), (D(2021, 7, 1), "forfeited")],
    )
    def test_a_cancellation_on_or_after_the_removal_date_forfeits_r_vou_7(self, day, outcome):
        pool = factory.customer_pool(days=10)
        voucher = factory.assigned(pool, today=D(2021, 6, 1))
        cancelled = voucher_cancel(
            voucher=voucher, actor=pool.admin_actor, today=day, at=factory.at(day)
        )
        assert cancelled.days_outcome == outcome

    def test_the_sweep_twice_changes_nothing_r_exp_2(self):
        pool = factory.customer_pool(days=10)
        _expire_on(pool, D(2021, 5, 3))
        first = vouchers_expire_due(as_of=D(2021, 5, 4), actor=JOB, at=factory.at(D(2021, 5, 4)))
        second = vouchers_expire_due(as_of=D(2021, 5, 4), actor=JOB, at=factory.at(D(2021, 5, 4)))
        assert (first.expired, second.expired) == (1, 0)
        assert agreement_balances(pool.agreement)["available"] == 10


# --- the one predicate --------------------------------------------------------------------------

STATUSES = list(VoucherStatus.values)
BASE = D(2021, 1, 1)
_ids = itertools.count(1)


def _insert(pool: factory.Pool, firm: factory.Firm, status: str, expiry: dt.date) -> Voucher:
    """A bare voucher row in `status` (the predicate reads only status and expiry_date)."""
    at = factory.at(BASE)
    held = status in (VoucherStatus.RESERVED, VoucherStatus.DELIVERED, VoucherStatus.REDEEMED)
    return Voucher.objects.create(
        voucher_id=f"{next(_ids):09d}",
        agreement=pool.agreement,
        customer=pool.customer,
        engagement_type=factory.engagement_type(),
        days=1,
        assignee=pool.manager.user,
        assignee_email=pool.manager_email,
        status=status,
        assigned_on=BASE - dt.timedelta(days=200),
        base_expiry_date=min(expiry, BASE - dt.timedelta(days=20)),
        expiry_date=expiry,
        created_by_label="tests",
        assigned_at=at,
        holder=firm.organisation if held else None,
        reserved_at=at if held else None,
        delivered_at=at if status in ("delivered", "redeemed") else None,
        redeemed_at=at if status == "redeemed" else None,
        redeemed_on=BASE if status == "redeemed" else None,
        redeemed_location=firm.location if status == "redeemed" else None,
        expired_at=at if status == "expired" else None,
        cancelled_at=at if status == "cancelled" else None,
        days_outcome="returned" if status in ("expired", "cancelled") else "",
    )


@pytest.fixture
def fixtures():  # type: ignore[no-untyped-def]
    return factory.customer_pool(days=0), factory.eligible_firm()


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(STATUSES), st.integers(min_value=-40, max_value=40)),
        min_size=1,
        max_size=12,
    ),
    offset=st.integers(min_value=-45, max_value=45),
)
def test_the_online_rule_and_the_sweep_select_the_same_vouchers_for_any_date_rel_5(
    fixtures, rows, offset
):
    pool, firm = fixtures
    today = BASE + dt.timedelta(days=offset)
    with transaction.atomic():
        vouchers = [_insert(pool, firm, status, BASE + dt.timedelta(days=d)) for status, d in rows]
        swept = set(vouchers_due_for_expiry(today).values_list("pk", flat=True))
        online = {v.pk for v in vouchers if locked_voucher(pk=v.pk, today=today).past_expiry}
        reference = {
            v.pk
            for v in vouchers
            if v.status in LIVE_STATUSES and not usable_on(v.expiry_date, today)
        }
        assert swept == online == reference
        transaction.set_rollback(True)
