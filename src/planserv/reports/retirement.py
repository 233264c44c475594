"""Retirement impact (domain.md sections 8 and 9): what a coming milestone will do, by organisation.

For a milestone on date D, seen on `as_of`:

* **days removed** (removal and last create/assign day): the customer's available days today;
  unless they are put into vouchers by the last create/assign day they move to `removed` on the
  removal date.
* **vouchers at risk** (removal and last redemption day): live vouchers that cannot be redeemed
  in time at the current pace. The *pace rule*: a voucher still needs a typical lead time to reach
  redemption from its state (LEAD_DAYS: assigned 30 days to find a partner, deliver and report;
  reserved 14 days to deliver and report; delivered 7 days to redeem). Its deadline is the earlier
  of its expiry date and the last redemption day. It is at risk when `as_of + lead > deadline`
  (and the deadline has not passed yet, and falls on or before D). For the removal this matters
  because days of a voucher that ends unredeemed return to the pool and are removed, or are
  forfeited once the removal has happened.
* **payments at risk** (every milestone): redeemed vouchers of a partner firm with no payment
  request yet whose 60-day window is still open and closes on or before D (R-PAY-2).

Each figure is one grouped query; the organisation table is a fixed number of queries (PERF-4).
For the whole program the vouchers' figures read the voucher counters (`reports/counters.py`).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, Sum

from planserv.accounts.models import Organisation
from planserv.core.errors import NotFound
from planserv.core.types import OrganisationKind
from planserv.customers.ledger.accounts import AccountKind
from planserv.customers.ledger.models import LedgerAccount
from planserv.jobs.reminders import milestone_ask
from planserv.notifications.messages import AtStake, MilestoneReminderMessage, Recipient, render
from planserv.program.calendar import ProgramCalendar, calendar_get
from planserv.program.models import Milestone, MilestoneKey
from planserv.reports.models import VoucherCount
from planserv.reports.scope import ReportScope
from planserv.reports.tables import Column, Report, Table, cell
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import Voucher

LEAD_DAYS: dict[str, int] = {
    VoucherStatus.ASSIGNED: 30,
    VoucherStatus.RESERVED: 14,
    VoucherStatus.DELIVERED: 7,
}
DAYS_MILESTONES = (MilestoneKey.LAST_CREATE_DAY, MilestoneKey.REMOVAL)
VOUCHER_MILESTONES = (MilestoneKey.REMOVAL, MilestoneKey.LAST_REDEMPTION_DAY)
DRILL_LIMIT = 500
NOTICE_DAYS_BEFORE = 30


@dataclass(frozen=True)
class Impact:
    milestone: Milestone
    as_of: dt.date
    calendar: ProgramCalendar

    @property
    def date(self) -> dt.date:
        return self.milestone.date

    @property
    def removes_days(self) -> bool:
        return self.milestone.key in DAYS_MILESTONES and self.as_of <= self.calendar.removal_date

    @property
    def touches_vouchers(self) -> bool:
        return self.milestone.key in VOUCHER_MILESTONES


def milestone_get(key: str) -> Milestone:
    milestone = Milestone.objects.filter(key=key).first()
    if milestone is None:
        raise NotFound(
            f"No milestone {key!r}; the milestones are: {', '.join(MilestoneKey.values)}.",
            details={"milestones": list(MilestoneKey.values)},
        )
    return milestone


def coming_milestones(as_of: dt.date) -> list[Milestone]:
    return list(Milestone.objects.filter(date__gte=as_of).order_by("date", "key"))


def at_risk_q(impact: Impact, *, status: str = "status", expiry: str = "expiry_date") -> Q:
    """The pace rule as one filter (see the module docstring), over a voucher's `status` and
    `expiry` fields (the voucher counters name them `stage` and `day`)."""
    as_of, last = impact.as_of, impact.calendar.last_redemption_date
    if last < as_of:
        return Q(pk__in=[])
    by_state = Q(pk__in=[])
    for state, lead in LEAD_DAYS.items():
        projected = as_of + dt.timedelta(days=lead)
        late = Q() if last < projected else Q(**{f"{expiry}__lt": projected})
        by_state |= Q(**{status: state}) & late
    before_milestone = Q() if last <= impact.date else Q(**{f"{expiry}__lte": impact.date})
    return Q(**{f"{expiry}__gte": as_of}) & by_state & before_milestone


def payments_at_risk_q(impact: Impact) -> Q:
    """Redeemed, unrequested, window open today and closing on or before the milestone date."""
    window = dt.timedelta(days=impact.calendar.payment_window_days)
    return Q(
        status=VoucherStatus.REDEEMED,
        payment_request__isnull=True,
        redeemed_on__gte=impact.as_of - window,
        redeemed_on__lte=impact.date - window,
    )


def _scoped_vouchers(scope: ReportScope) -> Any:
    vouchers = Voucher.objects.all()
    if scope.is_customer:
        vouchers = vouchers.filter(customer_id=scope.customer_id)
    if scope.is_partner:
        vouchers = vouchers.filter(holder_id=scope.partner_id)
    return vouchers


COLUMNS = [
    Column("organisation", "Organisation id"),
    Column("name", "Name"),
    Column("kind", "Side"),
    Column("days_removed", "Days removed", numeric=True),
    Column("vouchers_at_risk", "Vouchers at risk", numeric=True),
    Column("voucher_days_at_risk", "Days in vouchers at risk", numeric=True),
    Column("payments_at_risk", "Payments at risk", numeric=True),
    Column("payment_days_at_risk", "Days of payments at risk", numeric=True),
]


def impact_figures(
    impact: Impact, scope: ReportScope, *, counters: bool | None = None
) -> dict[int, dict[str, int]]:
    """Organisation id → its figures (only organisations with something at stake). The whole
    program's vouchers come from the voucher counters (unless `counters` is False), an
    organisation's from its vouchers."""
    figures: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    if impact.removes_days and not scope.is_partner:
        accounts = LedgerAccount.objects.filter(kind=AccountKind.AVAILABLE, balance__gt=0)
        if scope.is_customer:
            accounts = accounts.filter(agreement__customer_id=scope.customer_id)
        for customer_id, days in (
            accounts.order_by()
            .values("agreement__customer_id")
            .annotate(days=Sum("balance"))
            .values_list("agreement__customer_id", "days")
        ):
            figures[customer_id]["days_removed"] += int(days)
    if scope.everything and counters is not False:
        _count_vouchers_at_stake(impact, figures)
        return figures
    vouchers = _scoped_vouchers(scope)
    if impact.touches_vouchers:
        at_risk = vouchers.filter(at_risk_q(impact)).order_by()
        sides = [] if scope.is_partner else ["customer_id"]
        sides += [] if scope.is_customer else ["holder_id"]
        for side in sides:
            for organisation_id, count, days in (
                at_risk.filter(**{f"{side}__isnull": False})
                .values(side)
                .annotate(n=Count("pk"), d=Sum("days"))
                .values_list(side, "n", "d")
            ):
                figures[organisation_id]["vouchers_at_risk"] += count
                figures[organisation_id]["voucher_days_at_risk"] += int(days)
    if not scope.is_customer:
        for holder_id, count, days in (
            vouchers.filter(payments_at_risk_q(impact))
            .order_by()
            .values("holder_id")
            .annotate(n=Count("pk"), d=Sum("days"))
            .values_list("holder_id", "n", "d")
        ):
            figures[holder_id]["payments_at_risk"] += count
            figures[holder_id]["payment_days_at_risk"] += int(days)
    return figures


def _count_vouchers_at_stake(impact: Impact, figures: dict[int, dict[str, int]]) -> None:
    """The whole program's vouchers and payments at risk from the voucher counters (a row per
    organisation, state and expiry day inside the window, not every voucher)."""
    counted = VoucherCount.objects.order_by()
    if impact.touches_vouchers:
        for dimension in ("customer", "holder"):
            for organisation_id, count, days in (
                counted.filter(dimension=dimension, stage__in=list(LEAD_DAYS))
                .filter(at_risk_q(impact, status="stage", expiry="day"))
                .values("key")
                .annotate(n=Sum("vouchers"), d=Sum("days"))
                .filter(n__gt=0)
                .values_list("key", "n", "d")
            ):
                figures[organisation_id]["vouchers_at_risk"] += int(count)
                figures[organisation_id]["voucher_days_at_risk"] += int(days)
    window = dt.timedelta(days=impact.calendar.payment_window_days)
    for holder_id, count, days in (
        counted.filter(
            dimension="holder",
            stage="redeemed_unrequested",
            day__gte=impact.as_of - window,
            day__lte=impact.date - window,
        )
        .values("key")
        .annotate(n=Sum("vouchers"), d=Sum("days"))
        .filter(n__gt=0)
        .values_list("key", "n", "d")
    ):
        figures[holder_id]["payments_at_risk"] += int(count)
        figures[holder_id]["payment_days_at_risk"] += int(days)


def _milestones_table(as_of: dt.date) -> Table:
    return Table(
        "milestones",
        "Coming milestones",
        [Column("key", "Milestone"), Column("title", "Title"), Column("date", "Date")],
        rows=[[m.key, m.title, cell(m.date)] for m in coming_milestones(as_of)],
    )


def retirement_impact(
    *, scope: ReportScope, as_of: dt.date, calendar: ProgramCalendar, milestone_key: str | None
) -> Report:
    milestones = _milestones_table(as_of)
    if milestone_key is None:
        if not milestones.rows:
            raise NotFound("No milestone is still to come; name one with ?milestone=.")
        milestone_key = str(milestones.rows[0][0])
    impact = Impact(milestone=milestone_get(milestone_key), as_of=as_of, calendar=calendar)
    figures = impact_figures(impact, scope)
    organisations = {
        o.pk: o
        for o in Organisation.objects.filter(pk__in=list(figures)).only(
            "pk", "public_id", "name", "kind"
        )
    }
    table = Table(
        "organisations",
        f"Organisations affected by {impact.milestone.title} ({impact.date:%Y-%m-%d})",
        COLUMNS,
        note=_measure_note(impact),
    )
    ordered = sorted(organisations.values(), key=lambda o: (o.kind, o.name, o.pk))
    for organisation in ordered:
        values = figures[organisation.pk]
        table.rows.append(
            [
                organisation.public_id,
                organisation.name,
                organisation.kind,
                *[values[column.key] for column in COLUMNS[3:]],
            ]
        )
    return Report(
        key="retirement_impact",
        title="Retirement impact",
        as_of=as_of,
        tables=[table, milestones],
        meta=_milestone_meta(impact),
    )


def _milestone_meta(impact: Impact) -> dict[str, Any]:
    return {
        "milestone": impact.milestone.key,
        "milestone_title": impact.milestone.title,
        "milestone_date": impact.date.isoformat(),
        "effect": impact.milestone.effect,
        "lead_days": {str(k): v for k, v in LEAD_DAYS.items()},
        "days_until": (impact.date - impact.as_of).days,
    }


def _measure_note(impact: Impact) -> str:
    parts = []
    if impact.removes_days:
        parts.append("days removed: available days today, removed on the removal date")
    if impact.touches_vouchers:
        parts.append(
            "vouchers at risk: live vouchers whose deadline (expiry or last redemption day) comes "
            "before today + the lead time of their state (assigned 30, reserved 14, delivered 7 "
            "days)"
        )
    parts.append(
        "payments at risk: redeemed vouchers not yet requested whose 60-day window "
        "closes on or before the milestone"
    )
    return "; ".join(parts) + "."


def retirement_organisation(
    *,
    scope: ReportScope,
    as_of: dt.date,
    calendar: ProgramCalendar,
    milestone_key: str,
    organisation: Organisation,
) -> Report:
    """The drill-down for one organisation: its agreements' days, vouchers and payments at risk,
    and the milestone notice it will receive (rendered here, never enqueued)."""
    impact = Impact(milestone=milestone_get(milestone_key), as_of=as_of, calendar=calendar)
    is_customer = organisation.kind == OrganisationKind.CUSTOMER
    tables: list[Table] = []
    days_table = Table(
        "days_removed",
        "Available days that will be removed",
        [Column("agreement", "Agreement"), Column("days", "Days", numeric=True)],
    )
    if impact.removes_days and is_customer:
        for licensing_id, days in (
            LedgerAccount.objects.filter(
                kind=AccountKind.AVAILABLE, balance__gt=0, agreement__customer=organisation
            )
            .order_by("agreement__licensing_id")
            .values_list("agreement__licensing_id", "balance")
        ):
            days_table.rows.append([licensing_id, int(days)])
    tables.append(days_table)
    side = Q(customer=organisation) if is_customer else Q(holder=organisation)
    vouchers_table = Table(
        "vouchers_at_risk",
        "Vouchers at risk at the current pace",
        [
            Column("voucher_id", "Voucher"),
            Column("status", "State"),
            Column("days", "Days", numeric=True),
            Column("customer", "Customer"),
            Column("partner", "Partner"),
            Column("expiry_date", "Expiry"),
            Column("deadline", "Deadline"),
            Column("lead_days", "Lead time (days)", numeric=True),
        ],
        note=f"At most {DRILL_LIMIT} rows, earliest deadline first.",
    )
    if impact.touches_vouchers:
        rows = (
            Voucher.objects.filter(side & at_risk_q(impact))
            .order_by("expiry_date", "id")
            .values_list(
                "voucher_id", "status", "days", "customer__name", "holder__name", "expiry_date"
            )[:DRILL_LIMIT]
        )
        last = calendar.last_redemption_date
        for voucher_id, status, days, customer, holder, expiry in rows:
            vouchers_table.rows.append(
                [
                    voucher_id,
                    status,
                    days,
                    customer,
                    holder,
                    cell(expiry),
                    cell(min(expiry, last)),
                    LEAD_DAYS[status],
                ]
            )
    tables.append(vouchers_table)
    payments_table = Table(
        "payments_at_risk",
        "Redeemed vouchers whose payment window closes first",
        [
            Column("voucher_id", "Voucher"),
            Column("days", "Days", numeric=True),
            Column("customer", "Customer"),
            Column("redeemed_on", "Redeemed on"),
            Column("last_request_date", "Last day to request payment"),
        ],
        note=f"At most {DRILL_LIMIT} rows.",
    )
    if not is_customer:
        window = dt.timedelta(days=calendar.payment_window_days)
        for voucher_id, days, customer, redeemed_on in (
            Voucher.objects.filter(Q(holder=organisation) & payments_at_risk_q(impact))
            .order_by("redeemed_on", "id")
            .values_list("voucher_id", "days", "customer__name", "redeemed_on")[:DRILL_LIMIT]
        ):
            assert redeemed_on is not None  # a redeemed voucher has its date (a constraint)
            payments_table.rows.append(
                [voucher_id, days, customer, cell(redeemed_on), cell(redeemed_on + window)]
            )
    tables.append(payments_table)
    meta = _milestone_meta(impact)
    meta.update(
        organisation=organisation.public_id,
        organisation_name=organisation.name,
        organisation_kind=organisation.kind,
        notice=_notice(impact, organisation, tables),
    )
    del scope
    return Report(
        key="retirement_organisation",
        title=f"Retirement impact on {organisation.name}",
        as_of=as_of,
        tables=tables,
        meta=meta,
    )


def _notice(impact: Impact, organisation: Organisation, tables: list[Table]) -> dict[str, Any]:
    """The reminder the organisation will get 30 days before the milestone, with the stakes above
    (the jobs send it through the outbox; here it is only rendered)."""
    ask = milestone_ask(impact.milestone.key, organisation.kind)
    if ask is None:
        return {"sent": False, "reason": "This side is not told about this milestone."}
    days, vouchers, payments = tables
    stakes = [
        AtStake(int(days_), "days", f"available on agreement {agreement}, not in a voucher")
        for agreement, days_ in days.rows
        if isinstance(days_, int)
    ]
    if vouchers.rows:
        total = sum(int(row[2] or 0) for row in vouchers.rows)
        stakes.append(
            AtStake(
                len(vouchers.rows),
                "vouchers",
                f"not redeemable in time at the current pace ({total} days)",
            )
        )
    if payments.rows:
        stakes.append(
            AtStake(
                len(payments.rows),
                "payments",
                "redeemed vouchers whose payment window "
                "closes before the milestone; file the payment requests",
            )
        )
    if not stakes:
        return {"sent": False, "reason": "Nothing at stake: no reminder is sent."}
    administrator = Recipient(email="administrator@example.invalid", name="")
    reminder = MilestoneReminderMessage(
        milestone_key=impact.milestone.key,
        milestone_title=impact.milestone.title,
        milestone_date=impact.date,
        effect=impact.milestone.effect,
        days_before=NOTICE_DAYS_BEFORE,
        organisation_name=organisation.name,
        at_stake=stakes,
        action=ask.action,
        act_by=ask.act_by,
        organisation_id=organisation.pk,
        recipients=[administrator],
    )
    rendered = render(reminder, administrator)
    return {"sent": True, "subject": rendered.subject, "text": rendered.text}


@dataclass(frozen=True)
class ImpactTotals:
    """One milestone date's impact over the whole program (the settings page's preview)."""

    date: dt.date
    organisations: int
    days_removed: int
    vouchers_at_risk: int
    payments_at_risk: int


def _totals(impact: Impact) -> ImpactTotals:
    figures = impact_figures(impact, ReportScope(everything=True))
    return ImpactTotals(
        date=impact.date,
        organisations=len(figures),
        days_removed=sum(values["days_removed"] for values in figures.values()),
        vouchers_at_risk=sum(values["vouchers_at_risk"] for values in figures.values()),
        payments_at_risk=sum(values["payments_at_risk"] for values in figures.values()),
    )


def milestone_change_preview(
    *, key: str, new_date: dt.date, as_of: dt.date
) -> tuple[ImpactTotals, ImpactTotals]:
    """The retirement impact of milestone `key` at its date now and at `new_date`, before the
    operator saves the change. Reads only."""
    current = milestone_get(key)
    proposed = copy.copy(current)
    proposed.date = new_date
    now = Impact(milestone=current, as_of=as_of, calendar=calendar_get())
    after = Impact(milestone=proposed, as_of=as_of, calendar=calendar_get(proposed=proposed))
    return _totals(now), _totals(after)
