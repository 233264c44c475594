"""Report figures equal sums computed independently, in plain Python over every row, from the
ledger entries, vouchers, payment requests and enrollments (issue #8). The data set is the demo
program (every voucher state, payments in every status, corrections, forfeits) on 2021-06-15."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import pytest

from planserv.core import clock
from planserv.core.actor import Actor
from planserv.customers.ledger.models import LedgerEntry
from planserv.partners.models import Enrollment
from planserv.payments.models import PaymentRequest
from planserv.program.calendar import calendar_get
from planserv.reports import selectors
from planserv.reports.funnel import bucket_of
from planserv.reports.retirement import LEAD_DAYS
from planserv.vouchers.models import Voucher
from planserv_dev.demo.builder import build_demo
from planserv_dev.demo.context import DEFAULT_DEMO_DATE
from tests.customers.ledger_checks import assert_ledger_consistent

TODAY = DEFAULT_DEMO_DATE
SYSTEM = Actor.system(label="report test")
FLOW = {
    ("issued", "available"): "granted",
    ("available", "held"): "into_vouchers",
    ("held", "consumed"): "consumed",
    ("held", "available"): "returned",
    ("held", "forfeited"): "forfeited",
    ("available", "forfeited"): "forfeited",
    ("available", "removed"): "removed",
}
LIVE = ("assigned", "reserved", "delivered")


@pytest.fixture
def demo(db: None) -> None:
    build_demo(today=TODAY)
    assert_ledger_consistent()


def _entries() -> list[LedgerEntry]:
    return list(LedgerEntry.objects.select_related("source", "destination", "agreement__customer"))


def _balances_from_entries() -> dict[tuple[int, str], int]:
    balances: dict[tuple[int, str], int] = defaultdict(int)
    for entry in _entries():
        balances[(entry.agreement_id, entry.destination.kind)] += entry.days
        balances[(entry.agreement_id, entry.source.kind)] -= entry.days
    return balances


def _stage(voucher: Voucher) -> str:
    if voucher.status == "assigned":
        return "assigned_unreserved"
    if voucher.status == "reserved":
        return "reserved"
    if voucher.status == "delivered":
        return "delivered_unredeemed"
    request = PaymentRequest.objects.filter(voucher=voucher).first()
    if request is None:
        return "redeemed_unrequested"
    return {"paid": "paid", "denied": "denied"}.get(request.status, "requested_unpaid")


def test_dashboard_days_flow_equals_the_ledger_entries(demo: None) -> None:
    report = selectors.report_dashboard(actor=SYSTEM, today=TODAY)
    expected: Counter[str] = Counter()
    per_month: dict[str, Counter[str]] = defaultdict(Counter)
    for entry in _entries():
        if entry.effective_date > TODAY:
            continue
        move = (entry.source.kind, entry.destination.kind)
        sign = 1
        if move not in FLOW:
            move, sign = (move[1], move[0]), -1
        if move not in FLOW:
            continue  # training-day units are not planning days
        expected[FLOW[move]] += sign * entry.days
        per_month[entry.effective_date.replace(day=1).isoformat()][FLOW[move]] += sign * entry.days
    totals = {row["flow"]: row["days"] for row in report.table("days_flow").as_dicts()}
    assert totals == {key: expected[key] for key in totals}
    assert expected["granted"] > 0 and expected["consumed"] > 0 and expected["returned"] > 0
    monthly = report.table("days_flow_by_month").as_dicts()
    assert {row["month"]: {k: v for k, v in row.items() if k != "month"} for row in monthly} == {
        month: {key: flows[key] for key in totals} for month, flows in per_month.items()
    }
    balances = _balances_from_entries()
    accounts = {row["account"]: row["days"] for row in report.table("days_by_account").as_dicts()}
    for kind, days in accounts.items():
        assert days == sum(v for (_, k), v in balances.items() if k == kind), kind


def _state_at(voucher: Voucher, day: dt.date) -> str | None:
    zone = clock.program_zone()

    def on_or_before(value: dt.datetime | None) -> bool:
        return value is not None and value.astimezone(zone).date() <= day

    if voucher.assigned_on > day:
        return None
    if voucher.redeemed_on is not None and voucher.redeemed_on <= day:
        return "redeemed"
    if on_or_before(voucher.expired_at):
        return "expired"
    if on_or_before(voucher.cancelled_at):
        return "cancelled"
    if on_or_before(voucher.delivered_at):
        return "delivered"
    if on_or_before(voucher.reserved_at):
        return "reserved"
    return "assigned"


def test_vouchers_by_state_over_time_equal_the_vouchers(demo: None) -> None:
    report = selectors.report_dashboard(actor=SYSTEM, today=TODAY)
    vouchers = list(Voucher.objects.all())
    rows = report.table("vouchers_by_state").as_dicts()
    assert len(rows) >= 12
    for row in rows:
        day = dt.date.fromisoformat(str(row["month"]))
        states = Counter(_state_at(v, day) for v in vouchers)
        states.pop(None, None)
        assert {k: v for k, v in row.items() if k != "month" and v} == dict(states), day
    now = {row["status"]: row["vouchers"] for row in report.table("vouchers_now").as_dicts()}
    assert {k: v for k, v in now.items() if v} == dict(Counter(v.status for v in vouchers))
    assert rows[-1]["month"] == TODAY.isoformat()


def test_payments_and_partners_equal_their_rows(demo: None) -> None:
    report = selectors.report_dashboard(actor=SYSTEM, today=TODAY)
    requests = list(PaymentRequest.objects.all())
    by_status: dict[tuple[str, str], list[PaymentRequest]] = defaultdict(list)
    for request in requests:
        by_status[(request.status, request.currency)].append(request)
    assert {
        (row["status"], row["currency"]): (row["requests"], row["days"], row["amount"])
        for row in report.table("payments_by_status").as_dicts()
    } == {
        key: (len(items), sum(r.days for r in items), f"{sum(r.amount for r in items):.2f}")
        for key, items in by_status.items()
    }
    country = report.table("payments_by_country").as_dicts()
    assert sum(row["requests"] for row in country) == len(requests)
    assert {row["paid"] for row in country} == {
        f"{sum(r.amount for r in requests if r.status == 'paid'):.2f}"
    }
    enrolled: dict[str, set[int]] = defaultdict(set)
    for enrollment in Enrollment.objects.select_related("offering"):
        if enrollment.enrolled_on <= TODAY <= enrollment.last_day:
            enrolled[enrollment.offering.code].add(enrollment.organisation_id)
    offerings = report.table("partners_by_offering").as_dicts()
    assert {row["offering"]: row["enrolled"] for row in offerings if row["enrolled"]} == {
        code: len(firms) for code, firms in enrolled.items()
    }


def test_funnel_equals_ledger_and_vouchers_for_every_grouping(demo: None) -> None:
    calendar = calendar_get()
    balances = _balances_from_entries()
    vouchers = list(
        Voucher.objects.filter(status__in=[*LIVE, "redeemed"]).select_related(
            "agreement", "customer", "engagement_type__offering"
        )
    )
    from planserv.customers.models import LicensingAgreement

    agreements = {a.pk: a for a in LicensingAgreement.objects.select_related("customer")}
    window = dt.timedelta(days=calendar.payment_window_days)

    def deadline(voucher: Voucher, stage: str) -> dt.date | None:
        if stage in ("assigned_unreserved", "reserved", "delivered_unredeemed"):
            return min(voucher.expiry_date, calendar.last_redemption_date)
        if stage == "redeemed_unrequested":
            assert voucher.redeemed_on is not None
            return voucher.redeemed_on + window
        return None

    keys = {
        "agreement": (lambda v: v.agreement.licensing_id, lambda a: a.licensing_id),
        "offering": (lambda v: v.engagement_type.offering.code, lambda a: "(not in a voucher)"),
        "country": (lambda v: str(v.customer.country), lambda a: str(a.customer.country)),
        "expiry": (
            lambda v: bucket_of(deadline(v, _stage(v)), TODAY),
            lambda a: bucket_of(calendar.removal_date, TODAY),
        ),
    }
    for group_by, (of_voucher, of_agreement) in keys.items():
        expected: dict[str, Counter[str]] = defaultdict(Counter)
        for (agreement_id, kind), days in balances.items():
            if kind == "available" and days:
                expected[of_agreement(agreements[agreement_id])]["available"] += days
        for voucher in vouchers:
            expected[of_voucher(voucher)][_stage(voucher)] += voucher.days
        report = selectors.report_funnel(actor=SYSTEM, today=TODAY, group_by=group_by)
        got = {
            row["group"]: Counter(
                {k: v for k, v in row.items() if k not in ("group", "label", "liability") and v}
            )
            for row in report.table("funnel").as_dicts()
        }
        assert got == dict(expected), group_by
        for row in report.table("funnel").as_dicts():
            stages = {k: v for k, v in row.items() if k not in ("group", "label", "liability")}
            assert row["liability"] == sum(stages.values()) - stages["paid"] - stages["denied"]


def _at_risk(voucher: Voucher, milestone_date: dt.date) -> bool:
    calendar = calendar_get()
    deadline = min(voucher.expiry_date, calendar.last_redemption_date)
    lead = dt.timedelta(days=LEAD_DAYS[voucher.status])
    return TODAY <= deadline < TODAY + lead and deadline <= milestone_date


@pytest.mark.parametrize(
    ("milestone", "day", "removes_days"),
    [("removal", dt.date(2021, 7, 1), True), ("last_redemption_day", dt.date(2022, 1, 1), False)],
)
def test_retirement_impact_equals_an_independent_count(
    demo: None, milestone: str, day: dt.date, removes_days: bool
) -> None:
    """The 2021-07-01 and 2022-01-01 milestones on the demo: organisations at risk exist, and
    every figure equals the same rule applied in Python to every voucher and agreement."""
    expected: dict[str, Counter[str]] = defaultdict(Counter)
    if removes_days:
        from planserv.customers.models import LicensingAgreement

        owners = dict(LicensingAgreement.objects.values_list("pk", "customer__public_id"))
        for (agreement_id, kind), days in _balances_from_entries().items():
            if kind == "available" and days:
                expected[owners[agreement_id]]["days_removed"] += days
    window = dt.timedelta(days=calendar_get().payment_window_days)
    for voucher in Voucher.objects.select_related("customer", "holder"):
        if voucher.status in LIVE and _at_risk(voucher, day):
            for organisation in filter(None, (voucher.customer, voucher.holder)):
                expected[organisation.public_id]["vouchers_at_risk"] += 1
                expected[organisation.public_id]["voucher_days_at_risk"] += voucher.days
        if (
            voucher.status == "redeemed"
            and not PaymentRequest.objects.filter(voucher=voucher).exists()
            and TODAY <= voucher.redeemed_on + window <= day
        ):
            assert voucher.holder is not None
            expected[voucher.holder.public_id]["payments_at_risk"] += 1
            expected[voucher.holder.public_id]["payment_days_at_risk"] += voucher.days
    report = selectors.report_retirement_impact(actor=SYSTEM, today=TODAY, milestone_key=milestone)
    got = {
        row["organisation"]: Counter(
            {k: v for k, v in row.items() if k not in ("organisation", "name", "kind") and v}
        )
        for row in report.table("organisations").as_dicts()
    }
    assert got == dict(expected)
    assert any(c["vouchers_at_risk"] for c in got.values())
    if removes_days:
        assert any(c["days_removed"] for c in got.values())
    else:
        assert any(c["payments_at_risk"] for c in got.values())


def test_customer_slice_days_equal_the_ledger_and_conserve(demo: None) -> None:
    from planserv.accounts.models import Organisation

    woodgrove = Organisation.objects.get(public_id="C-200001")
    report = selectors.report_customer(actor=SYSTEM, today=TODAY, organisation_id="C-200001")
    balances = _balances_from_entries()
    from planserv.customers.models import LicensingAgreement

    ids = dict(
        LicensingAgreement.objects.filter(customer=woodgrove).values_list("licensing_id", "pk")
    )
    rows = report.table("agreement_days").as_dicts()
    assert {row["agreement"] for row in rows} == set(ids)
    for row in rows:
        pk = ids[str(row["agreement"])]
        for kind in ("available", "held", "consumed", "forfeited", "removed"):
            assert row[kind] == balances[(pk, kind)], kind
        assert row["accrued"] == -balances[(pk, "issued")]
        assert row["accrued"] == sum(
            int(row[k] or 0) for k in ("available", "held", "consumed", "forfeited", "removed")
        )
    states = {r["status"]: r["vouchers"] for r in report.table("vouchers_by_state").as_dicts()}
    assert {k: v for k, v in states.items() if v} == dict(
        Counter(Voucher.objects.filter(customer=woodgrove).values_list("status", flat=True))
    )
