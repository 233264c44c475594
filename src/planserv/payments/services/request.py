"""R-PAY-2..4: a partner admin of a registered firm files one payment request per redeemed
voucher, within the payment window, through a location in the delivery country; the amount is
the service level × the delivery country's day rate; the automated validation flags run."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from planserv.core.actor import Actor
from planserv.core.config_cache import note_version, version_column
from planserv.core.formatting import long_date
from planserv.core.types import Role
from planserv.partners.selectors import access_location_for_partner
from planserv.payments.errors import (
    NoDayRate,
    NotRegisteredForPayment,
    PaymentAlreadyRequested,
    PaymentWindowClosed,
    VoucherNotRedeemed,
    WrongLocationCountry,
)
from planserv.payments.lifecycle import PaymentRequestStatus
from planserv.payments.models import PaymentRegistration, PaymentRequest, PaymentRequestTransition
from planserv.payments.services._common import move
from planserv.payments.validation import validation_flags
from planserv.program.calendar import calendar_get
from planserv.program.models import DayRate
from planserv.program.selectors import day_rate_for
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import CompletionReport, Voucher
from planserv.vouchers.selectors import (
    access_voucher_for_partner,
    voucher_active_reservation,
    voucher_current_report,
)

S = PaymentRequestStatus


def public_request_id(pk: int) -> str:
    return f"PR-{pk:06d}"


def payment_amount(*, days: int, country: str, on: dt.date) -> tuple[DayRate, Decimal]:
    """R-PAY-3: the delivery country's rate effective on the delivery end date × days; NoDayRate
    when that country has none (another country's rate is never used)."""
    rate = day_rate_for(country=country, on=on)
    if rate is None:
        raise NoDayRate(
            _(
                "There is no day rate for %(country)s effective on %(date)s; a payment is "
                "computed only with the delivery country's rate (R-PAY-3)."
            )
            % {"country": country, "date": long_date(on)},
            details={"country": country, "on": on},
        )
    return rate, (rate.amount * days).quantize(Decimal("0.01"))


def _check_window(voucher: Voucher, today: dt.date) -> dt.date:
    assert voucher.redeemed_on is not None  # voucher_redeemed_complete
    calendar = calendar_get()
    last = calendar.last_payment_request_date(voucher.redeemed_on)
    if not calendar.payment_request_open(voucher.redeemed_on, today):
        raise PaymentWindowClosed(
            _(
                "Voucher %(voucher)s was redeemed on %(redeemed)s; payment could be requested "
                "through %(last)s and today is %(today)s (R-PAY-2)."
            )
            % {
                "voucher": voucher.display_id,
                "redeemed": long_date(voucher.redeemed_on),
                "last": long_date(last),
                "today": long_date(today),
            },
            details={"redeemed_on": voucher.redeemed_on, "last_request_date": last},
        )
    return last


def _registration(voucher: Voucher) -> PaymentRegistration:
    offering = voucher.engagement_type.offering
    registration = (
        PaymentRegistration.objects.filter(organisation=voucher.holder, offering=offering)
        .order_by("pk")
        .first()
    )
    if registration is None:
        raise NotRegisteredForPayment(
            _(
                "Your firm is not registered for payment in %(offering)s; a global admin "
                "registers it first (R-PAY-1)."
            )
            % {"offering": offering.name},
            details={"offering": offering.code},
        )
    return registration


def _already(voucher: Voucher) -> PaymentAlreadyRequested:
    return PaymentAlreadyRequested(
        _("Payment for voucher %(voucher)s has already been requested (R-PAY-2).")
        % {"voucher": voucher.display_id},
        details={"voucher_id": voucher.voucher_id},
    )


def _report(voucher: Voucher) -> CompletionReport:
    report = voucher_current_report(voucher)
    assert report is not None  # R-RED-1: a redeemed voucher has a report
    return report


@transaction.atomic
def payment_request_file(
    *, voucher_id: str, location_id: str, actor: Actor, today: dt.date, at: dt.datetime
) -> PaymentRequest:
    """R-PAY-2..4: file the one payment request of a redeemed voucher and run the validation.
    Raises Forbidden, VoucherNotFound, LocationNotFound, VoucherNotRedeemed,
    NotRegisteredForPayment, PaymentWindowClosed, PaymentAlreadyRequested, WrongLocationCountry,
    NoDayRate."""
    actor.require_role(Role.PARTNER_ADMIN, action=_("request payment"))
    found = access_voucher_for_partner(actor=actor, voucher_id=voucher_id)
    location = access_location_for_partner(actor=actor, location_id=location_id)
    voucher = (
        Voucher.objects.select_for_update(of=("self",))
        .select_related("engagement_type__offering", "redeemed_location", "holder")
        .annotate(config_version=version_column())
        .get(pk=found.pk)
    )
    # The configuration token came with the lock: the calendar, the day rates and the webhook
    # subscriptions below are the per-process cached ones (core.config_cache).
    note_version(voucher.config_version)
    if voucher.status != VoucherStatus.REDEEMED or voucher.holder_id != actor.organisation_id:
        raise VoucherNotRedeemed(
            _(
                "Voucher %(voucher)s is %(status)s; payment is requested for a redeemed voucher "
                "(R-PAY-2)."
            )
            % {"voucher": voucher.display_id, "status": voucher.status},
            details={"status": voucher.status},
        )
    if PaymentRequest.objects.filter(voucher=voucher).exists():
        raise _already(voucher)
    registration = _registration(voucher)
    last = _check_window(voucher, today)
    report = _report(voucher)
    country = str(report.delivery_country)
    if str(location.country) != country:
        raise WrongLocationCountry(
            _(
                "Location %(location)s is in %(location_country)s; voucher %(voucher)s was "
                "delivered in %(delivery_country)s. Request payment through a location in the "
                "delivery country (R-PAY-2)."
            )
            % {
                "location": location.location_id,
                "location_country": location.country.name,
                "voucher": voucher.display_id,
                "delivery_country": report.delivery_country.name,
            },
            details={"location_country": str(location.country), "delivery_country": country},
        )
    rate, amount = payment_amount(days=voucher.days, country=country, on=report.end_date)
    # No savepoint: the voucher row is locked and had no request, so the unique index on the
    # voucher can only fire on a broken invariant, and then the whole request rolls back.
    try:
        request = PaymentRequest.objects.create(
            public_id=f"T{uuid.uuid4().hex[:15]}",
            voucher=voucher,
            organisation=registration.organisation,
            registration=registration,
            location=location,
            delivery_country=country,
            days=voucher.days,
            day_rate=rate.amount,
            amount=amount,
            currency=rate.currency,
            rate_effective_from=rate.effective_from,
            flags=validation_flags(
                voucher=voucher, report=report, reservation=voucher_active_reservation(voucher)
            ),
            status=S.SUBMITTED,
            filed_by_id=actor.user_id,
            filed_on=today,
            last_request_date=last,
            submitted_at=at,
        )
    except IntegrityError:
        raise _already(voucher) from None  # payment_request.voucher is unique (R-PAY-2)
    request.public_id = public_request_id(request.pk)
    request.save(update_fields=["public_id"])
    PaymentRequestTransition.objects.create(
        request=request,
        from_status="",
        to_status=S.SUBMITTED,
        on=today,
        at=at,
        actor_user_id=actor.user_id,
        actor_label=actor.email,
    )
    note = f"{len(request.flags)} validation flag(s)." if request.flags else "No flags."
    move(request, S.VALIDATING, actor=actor, today=today, at=at, note=note)
    return request
