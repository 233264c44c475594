"""The customer's and the partner firm's own slices (domain.md section 9).

Customer: days per agreement (accrued, available, held, consumed, forfeited, removed) and its
vouchers by state, with the open vouchers' deadlines. Partner: the vouchers it holds with expiry
and redemption deadlines, and its payment pipeline. Fixed query counts (PERF-4); lists are capped
at LIST_LIMIT rows, earliest deadline first.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext, gettext_lazy

from planserv.accounts.models import Organisation
from planserv.customers.ledger.accounts import AccountKind
from planserv.customers.ledger.models import LedgerAccount
from planserv.payments.lifecycle import PaymentRequestStatus
from planserv.payments.models import PaymentRequest
from planserv.program.calendar import ProgramCalendar
from planserv.reports.dashboard import STATES
from planserv.reports.retirement import LEAD_DAYS
from planserv.reports.tables import Column, Report, Table, cell
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import Voucher

LIST_LIMIT = 500
K = AccountKind
DAY_COLUMNS = [
    ("accrued", gettext_lazy("Accrued")),
    (K.AVAILABLE, gettext_lazy("Available")),
    (K.HELD, gettext_lazy("Held")),
    (K.CONSUMED, gettext_lazy("Consumed")),
    (K.FORFEITED, gettext_lazy("Forfeited")),
    (K.REMOVED, gettext_lazy("Removed")),
]
LIVE = [VoucherStatus.ASSIGNED, VoucherStatus.RESERVED, VoucherStatus.DELIVERED]


def _deadline_cells(
    status: str, expiry: dt.date, as_of: dt.date, calendar: ProgramCalendar
) -> list[str | int | None]:
    deadline = min(expiry, calendar.last_redemption_date)
    lead = LEAD_DAYS.get(status, 0)
    at_risk = as_of <= deadline < as_of + dt.timedelta(days=lead)
    return [
        cell(expiry),
        cell(calendar.last_redemption_date),
        cell(deadline),
        (deadline - as_of).days,
        "yes" if at_risk else "no",
    ]


DEADLINE_COLUMNS = [
    Column("expiry_date", gettext_lazy("Expiry")),
    Column("last_redemption_date", gettext_lazy("Last redemption day")),
    Column("deadline", gettext_lazy("Deadline")),
    Column("days_left", gettext_lazy("Days left"), numeric=True),
    Column("at_risk", gettext_lazy("At risk at current pace")),
]


def vouchers_by_state(vouchers: QuerySet[Voucher]) -> Table:
    grouped = {
        status: (count, int(days or 0))
        for status, count, days in vouchers.order_by()
        .values("status")
        .annotate(n=Count("pk"), d=Sum("days"))
        .values_list("status", "n", "d")
    }
    return Table(
        "vouchers_by_state",
        gettext("Vouchers by state"),
        [
            Column("status", gettext("State")),
            Column("vouchers", gettext("Vouchers"), numeric=True),
            Column("days", gettext("Days"), numeric=True),
        ],
        rows=[[str(s), *grouped.get(s, (0, 0))] for s in STATES],
    )


def customer_slice(
    *, organisation: Organisation, as_of: dt.date, calendar: ProgramCalendar
) -> Report:
    sums = {
        kind: Sum("balance", filter=Q(kind=kind)) for kind, _ in DAY_COLUMNS if kind != "accrued"
    }
    agreements = Table(
        "agreement_days",
        gettext("Days per agreement"),
        [Column("agreement", gettext("Agreement")), Column("end_date", gettext("Agreement ends"))]
        + [Column(str(key), label, numeric=True) for key, label in DAY_COLUMNS],
        note=gettext(
            "Accrued: every planning day granted (accrual, conversion, manual grants, net of "
            "corrections) = available + held + consumed + forfeited + removed (R-LED-1)."
        ),
    )
    for row in (
        LedgerAccount.objects.filter(agreement__customer=organisation)
        .order_by()
        .values("agreement__licensing_id", "agreement__end_date")
        .annotate(issued=Sum("balance", filter=Q(kind=K.ISSUED)), **sums)
        .order_by("agreement__licensing_id")
    ):
        agreements.rows.append(
            [
                row["agreement__licensing_id"],
                cell(row["agreement__end_date"]),
                -int(row["issued"] or 0),
            ]
            + [int(row[str(kind)] or 0) for kind, _ in DAY_COLUMNS[1:]]
        )
    vouchers = Voucher.objects.filter(customer=organisation)
    open_vouchers = Table(
        "open_vouchers",
        gettext("Open vouchers and their deadlines"),
        [
            Column("voucher_id", gettext("Voucher")),
            Column("agreement", gettext("Agreement")),
            Column("status", gettext("State")),
            Column("days", gettext("Days"), numeric=True),
            Column("partner", gettext("Partner")),
            *DEADLINE_COLUMNS,
        ],
        note=gettext(
            "Assigned, reserved and delivered vouchers; at most %(LIST_LIMIT)s, earliest "
            "expiry first. At risk: fewer days left than the lead time of its state "
            "(docs/reports.md)."
        )
        % {"LIST_LIMIT": LIST_LIMIT},
    )
    for voucher_id, licensing_id, status, days, partner, expiry in (
        vouchers.filter(status__in=LIVE)
        .order_by("expiry_date", "id")
        .values_list(
            "voucher_id", "agreement__licensing_id", "status", "days", "holder__name", "expiry_date"
        )[:LIST_LIMIT]
    ):
        open_vouchers.rows.append(
            [
                voucher_id,
                licensing_id,
                status,
                days,
                partner,
                *_deadline_cells(status, expiry, as_of, calendar),
            ]
        )
    return Report(
        key="customer",
        title=gettext("Reports for %(name)s") % {"name": organisation.name},
        as_of=as_of,
        tables=[agreements, vouchers_by_state(vouchers), open_vouchers],
        meta={"organisation": organisation.public_id, "organisation_name": organisation.name},
    )


def partner_slice(
    *, organisation: Organisation, as_of: dt.date, calendar: ProgramCalendar
) -> Report:
    held = Table(
        "held_vouchers",
        gettext("Reserved vouchers and their deadlines"),
        [
            Column("voucher_id", gettext("Voucher")),
            Column("customer", gettext("Customer")),
            Column("status", gettext("State")),
            Column("days", gettext("Days"), numeric=True),
            *DEADLINE_COLUMNS,
        ],
        note=gettext("Reserved and delivered vouchers your firm holds; at most %(LIST_LIMIT)s.")
        % {"LIST_LIMIT": LIST_LIMIT},
    )
    vouchers = Voucher.objects.filter(holder=organisation)
    for voucher_id, customer, status, days, expiry in (
        vouchers.filter(status__in=[VoucherStatus.RESERVED, VoucherStatus.DELIVERED])
        .order_by("expiry_date", "id")
        .values_list("voucher_id", "customer__name", "status", "days", "expiry_date")[:LIST_LIMIT]
    ):
        held.rows.append(
            [voucher_id, customer, status, days, *_deadline_cells(status, expiry, as_of, calendar)]
        )
    window = dt.timedelta(days=calendar.payment_window_days)
    unrequested = Table(
        "unrequested",
        gettext("Redeemed vouchers without a payment request"),
        [
            Column("voucher_id", gettext("Voucher")),
            Column("customer", gettext("Customer")),
            Column("days", gettext("Days"), numeric=True),
            Column("redeemed_on", gettext("Redeemed on")),
            Column("last_request_date", gettext("Last day to request payment")),
            Column("window_open", gettext("Window open")),
        ],
        note=gettext("At most %(LIST_LIMIT)s, newest redemption first.")
        % {"LIST_LIMIT": LIST_LIMIT},
    )
    for voucher_id, customer, days, redeemed_on in (
        vouchers.filter(status=VoucherStatus.REDEEMED, payment_request__isnull=True)
        .order_by("-redeemed_on", "id")
        .values_list("voucher_id", "customer__name", "days", "redeemed_on")[:LIST_LIMIT]
    ):
        assert redeemed_on is not None  # a redeemed voucher has its date (a constraint)
        last = redeemed_on + window
        unrequested.rows.append(
            [
                voucher_id,
                customer,
                days,
                cell(redeemed_on),
                cell(last),
                "yes" if last >= as_of else "no",
            ]
        )
    pipeline = Table(
        "payment_pipeline",
        gettext("Payment pipeline"),
        [
            Column("status", gettext("Status")),
            Column("currency", gettext("Currency")),
            Column("requests", gettext("Requests"), numeric=True),
            Column("days", gettext("Days"), numeric=True),
            Column("amount", gettext("Amount"), numeric=True),
        ],
    )
    order = {status: index for index, status in enumerate(PaymentRequestStatus.values)}
    grouped = (
        PaymentRequest.objects.filter(organisation=organisation)
        .order_by()
        .values("status", "currency")
        .annotate(n=Count("pk"), d=Sum("days"), a=Sum("amount"))
    )
    for row in sorted(grouped, key=lambda r: (order.get(r["status"], 99), r["currency"])):
        pipeline.rows.append(
            [row["status"], row["currency"], row["n"], int(row["d"] or 0), cell(row["a"])]
        )
    return Report(
        key="partner",
        title=gettext("Reports for %(name)s") % {"name": organisation.name},
        as_of=as_of,
        tables=[held, pipeline, unrequested],
        meta={"organisation": organisation.public_id, "organisation_name": organisation.name},
    )
