"""The PDF downloads of the voucher, the completion-report receipt and the remittance advice
(portal/pdf.py). Each answers to exactly who may see the page it belongs to; refusals speak the
person's language, the document itself is built in `pdf.document_language()` (English for a
language the PDF fonts cannot show)."""

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
        (_("Status"), voucher.get_status_display()),
        (_("Engagement"), f"{voucher.engagement_type.name}, {days(voucher.days)}"),
        (_("Customer"), voucher.customer.name),
        (_("Assigned to"), voucher.holder.name if voucher.holder else ""),
        (_("Assigned on"), long_date(voucher.assigned_on)),
        (_("Expires"), long_date(voucher.expiry_date)),
        (_("Redeem by"), long_date(deadlines.redeem_by)),
    ]
    if reservation:
        facts += [
            (_("Reserved by"), reservation.partner.name),
            (_("Delivery country"), country_name(str(reservation.delivery_country))),
            (_("Planned start"), long_date(reservation.start_date)),
        ]
    if voucher.redeemed_on:
        facts.append((_("Redeemed"), long_date(voucher.redeemed_on)))
    title = _("Voucher %(voucher)s") % {"voucher": voucher.display_id}
    return pdf.Document(title, title, facts)


def _voucher_pdf(request: HttpRequest, voucher: Voucher) -> HttpResponse:
    context = detail_context(actor_of(request), voucher, clock.today())
    with pdf.document_language():
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
            _("Voucher %(voucher)s has no completion report yet.") % {"voucher": voucher.display_id}
        )
    with pdf.document_language():
        consultants = [entry.get("name", "") for entry in report.consultant_snapshot or []]
        document = pdf.Document(
            _("Completion report receipt"),
            _("Receipt %(receipt)s · voucher %(voucher)s")
            % {"receipt": report.receipt_number, "voucher": voucher.display_id},
            [
                (_("Receipt number"), report.receipt_number),
                (_("Voucher"), f"{voucher.display_id} · {voucher.engagement_type.name}"),
                (_("Customer"), voucher.customer.name),
                (_("Partner"), report.reservation.partner.name),
                (_("Delivery country"), country_name(str(report.delivery_country))),
                (
                    _("Delivered"),
                    _("%(start)s to %(end)s")
                    % {"start": long_date(report.start_date), "end": long_date(report.end_date)},
                ),
                (
                    _("Days"),
                    _("%(onsite)s on site, %(offsite)s off site")
                    % {"onsite": days(report.onsite_days), "offsite": days(report.offsite_days)},
                ),
                (_("Consultants"), pdf.lines([name for name in consultants if name])),
                (
                    _("Filed"),
                    _("%(date)s by %(name)s")
                    % {"date": long_date(report.submitted_on), "name": report.submitted_by_label},
                ),
            ],
            [
                _("Summary: %(summary)s") % {"summary": report.summary},
                _("Next steps: %(next_steps)s") % {"next_steps": report.next_steps},
                _("The partner attested that no extra fee was charged for this engagement."),
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
            _("Payment request %(request)s is not paid yet.") % {"request": payment.public_id}
        )
    with pdf.document_language():
        run = payment.run
        document = pdf.Document(
            _("Remittance advice"),
            (
                _("Payment request %(request)s · run %(run)s")
                % {"request": payment.public_id, "run": run.public_id}
                if run
                else _("Payment request %(request)s") % {"request": payment.public_id}
            ),
            [
                (_("Paid to"), payment.registration.legal_name),
                (_("Account"), payment.registration.iban_masked),
                (_("Amount"), money(payment.amount, payment.currency)),
                (
                    _("For"),
                    _("Voucher %(voucher)s: %(days)s × %(rate)s (%(country)s)")
                    % {
                        "voucher": payment.voucher.display_id,
                        "days": days(payment.days),
                        "rate": money(payment.day_rate, payment.currency),
                        "country": country_name(str(payment.delivery_country)),
                    },
                ),
                (_("Paid on"), long_date(payment.paid_at)),
                (_("Payment run"), run.public_id if run else ""),
            ],
        )
        return pdf.response(document, f"remittance-{payment.public_id}.pdf")
