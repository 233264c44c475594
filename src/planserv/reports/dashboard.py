"""The operator's program dashboard (domain.md section 9): vouchers by state over time, the days
flow, payments by status and by country, partner firms by offering.

Every figure is aggregate SQL (GROUP BY with conditional sums): a fixed number of queries however
many vouchers, entries or requests there are (PERF-4). Python only folds the grouped rows (one
row per month combination or per group, never per voucher).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, DateField, F, Q, Sum
from django.db.models.functions import Trunc, TruncMonth

from planserv.core import clock
from planserv.customers.ledger.accounts import PLANNING_KINDS, AccountKind
from planserv.customers.ledger.models import LedgerAccount, LedgerDayFlow
from planserv.partners.models import Enrollment
from planserv.payments.lifecycle import PaymentRequestStatus
from planserv.payments.models import PaymentRequest
from planserv.program.models import Offering
from planserv.reports.models import VoucherCount
from planserv.reports.tables import Column, Report, Table, cell
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import Voucher

MAX_MONTHS = 48
STATES = [
    VoucherStatus.ASSIGNED,
    VoucherStatus.RESERVED,
    VoucherStatus.DELIVERED,
    VoucherStatus.REDEEMED,
    VoucherStatus.EXPIRED,
    VoucherStatus.CANCELLED,
]
K = AccountKind
# The days flow: (key, label, (from, to) movements). A correction moves days the other way and
# counts negatively in the flow it reverses.
FLOWS: list[tuple[str, str, tuple[tuple[str, str], ...]]] = [
    ("granted", "Accrued / granted", ((K.ISSUED, K.AVAILABLE),)),
    ("into_vouchers", "Into vouchers (held)", ((K.AVAILABLE, K.HELD),)),
    ("consumed", "Consumed (redeemed)", ((K.HELD, K.CONSUMED),)),
    ("returned", "Returned", ((K.HELD, K.AVAILABLE),)),
    ("forfeited", "Forfeited", ((K.HELD, K.FORFEITED), (K.AVAILABLE, K.FORFEITED))),
    ("removed", "Removed", ((K.AVAILABLE, K.REMOVED),)),
]
FLOW_OF: dict[tuple[str, str], str] = {move: key for key, _, moves in FLOWS for move in moves}


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return next_month(day) - dt.timedelta(days=1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months: list[dt.date] = []
    current = month_start(first)
    while current <= last and len(months) < MAX_MONTHS * 4:
        months.append(current)
        current = next_month(current)
    return months[-MAX_MONTHS:]


def _month_of(field: str) -> Trunc:
    return Trunc(field, "month", output_field=DateField(), tzinfo=clock.program_zone())


def vouchers_by_state_over_time(*, as_of: dt.date) -> Table:
    """Vouchers in each state at the end of every month (the last month ends at `as_of`), from the
    per-state timestamps. One grouped query: vouchers are counted per combination of the months
    they entered each state. A voucher released and reserved again counts as reserved from its
    latest reservation (a release clears the reservation timestamps)."""
    groups = (
        Voucher.objects.filter(assigned_on__lte=as_of)
        .order_by()
        .values(
            a=TruncMonth("assigned_on"),
            r=_month_of("reserved_at"),
            d=_month_of("delivered_at"),
            x=TruncMonth("redeemed_on"),
            e=_month_of("expired_at"),
            c=_month_of("cancelled_at"),
        )
        .annotate(n=Count("pk"))
    )
    rows = list(groups)
    columns = [Column("month", "Month end")] + [
        Column(str(state), VoucherStatus(state).label, numeric=True) for state in STATES
    ]
    table = Table(
        "vouchers_by_state",
        "Vouchers by state at each month end",
        columns,
        note="Count of vouchers in each state on the last day of the month (the last row: today).",
    )
    if not rows:
        return table
    first = min(row["a"] for row in rows)
    for month in months_between(first, as_of):
        counts: dict[str, int] = defaultdict(int)
        for row in rows:
            if row["a"] > month:
                continue
            counts[_state_at(row, month)] += row["n"]
        label = min(month_end(month), as_of)
        table.rows.append([cell(label), *[counts[str(state)] for state in STATES]])
    return table


def _state_at(row: dict[str, dt.date | None], month: dt.date) -> str:
    def by(key: str) -> bool:
        value = row[key]
        return value is not None and value <= month

    if by("x"):
        return str(VoucherStatus.REDEEMED)
    if by("e"):
        return str(VoucherStatus.EXPIRED)
    if by("c"):
        return str(VoucherStatus.CANCELLED)
    if by("d"):
        return str(VoucherStatus.DELIVERED)
    if by("r"):
        return str(VoucherStatus.RESERVED)
    return str(VoucherStatus.ASSIGNED)


def days_flow(*, as_of: dt.date) -> tuple[Table, Table]:
    """Planning days moved per month by flow, and the totals, from the days-flow summary the
    ledger keeps (a row per day and movement, never the entries; `ledger check` recounts it). One
    grouped query. Corrections count negatively in the flow they reverse."""
    grouped = (
        LedgerDayFlow.objects.filter(effective_date__lte=as_of)
        .order_by()
        .values(month=TruncMonth("effective_date"), src=F("source_kind"), dst=F("destination_kind"))
        .annotate(days=Sum("days"))
    )
    per_month: dict[dt.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in grouped:
        move = (row["src"], row["dst"])
        if move in FLOW_OF:
            per_month[row["month"]][FLOW_OF[move]] += int(row["days"])
        elif (row["dst"], row["src"]) in FLOW_OF:
            per_month[row["month"]][FLOW_OF[(row["dst"], row["src"])]] -= int(row["days"])
    columns = [Column(key, label, numeric=True) for key, label, _ in FLOWS]
    monthly = Table(
        "days_flow_by_month",
        "Days flow by month",
        [Column("month", "Month"), *columns],
        note="Planning days moved in each month, by effective date of the ledger entries.",
    )
    totals = {key: 0 for key, _, _ in FLOWS}
    for month in sorted(per_month):
        values = [per_month[month][key] for key, _, _ in FLOWS]
        monthly.rows.append([cell(month), *values])
        for key, _, _ in FLOWS:
            totals[key] += per_month[month][key]
    total_table = Table(
        "days_flow",
        "Days flow, all time",
        [Column("flow", "Flow"), Column("label", "Meaning"), Column("days", "Days", numeric=True)],
        rows=[[key, label, totals[key]] for key, label, _ in FLOWS],
        note="Accrued / granted includes conversions of training days and manual grants.",
    )
    return monthly, total_table


def days_by_account() -> Table:
    """Where the planning days are now: the stored balances, summed over every agreement."""
    sums = LedgerAccount.objects.aggregate(
        **{kind: Sum("balance", filter=Q(kind=kind)) for kind in PLANNING_KINDS}
    )
    return Table(
        "days_by_account",
        "Where the days are now",
        [Column("account", "Account"), Column("days", "Days", numeric=True)],
        rows=[[str(kind), int(sums[kind] or 0)] for kind in PLANNING_KINDS],
    )


def payments_by_status() -> Table:
    rows = (
        PaymentRequest.objects.order_by()
        .values("status", "currency")
        .annotate(requests=Count("pk"), total_days=Sum("days"), total=Sum("amount"))
        .order_by("status", "currency")
    )
    order = {status: index for index, status in enumerate(PaymentRequestStatus.values)}
    table = Table(
        "payments_by_status",
        "Payment requests by status",
        [
            Column("status", "Status"),
            Column("currency", "Currency"),
            Column("requests", "Requests", numeric=True),
            Column("days", "Days", numeric=True),
            Column("amount", "Amount", numeric=True),
        ],
    )
    for row in sorted(rows, key=lambda r: (order.get(r["status"], 99), r["currency"])):
        table.rows.append(
            [
                row["status"],
                row["currency"],
                row["requests"],
                int(row["total_days"] or 0),
                cell(row["total"]),
            ]
        )
    return table


def payments_by_country() -> Table:
    paid = Q(status=PaymentRequestStatus.PAID)
    denied = Q(status=PaymentRequestStatus.DENIED)
    rows = (
        PaymentRequest.objects.order_by()
        .values("delivery_country", "currency")
        .annotate(
            requests=Count("pk"),
            requested=Sum("amount"),
            paid=Sum("amount", filter=paid),
            open_requests=Count("pk", filter=~paid & ~denied),
            open_amount=Sum("amount", filter=~paid & ~denied),
        )
        .order_by("delivery_country", "currency")
    )
    table = Table(
        "payments_by_country",
        "Payment requests by delivery country",
        [
            Column("country", "Country"),
            Column("currency", "Currency"),
            Column("requests", "Requests", numeric=True),
            Column("amount", "Requested", numeric=True),
            Column("paid", "Paid", numeric=True),
            Column("open_requests", "Open requests", numeric=True),
            Column("open_amount", "Open amount", numeric=True),
        ],
        note="Open: filed and neither paid nor denied.",
    )
    for row in rows:
        table.rows.append(
            [
                str(row["delivery_country"]),
                row["currency"],
                row["requests"],
                cell(row["requested"]),
                cell(row["paid"] or 0),
                row["open_requests"],
                cell(row["open_amount"] or 0),
            ]
        )
    return table


def partners_by_offering(*, as_of: dt.date) -> Table:
    active = Q(enrolled_on__lte=as_of, last_day__gte=as_of)
    counts = {
        row["offering_id"]: row
        for row in Enrollment.objects.order_by()
        .values("offering_id")
        .annotate(
            enrolled=Count("organisation", filter=active, distinct=True),
            ever=Count("organisation", distinct=True),
        )
    }
    table = Table(
        "partners_by_offering",
        "Partner firms by offering",
        [
            Column("offering", "Offering"),
            Column("name", "Name"),
            Column("enrolled", "Enrolled today", numeric=True),
            Column("ever", "Ever enrolled", numeric=True),
        ],
        note="Firms with an enrollment period that includes today, and firms ever enrolled.",
    )
    for offering in Offering.objects.order_by("code").values("pk", "code", "name"):
        row = counts.get(offering["pk"], {})
        table.rows.append(
            [offering["code"], offering["name"], row.get("enrolled", 0), row.get("ever", 0)]
        )
    return table


def vouchers_by_state_now() -> Table:
    """Vouchers and days per state today, from the voucher counters (a row per state and shard,
    not every voucher; `ledger check` recounts them)."""
    grouped = {
        status: (int(count or 0), int(days or 0))
        for status, count, days in VoucherCount.objects.filter(dimension="state")
        .order_by()
        .values("stage")
        .annotate(n=Sum("vouchers"), d=Sum("days"))
        .values_list("stage", "n", "d")
    }
    return Table(
        "vouchers_now",
        "Vouchers by state today",
        [
            Column("status", "State"),
            Column("vouchers", "Vouchers", numeric=True),
            Column("days", "Days", numeric=True),
        ],
        rows=[[str(s), *grouped.get(s, (0, 0))] for s in STATES],
    )


def dashboard(*, as_of: dt.date) -> Report:
    monthly, totals = days_flow(as_of=as_of)
    return Report(
        key="dashboard",
        title="Program dashboard",
        as_of=as_of,
        tables=[
            vouchers_by_state_over_time(as_of=as_of),
            vouchers_by_state_now(),
            monthly,
            totals,
            days_by_account(),
            payments_by_status(),
            payments_by_country(),
            partners_by_offering(as_of=as_of),
        ],
        meta={"flows": [key for key, _, _ in FLOWS]},
    )
