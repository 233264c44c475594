"""API twins of the operator's back office (issue 18): program settings (day rates, milestones
with the impact preview, the paying account and reminders), firms' payment details changes and
their verification, and what waits too long in payment review. Translate only."""

from __future__ import annotations

import dataclasses

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from planserv.api.auth import actor_of
from planserv.api.schemas.back_office import (
    DayRateIn,
    DayRateOut,
    DetailsChangeIn,
    DetailsChangeOut,
    DetailsRejectIn,
    ImpactTotalsOut,
    MilestoneChangedOut,
    MilestoneChangeIn,
    MilestonePreviewIn,
    MilestonePreviewOut,
    OverdueOut,
    OverdueRequestOut,
    PaymentSettingsIn,
    PaymentSettingsOut,
    UnpayableReservationOut,
)
from planserv.api.schemas.common import ERRORS
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.errors import Forbidden
from planserv.core.types import Role
from planserv.payments.models import DetailsChangeStatus, PaymentDetailsChange
from planserv.payments.overdue import request_age, review_alerts
from planserv.payments.services import (
    RemittanceDetails,
    payment_details_change_reject,
    payment_details_change_submit,
    payment_details_change_verify,
)
from planserv.program.calendar import program_settings_get
from planserv.program.models import DayRate
from planserv.program.settings_services import (
    PaymentSettings,
    day_rate_set,
    milestone_change,
    payment_settings_of,
    payment_settings_update,
)
from planserv.reports.retirement import milestone_change_preview
from planserv.vouchers.selectors import reservations_in_countries_without_rate

router = Router(tags=["back office"])
SETTINGS_READERS = (Role.PROGRAM_ADMIN, Role.PAYMENT_REVIEWER, Role.AUDITOR)
PAYMENT_READERS = (Role.PAYMENT_REVIEWER, Role.PROGRAM_ADMIN, Role.AUDITOR)


def _operator(request: HttpRequest, roles: tuple[str, ...], action: str) -> Actor:
    actor = actor_of(request)
    if not actor.is_operator:
        raise Forbidden(_("Only the program operator may do this (R-ROLE-1)."))
    actor.require_role(*roles, action=action)
    return actor


def _rate_out(rate: DayRate) -> DayRateOut:
    return DayRateOut(
        id=rate.pk,
        country=str(rate.country),
        currency=rate.currency,
        amount=rate.amount,
        effective_from=rate.effective_from,
        note=rate.note,
    )


@router.get(
    "/operator/day-rates",
    response={200: list[DayRateOut], **ERRORS},
    operation_id="listDayRates",
    summary="Day rates per country",
)
def day_rates(request: HttpRequest) -> list[DayRateOut]:
    """Day rates per delivery country with the dates they take effect (R-PAY-3)."""
    _operator(request, SETTINGS_READERS, "read the day rates")
    return [_rate_out(r) for r in DayRate.objects.order_by("country", "-effective_from", "pk")]


@router.post(
    "/operator/day-rates",
    response={201: DayRateOut, **ERRORS},
    operation_id="setDayRate",
    summary="Set a country's day rate from a date",
)
def day_rate_create(request: HttpRequest, payload: DayRateIn) -> Status[DayRateOut]:
    """Set a country's day rate from a date (a new row, or that date's amount changed)."""
    rate = day_rate_set(
        **payload.dict(), actor=actor_of(request), today=clock.today(), at=clock.now()
    )
    return Status(201, _rate_out(rate))


@router.get(
    "/operator/day-rates/unpayable-reservations",
    response={200: list[UnpayableReservationOut], **ERRORS},
    operation_id="listUnpayableReservations",
    summary="Vouchers in countries without a day rate",
)
def unpayable_reservations(request: HttpRequest) -> list[UnpayableReservationOut]:
    """Reserved, delivered or redeemed vouchers in countries without any day rate (R-RES-5)."""
    _operator(request, SETTINGS_READERS, "read the unpayable reservations")
    return [
        UnpayableReservationOut(
            voucher_id=r.voucher.voucher_id,
            delivery_country=str(r.delivery_country),
            partner=r.partner.name,
            customer=r.voucher.customer.name,
            status=r.voucher.status,
        )
        for r in reservations_in_countries_without_rate()
    ]


@router.post(
    "/operator/milestones/{key}/preview",
    response={200: MilestonePreviewOut, **ERRORS},
    operation_id="previewMilestoneMove",
    summary="Preview moving a milestone",
)
def milestone_preview(
    request: HttpRequest, key: str, payload: MilestonePreviewIn
) -> MilestonePreviewOut:
    """What moving the milestone would do (retirement impact now and at the new date); saves
    nothing."""
    _operator(request, (Role.PROGRAM_ADMIN,), "preview calendar changes")
    current, proposed = milestone_change_preview(
        key=key[:40], new_date=payload.date, as_of=clock.today()
    )
    return MilestonePreviewOut(
        key=key,
        current=ImpactTotalsOut(**dataclasses.asdict(current)),
        proposed=ImpactTotalsOut(**dataclasses.asdict(proposed)),
    )


@router.patch(
    "/operator/milestones/{key}",
    response={200: MilestoneChangedOut, **ERRORS},
    operation_id="moveMilestone",
    summary="Move a retirement milestone",
)
def milestone_patch(
    request: HttpRequest, key: str, payload: MilestoneChangeIn
) -> MilestoneChangedOut:
    """Move a retirement milestone; every rule uses the new date at once (audited with reason)."""
    milestone = milestone_change(
        key=key[:40],
        date=payload.date,
        reason=payload.reason,
        actor=actor_of(request),
        today=clock.today(),
        at=clock.now(),
    )
    return MilestoneChangedOut(key=milestone.key, title=milestone.title, date=milestone.date)


def _settings_out() -> PaymentSettingsOut:
    values = dataclasses.asdict(payment_settings_of(program_settings_get()))
    iban = values["paying_account_iban"]
    values["paying_account_iban"] = f"•••• {iban[-4:]}" if iban else ""
    return PaymentSettingsOut(**values)


@router.get(
    "/operator/settings/payments",
    response={200: PaymentSettingsOut, **ERRORS},
    operation_id="getPaymentSettings",
    summary="The paying account and payment settings",
)
def payment_settings_get(request: HttpRequest) -> PaymentSettingsOut:
    """The paying account (masked), the execution day and the reminder thresholds."""
    _operator(request, SETTINGS_READERS, "read the payment settings")
    return _settings_out()


@router.put(
    "/operator/settings/payments",
    response={200: PaymentSettingsOut, **ERRORS},
    operation_id="setPaymentSettings",
    summary="Replace the payment settings",
)
def payment_settings_put(request: HttpRequest, payload: PaymentSettingsIn) -> PaymentSettingsOut:
    """Replace the payment settings; an empty IBAN keeps the account on file."""
    values = payload.dict()
    if not values["paying_account_iban"]:
        current = payment_settings_of(program_settings_get())
        values["paying_account_iban"] = current.paying_account_iban
        values["paying_account_bic"] = values["paying_account_bic"] or current.paying_account_bic
    payment_settings_update(
        values=PaymentSettings(**values),
        actor=actor_of(request),
        today=clock.today(),
        at=clock.now(),
    )
    return _settings_out()


def _change_out(change: PaymentDetailsChange) -> DetailsChangeOut:
    return DetailsChangeOut(
        id=change.pk,
        firm=change.registration.organisation.public_id,
        offering=change.registration.offering.code,
        status=change.status,
        iban=change.iban_masked,
        bic=change.bic,
        submitted_on=change.submitted_on,
        submitted_by=change.submitted_by_label,
        decided_on=change.decided_on,
        decision_reason=change.decision_reason,
    )


@router.post(
    "/payment-registrations/{offering}/details-changes",
    response={201: DetailsChangeOut, **ERRORS},
    operation_id="submitPaymentDetailsChange",
    summary="Submit new payment details",
)
def details_change_submit(
    request: HttpRequest, offering: str, payload: DetailsChangeIn
) -> Status[DetailsChangeOut]:
    """R-PAY-1: the firm's global admin submits new payment details; every global admin is
    emailed; runs pay to them only after an operator reviewer verifies them."""
    change = payment_details_change_submit(
        offering_code=offering[:20],
        details=RemittanceDetails(**payload.dict()),
        actor=actor_of(request),
        today=clock.today(),
        at=clock.now(),
    )
    return Status(201, _change_out(change))


@router.get(
    "/operator/payment-details-changes",
    response={200: list[DetailsChangeOut], **ERRORS},
    operation_id="listPaymentDetailsChanges",
    summary="Payment details changes waiting",
)
def details_changes(request: HttpRequest) -> list[DetailsChangeOut]:
    """Payment details changes waiting for verification, oldest first."""
    _operator(request, PAYMENT_READERS, "read payment details changes")
    pending = (
        PaymentDetailsChange.objects.filter(status=DetailsChangeStatus.PENDING)
        .select_related("registration__organisation", "registration__offering")
        .order_by("submitted_at", "pk")
    )
    return [_change_out(change) for change in pending]


@router.post(
    "/operator/payment-details-changes/{change_id}/verify",
    response={200: DetailsChangeOut, **ERRORS},
    operation_id="verifyPaymentDetailsChange",
    summary="Verify new payment details",
)
def details_change_verify(request: HttpRequest, change_id: int) -> DetailsChangeOut:
    """The reviewer verified the new details with the firm: runs pay to them from now on."""
    change = payment_details_change_verify(
        change_id=change_id, actor=actor_of(request), today=clock.today(), at=clock.now()
    )
    return _change_out(change)


@router.post(
    "/operator/payment-details-changes/{change_id}/reject",
    response={200: DetailsChangeOut, **ERRORS},
    operation_id="rejectPaymentDetailsChange",
    summary="Reject new payment details",
)
def details_change_reject(
    request: HttpRequest, change_id: int, payload: DetailsRejectIn
) -> DetailsChangeOut:
    """The new details are refused, with a reason told to the firm."""
    change = payment_details_change_reject(
        change_id=change_id,
        reason=payload.reason,
        actor=actor_of(request),
        today=clock.today(),
        at=clock.now(),
    )
    return _change_out(change)


@router.get(
    "/operator/payments/overdue",
    response={200: OverdueOut, **ERRORS},
    operation_id="listOverduePayments",
    summary="Overdue requests and open runs",
)
def overdue(request: HttpRequest) -> OverdueOut:
    """Requests validating or held longer than the configured business days, and runs open
    past their month (the reviewers' daily digest)."""
    _operator(request, PAYMENT_READERS, "read the overdue payment review")
    today = clock.today()
    alerts = review_alerts(today=today, show=200)
    return OverdueOut(
        limit_business_days=alerts.limit_business_days,
        overdue_count=alerts.overdue_count,
        overdue=[
            OverdueRequestOut(
                id=r.public_id,
                firm=r.organisation.public_id,
                status=r.status,
                waiting_business_days=request_age(r, today),
            )
            for r in alerts.overdue
        ],
        runs_open_past_their_month=[run.public_id for run in alerts.stale_runs],
    )
