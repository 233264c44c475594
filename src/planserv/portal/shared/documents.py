"""The PDF downloads of the voucher, the completion-report receipt and the remittance advice
(portal/pdf.py). Each answers to exactly who may see the page it belongs to."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from planserv.core import clock
from planserv.core.errors import NotFound
from planserv.core.formatting import country_name, days, long_date, money
from planserv.payments.models import PaymentRequest
from planserv.payments.selectors import access_payment_request_for_actor
from planserv.portal import pdf
from planserv.portal.decorators import actor_of, portal_view
from planserv.portal.shared.vouchers import accessed, detail_context
from planserv.vouchers.models import Voucher
from planserv.vouchers.selectors import access_voucher_for_customer, access_voucher_for_partner


def _voucher_document(voucher: Voucher, context: dict) -> pdf.Document:
    reservation, deadlines = context["reservation"], context["deadlines"]
    facts = [
        ("Status", voucher.get_status_display()),
        ("Engagement", f"{voucher.engagement_type.name}, {days(voucher.days)}"),
        ("Customer", voucher.customer.name),
        ("Assigned to", voucher.holder.name if voucher.holder else ""),
        ("Assigned on", long_date(voucher.assigned_on)),
        ("Expires", long_date(voucher.expiry_date)),
        ("Redeem by", long_date(deadlines.redeem_by)),
    ]
    if reservation:
        facts += [
            ("Reserved by", reservation.partner.name),
            ("Delivery country", country_name(str(reservation.delivery_country))),
            ("Planned start", long_date(reservation.start_date)),
        ]
    if voucher.redeemed_on:
        facts.append(("Redeemed", long_date(voucher.redeemed_on)))
    return pdf.Document(f"Voucher {voucher.display_id}", f"Voucher {voucher.display_id}", facts)


def _voucher_pdf(request: HttpRequest, voucher: Voucher) -> HttpResponse:
    context = detail_context(actor_of(request), voucher, clock.today())
    document = _voucher_document(voucher, context)
    return pdf.response(document, f"voucher-{voucher.display_id}.pdf")


@portal_view(kinds=("customer",))
def customer_voucher_pdf(request: HttpRequest, voucher_id: str) -> HttpResponse:
    actor = actor_of(request)
    voucher = accessed(access_voucher_for_customer, actor=actor, voucher_id=voucher_id)
    return _voucher_pdf(request, voucher)


@portal_view(kinds=("partner",))
def partner_voucher_pdf(request: HttpRequest, voucher_id: str) -> HttpResponse:
    actor = actor_of(request)
    voucher = accessed(access_voucher_for_partner, actor=actor, voucher_id=voucher_id)
    return _voucher_pdf(request, voucher)


@portal_view(kinds=("partner",))
def partner_receipt_pdf(request: HttpRequest, voucher_id: str) -> HttpResponse:
    """The receipt of the voucher's current completion report."""
    actor = actor_of(request)
    voucher = accessed(access_voucher_for_partner, actor=actor, voucher_id=voucher_id)
    report = detail_context(actor, voucher, clock.today())["report"]
    if report is None:
        raise NotFound(
            _("Voucher %(display_id)s has no completion report yet.")
            % {"display_id": voucher.display_id}
        )
    consultants = [entry.get("name", "") for entry in report.consultant_snapshot or []]
    document = pdf.Document(
        "Completion report receipt",
        f"Receipt {report.receipt_number} · voucher {voucher.display_id}",
        [
            ("Receipt number", report.receipt_number),
            ("Voucher", f"{voucher.display_id} · {voucher.engagement_type.name}"),
            ("Customer", voucher.customer.name),
            ("Partner", report.reservation.partner.name),
            ("Delivery country", country_name(str(report.delivery_country))),
            ("Delivered", f"{long_date(report.start_date)} to {long_date(report.end_date)}"),
            ("Days", f"{days(report.onsite_days)} on site, {days(report.offsite_days)} off site"),
            ("Consultants", pdf.lines([name for name in consultants if name])),
            ("Filed", f"{long_date(report.submitted_on)} by {report.submitted_by_label}"),
        ],
        [
            "Summary: " + report.summary,
            "Next steps: " + report.next_steps,
            "The partner attested that no extra fee was charged for this engagement.",
        ],
    )
    return pdf.response(document, f"receipt-{report.receipt_number}.pdf")


PAID = ("paid",)


@portal_view(kinds=("partner",))
def partner_remittance_pdf(request: HttpRequest, request_id: str) -> HttpResponse:
    """The remittance advice of a paid payment request: what was paid, when, to which account."""
    payment: PaymentRequest = access_payment_request_for_actor(
        actor=actor_of(request), public_id=request_id
    )
    if payment.status not in PAID:
        raise NotFound(
            _("Payment request %(public_id)s is not paid yet.") % {"public_id": payment.public_id}
        )
    run = payment.run
    document = pdf.Document(
        "Remittance advice",
        f"Payment request {payment.public_id}" + (f" · run {run.public_id}" if run else ""),
        [
            ("Paid to", payment.registration.legal_name),
            ("Account", payment.registration.iban_masked),
            ("Amount", money(payment.amount, payment.currency)),
            (
                "For",
                f"Voucher {payment.voucher.display_id}: {days(payment.days)} × "
                f"{money(payment.day_rate, payment.currency)} "
                f"({country_name(str(payment.delivery_country))})",
            ),
            ("Paid on", long_date(payment.paid_at)),
            ("Payment run", run.public_id if run else ""),
        ],
    )
    return pdf.response(document, f"remittance-{payment.public_id}.pdf")
