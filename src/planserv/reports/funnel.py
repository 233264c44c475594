"""The funnel / liability report: planning days at each stage of their way to payment, grouped by
agreement, offering, customer country or deadline bucket (domain.md section 9, issue #8).

Stages (days):
    available              in the agreement's pool, not in a voucher (ledger `available`)
    assigned_unreserved    in assigned vouchers no partner has reserved
    reserved               in reserved vouchers, no completion report yet
    delivered_unredeemed   report filed, voucher not redeemed
    redeemed_unrequested   redeemed, no payment request filed
    requested_unpaid       a payment request filed and not yet paid (nor denied)
    paid                   the payment request was paid
    denied                 the payment request was denied (shown apart: no longer a liability)

Deadline buckets use each stage's own deadline: available days → the removal date; live vouchers
→ the earlier of expiry and the last redemption day; redeemed and unrequested → the last day of
the payment window; requested, paid and denied have none. Two queries, whatever the row count;
for the whole program the vouchers' part reads the voucher counters, not the vouchers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import connection
from django.db.models import Case, CharField, F, Q, Sum, Value, When

from planserv.accounts.models import Organisation
from planserv.core.errors import InvalidInput
from planserv.customers.ledger.accounts import AccountKind
from planserv.customers.ledger.models import LedgerAccount
from planserv.customers.models import LicensingAgreement
from planserv.payments.lifecycle import PaymentRequestStatus
from planserv.program.calendar import ProgramCalendar
from planserv.program.models import EngagementType, Offering
from planserv.reports.models import VoucherCount
from planserv.reports.scope import ReportScope
from planserv.reports.tables import Column, Report, Table
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import Voucher

STAGES: list[tuple[str, str]] = [
    ("available", "Available"),
    ("assigned_unreserved", "Assigned, unreserved"),
    ("reserved", "Reserved"),
    ("delivered_unredeemed", "Delivered, unredeemed"),
    ("redeemed_unrequested", "Redeemed, unrequested"),
    ("requested_unpaid", "Requested, unpaid"),
    ("paid", "Paid"),
    ("denied", "Denied"),
]
BUCKETS: list[tuple[str, str]] = [
    ("expired", "Deadline passed"),
    ("due_30", "Due in 0–30 days"),
    ("due_90", "Due in 31–90 days"),
    ("due_later", "Due in more than 90 days"),
    ("none", "No deadline"),
]
GROUPS = ("agreement", "offering", "country", "expiry")
LIVE = [VoucherStatus.ASSIGNED, VoucherStatus.RESERVED, VoucherStatus.DELIVERED]
NOT_IN_VOUCHER = "(not in a voucher)"
LIVE_STAGES = ("assigned_unreserved", "reserved", "delivered_unredeemed")


def _thresholds(as_of: dt.date) -> list[tuple[str, str, dt.date]]:
    """(bucket, lookup, date): a deadline d falls in the first bucket whose `d <lookup> date`."""
    return [
        ("expired", "lt", as_of),
        ("due_30", "lte", as_of + dt.timedelta(days=30)),
        ("due_90", "lte", as_of + dt.timedelta(days=90)),
    ]


def bucket_of(deadline: dt.date | None, as_of: dt.date) -> str:
    """The bucket of one deadline (plain Python: the same rule as the SQL below)."""
    if deadline is None:
        return "none"
    for bucket, lookup, limit in _thresholds(as_of):
        if (lookup == "lt" and deadline < limit) or (lookup == "lte" and deadline <= limit):
            return bucket
    return "due_later"


def _stage_case() -> Case:
    request = "payment_request__status"
    return Case(
        When(status=VoucherStatus.ASSIGNED, then=Value("assigned_unreserved")),
        When(status=VoucherStatus.RESERVED, then=Value("reserved")),
        When(status=VoucherStatus.DELIVERED, then=Value("delivered_unredeemed")),
        When(payment_request__isnull=True, then=Value("redeemed_unrequested")),
        When(**{request: PaymentRequestStatus.PAID}, then=Value("paid")),
        When(**{request: PaymentRequestStatus.DENIED}, then=Value("denied")),
        default=Value("requested_unpaid"),
        output_field=CharField(),
    )


def _bucket_case(as_of: dt.date, calendar: ProgramCalendar) -> Case:
    """Each stage's deadline bucket in SQL. Live vouchers: min(expiry, last redemption day), with
    the constant last redemption day folded in; unrequested: redeemed_on + window <= t is written
    redeemed_on <= t - window (no date arithmetic in SQL)."""
    last = calendar.last_redemption_date
    window = dt.timedelta(days=calendar.payment_window_days)
    whens = [
        When(Q(status=VoucherStatus.REDEEMED, payment_request__isnull=False), then=Value("none"))
    ]
    for bucket, lookup, limit in _thresholds(as_of):
        last_inside = last < limit if lookup == "lt" else last <= limit
        live = Q(status__in=LIVE) & (Q() if last_inside else Q(**{f"expiry_date__{lookup}": limit}))
        unrequested = Q(status=VoucherStatus.REDEEMED) & Q(
            **{f"redeemed_on__{lookup}": limit - window}
        )
        whens.append(When(live | unrequested, then=Value(bucket)))
    return Case(*whens, default=Value("due_later"), output_field=CharField())


def _group_value(group_by: str, *, available: bool) -> Any:
    if group_by == "agreement":
        return F("agreement__licensing_id")
    if group_by == "country":
        return F("agreement__customer__country") if available else F("customer__country")
    if group_by == "offering":
        return Value(NOT_IN_VOUCHER) if available else F("engagement_type__offering__code")
    raise ValueError(group_by)


def funnel(
    *,
    scope: ReportScope,
    as_of: dt.date,
    calendar: ProgramCalendar,
    group_by: str,
    counters: bool | None = None,
) -> Report:
    """The funnel for `scope`. The whole program's voucher stages come from the voucher counters
    (`counters`: None = for an operator's scope), an organisation's from its vouchers."""
    if group_by not in GROUPS:
        raise InvalidInput(
            f"group_by must be one of {', '.join(GROUPS)}, not {group_by!r}.",
            details={"allowed": list(GROUPS)},
        )
    days: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    if not scope.is_partner:  # a partner firm holds no pool
        accounts = LedgerAccount.objects.filter(kind=AccountKind.AVAILABLE, balance__gt=0)
        if scope.is_customer:
            accounts = accounts.filter(agreement__customer_id=scope.customer_id)
        if group_by == "expiry":
            total = accounts.aggregate(days=Sum("balance"))["days"] or 0
            if total:
                days[bucket_of(calendar.removal_date, as_of)]["available"] += int(total)
        else:
            for row in (
                accounts.order_by()
                .values(group=_group_value(group_by, available=True))
                .annotate(days=Sum("balance"))
            ):
                if row["days"]:  # a constant group (offering) aggregates to one row, maybe empty
                    days[str(row["group"])]["available"] += int(row["days"])
    use_counters = scope.everything if counters is None else counters
    if use_counters:
        _count_voucher_stages(days, as_of=as_of, calendar=calendar, group_by=group_by)
    else:
        _scan_voucher_stages(days, scope=scope, as_of=as_of, calendar=calendar, group_by=group_by)
    return _report(days, as_of=as_of, group_by=group_by)


def _scan_voucher_stages(
    days: dict[str, dict[str, int]],
    *,
    scope: ReportScope,
    as_of: dt.date,
    calendar: ProgramCalendar,
    group_by: str,
) -> None:
    """The vouchers' days per group and stage, grouped from the vouchers (one query): for a
    customer or a partner firm, whose vouchers its index finds; and the recount's reference."""
    vouchers = Voucher.objects.filter(status__in=[*LIVE, VoucherStatus.REDEEMED])
    if scope.is_customer:
        vouchers = vouchers.filter(customer_id=scope.customer_id)
    if scope.is_partner:
        vouchers = vouchers.filter(holder_id=scope.partner_id)
    stage = _stage_case()
    group = _bucket_case(as_of, calendar) if group_by == "expiry" else None
    grouped = (
        vouchers.order_by()
        .values(
            stage_key=stage,
            group=group if group is not None else _group_value(group_by, available=False),
        )
        .annotate(days=Sum("days"))
    )
    for row in grouped:
        days[str(row["group"])][row["stage_key"]] += int(row["days"])


def _counted_groups_sql(group_by: str) -> str:
    """Group label, stage, vouchers, days from the voucher counters of one grouping."""
    counts = VoucherCount._meta.db_table
    if group_by == "agreement":  # one unsharded row per agreement and stage: nothing to sum
        return (
            f"SELECT a.licensing_id, c.stage, c.vouchers, c.days FROM {counts} c "  # noqa: S608  # nosec B608 - names from models, values bound
            f"JOIN {LicensingAgreement._meta.db_table} a ON a.id = c.key "
            "WHERE c.dimension = %s AND c.vouchers > 0"
        )
    if group_by == "country":
        label = "o.country"
        join = f"JOIN {Organisation._meta.db_table} o ON o.id = c.key"
    else:
        label = "f.code"
        join = (
            f"JOIN {EngagementType._meta.db_table} e ON e.id = c.key "
            f"JOIN {Offering._meta.db_table} f ON f.id = e.offering_id"
        )
    return (
        f"SELECT {label}, c.stage, SUM(c.vouchers), SUM(c.days) FROM {counts} c {join} "  # noqa: S608 - names from models, values bound
        f"WHERE c.dimension = %s GROUP BY {label}, c.stage HAVING SUM(c.vouchers) > 0"
    )


def _count_voucher_stages(
    days: dict[str, dict[str, int]], *, as_of: dt.date, calendar: ProgramCalendar, group_by: str
) -> None:
    """The same figures for the whole program from the voucher counters (`reports/counters.py`):
    a row per group and stage (per stage and deadline day for the expiry buckets), never a row
    per voucher. A group shows when it has vouchers, as in the scan."""
    if group_by == "expiry":
        last = calendar.last_redemption_date
        window = dt.timedelta(days=calendar.payment_window_days)
        for stage, day, _count, total in (
            VoucherCount.objects.filter(dimension="deadline")
            .order_by()
            .values("stage", "day")
            .annotate(n=Sum("vouchers"), d=Sum("days"))
            .filter(n__gt=0)
            .values_list("stage", "day", "n", "d")
        ):
            deadline: dt.date | None = None
            if stage in LIVE_STAGES:
                deadline = min(day, last)
            elif stage == "redeemed_unrequested":
                deadline = day + window
            days[bucket_of(deadline, as_of)][stage] += int(total)
        return
    with connection.cursor() as cursor:
        cursor.execute(_counted_groups_sql(group_by), [group_by])
        for group, stage, _count, total in cursor.fetchall():
            days[str(group)][stage] += int(total)


def _report(days: dict[str, dict[str, int]], *, as_of: dt.date, group_by: str) -> Report:
    columns = [Column("group", group_by.capitalize())]
    if group_by == "expiry":
        columns.append(Column("label", "Deadline"))
    columns += [Column(key, label, numeric=True) for key, label in STAGES]
    columns.append(Column("liability", "Liability (not yet paid)", numeric=True))
    table = Table(
        "funnel",
        f"Days at each stage by {group_by}",
        columns,
        note="Liability: every stage except paid and denied.",
    )
    if group_by == "expiry":
        keys = [key for key, _ in BUCKETS if key in days]
        labels = dict(BUCKETS)
    else:
        keys = sorted(days)
        labels = {}
    totals: dict[str, int] = defaultdict(int)
    for key in keys:
        values = [days[key][stage] for stage, _ in STAGES]
        for (stage, _), value in zip(STAGES, values, strict=True):
            totals[stage] += value
        liability = sum(days[key][stage] for stage, _ in STAGES if stage not in ("paid", "denied"))
        head: list[str | int | None] = [key]
        if group_by == "expiry":
            head.append(labels[key])
        table.rows.append([*head, *values, liability])
    stage_table = Table(
        "funnel_totals",
        "Days at each stage",
        [
            Column("stage", "Stage"),
            Column("label", "Meaning"),
            Column("days", "Days", numeric=True),
        ],
        rows=[[stage, label, totals[stage]] for stage, label in STAGES],
    )
    return Report(
        key="funnel",
        title="Funnel and liability",
        as_of=as_of,
        tables=[table, stage_table],
        meta={"group_by": group_by, "groups": list(GROUPS)},
    )
