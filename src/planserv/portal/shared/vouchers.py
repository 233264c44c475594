"""What the customer and partner voucher pages share: list rows with deadlines, the CSV export,
the voucher page context, and the deliverable download (access checked, R-DEL-2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from planserv.core import csv_export, uploads
from planserv.core.actor import Actor
from planserv.core.batches import rows_in_batches
from planserv.core.errors import DomainError
from planserv.core.formatting import iso_date
from planserv.portal.decorators import actor_of, portal_view
from planserv.program.calendar import ProgramCalendar, calendar_get
from planserv.vouchers import deliverables
from planserv.vouchers.errors import InvalidVoucherId, VoucherNotFound
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import Voucher
from planserv.vouchers.selectors import (
    access_deliverable,
    voucher_active_reservation,
    voucher_current_report,
    voucher_deadlines,
    voucher_history_for,
)

PAGE_SIZE = 50
WARN_DAYS = 30
CSV_COLUMNS = [
    "voucher_id",
    "status",
    "engagement_type",
    "days",
    "customer",
    "partner",
    "assigned_on",
    "start_date",
    "expiry_date",
    "redeem_by",
    "days_to_expiry",
    "receipt_number",
    "redeemed_on",
]

OPENED_IN_THE_BROWSER = {"application/pdf"}


def row(voucher: Voucher, calendar: ProgramCalendar, today: dt.date) -> dict[str, Any]:
    """One list row: the voucher, its deadlines, reservation and report (prefetched)."""
    deadlines = voucher_deadlines(voucher, calendar, today)
    live = voucher.status in (
        VoucherStatus.ASSIGNED,
        VoucherStatus.RESERVED,
        VoucherStatus.DELIVERED,
    )
    return {
        "voucher": voucher,
        "deadlines": deadlines,
        "reservation": voucher_active_reservation(voucher),
        "report": voucher_current_report(voucher),
        "live": live,
        "urgent": live and deadlines.days_to_redeem_by <= WARN_DAYS,
        "missed": live and not deadlines.usable,
    }


def rows(vouchers: Iterable[Voucher], today: dt.date) -> list[dict[str, Any]]:
    calendar = calendar_get()
    return [row(voucher, calendar, today) for voucher in vouchers]


def paginate(request: HttpRequest, vouchers: Any) -> Any:
    return Paginator(vouchers, PAGE_SIZE).get_page(request.GET.get("page"))


def csv_response(
    vouchers: QuerySet[Voucher], *, filename: str, today: dt.date
) -> StreamingHttpResponse:
    """The list as CSV (every row, not only the page shown), streamed in batches through the one
    formula-safe writer (REL-11, PERF-8)."""
    calendar = calendar_get()
    items = (row(voucher, calendar, today) for voucher in rows_in_batches(vouchers, batch=500))
    return csv_export.csv_response(
        csv_export.csv_lines(CSV_COLUMNS, (_csv_row(item) for item in items)), filename=filename
    )


def _csv_row(item: dict[str, Any]) -> list[object]:
    voucher = item["voucher"]
    reservation, report = item["reservation"], item["report"]
    return [
        voucher.display_id,
        voucher.status,
        voucher.engagement_type.name,
        voucher.days,
        voucher.customer.name,
        voucher.holder.name if voucher.holder else "",
        iso_date(voucher.assigned_on),
        iso_date(reservation.start_date) if reservation else "",
        iso_date(voucher.expiry_date),
        iso_date(item["deadlines"].redeem_by),
        item["deadlines"].days_to_expiry,
        report.receipt_number if report else "",
        iso_date(voucher.redeemed_on),
    ]


def detail_context(actor: Actor, voucher: Voucher, today: dt.date) -> dict[str, Any]:
    calendar = calendar_get()
    item = row(voucher, calendar, today)
    return {
        **item,
        "calendar": calendar,
        "today": today,
        "history": voucher_history_for(actor=actor, voucher=voucher),
    }


def accessed(access: Callable[..., Voucher], *, actor: Actor, voucher_id: str) -> Voucher:
    """`access(actor=, voucher_id=)`, with a malformed id in a URL answered as not found."""
    try:
        return access(actor=actor, voucher_id=voucher_id)
    except InvalidVoucherId as error:
        raise VoucherNotFound(error.message, details=error.details) from None


def status_choices() -> list[tuple[str, str]]:
    return [("", _("Any status")), *((value, str(label)) for value, label in VoucherStatus.choices)]


@portal_view()
def deliverable(request: HttpRequest, voucher_id: str, deliverable_id: int) -> HttpResponseBase:
    """Serve a deliverable to the customer, operators, or the firm whose report it is; as an
    attachment under its cleaned name, or, with `?open=1`, a PDF opened in the browser."""
    actor = actor_of(request)
    try:
        item = access_deliverable(actor=actor, voucher_id=voucher_id, deliverable_id=deliverable_id)
    except DomainError as error:
        return render(request, "portal/common/not_found.html", {"error": error}, status=404)
    if request.GET.get("open") == "1" and item.content_type in OPENED_IN_THE_BROWSER:
        response = uploads.file_response(
            deliverables.open_file(item.storage_name), content_type=item.content_type
        )
        # Chromium's PDF viewer does not render under a sandboxing policy; with nothing allowed
        # to load (and nosniff kept), the document is shown and still runs nothing of its own.
        response["Content-Security-Policy"] = "default-src 'none'"
        return response
    return uploads.file_response(
        deliverables.open_file(item.storage_name),
        content_type=item.content_type,
        download_name=item.original_name,
    )
