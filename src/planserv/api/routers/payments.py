"""API operations of the payments domain (api.md): registration, payment requests (file, list,
read with flags and status history, answer a hold, approve / hold / deny) and payment runs
(build, remittance files, confirm). Requests and runs are addressed by their public ids."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext
from ninja import Query, Router, Status

from planserv.api.auth import actor_of
from planserv.api.pagination import Page, cursor_paginate
from planserv.api.schemas.common import ERRORS
from planserv.api.schemas.payments import (
    AnswerIn,
    FlagOut,
    NoteIn,
    QuestionIn,
    ReasonIn,
    RegistrationIn,
    RegistrationOut,
    RemittanceQuery,
    RequestDetailOut,
    RequestFilters,
    RequestIn,
    RequestOut,
    RunConfirmIn,
    RunIn,
    RunOut,
    TransitionOut,
)
from planserv.core import clock
from planserv.core.csv_export import csv_response
from planserv.core.errors import InvalidInput
from planserv.core.types import Role
from planserv.payments.models import PaymentRegistration, PaymentRequest, PaymentRun
from planserv.payments.remittance import remittance_csv_lines, remittance_pain001
from planserv.payments.selectors import (
    access_payment_request_for_actor,
    access_payment_run,
    payment_request_history,
    payment_request_list_for_actor,
    require_payment_reader,
)
from planserv.payments.services import (
    RemittanceDetails,
    RunTotals,
    payment_registration_create,
    payment_request_approve,
    payment_request_deny,
    payment_request_file,
    payment_request_hold,
    payment_request_respond,
    payment_run_build,
    payment_run_confirm,
)

router = Router(tags=["payments"])


def registration_out(registration: PaymentRegistration) -> RegistrationOut:
    return RegistrationOut(
        offering=registration.offering.code,
        legal_name=registration.legal_name,
        tax_id=registration.tax_id_masked,
        iban=registration.iban_masked,
        bic=registration.bic,
        country=str(registration.country),
        currency=registration.currency,
        registered_on=registration.registered_on,
    )


def request_out(request: PaymentRequest) -> dict[str, Any]:
    return {
        "id": request.public_id,
        "voucher_id": request.voucher.voucher_id,
        "partner_id": request.organisation.public_id,
        "location_id": request.location.location_id,
        "delivery_country": str(request.delivery_country),
        "days": request.days,
        "day_rate": request.day_rate,
        "amount": request.amount,
        "currency": request.currency,
        "status": request.status,
        "filed_on": request.filed_on,
        "last_request_date": request.last_request_date,
        "approved_on": request.approved_on,
        "run_id": request.run.public_id if request.run else None,
        "flag_count": len(request.flags),
    }


def _detail(request: HttpRequest, public_id: str) -> RequestDetailOut:
    actor = actor_of(request)
    require_payment_reader(actor)
    payment = access_payment_request_for_actor(actor=actor, public_id=public_id)
    history = [
        TransitionOut(
            from_status=t.from_status,
            to_status=t.to_status,
            on=t.on,
            at=t.at,
            by=t.actor_label,
            note=t.note,
        )
        for t in payment_request_history(payment)
    ]
    return RequestDetailOut(
        **request_out(payment),
        flags=[FlagOut(**flag) for flag in payment.flags],
        question=payment.question,
        answer=payment.answer,
        denial_reason=payment.denial_reason,
        history=history,
    )


def run_out(run: PaymentRun) -> RunOut:
    requests = list(run.requests.order_by("public_id").values_list("public_id", "amount"))
    return RunOut(
        id=run.public_id,
        month=f"{run.month:%Y-%m}",
        currency=run.currency,
        status=run.status,
        total=sum((amount for _, amount in requests), Decimal("0.00")),
        count=len(requests),
        built_by=run.built_by_label,
        requests=[public_id for public_id, _ in requests],
        confirmed_on=run.confirmed_on,
    )


@router.post(
    "/payment-registrations",
    response={201: RegistrationOut, **ERRORS},
    operation_id="registerForPayment",
    summary="Register the firm for payment in an offering",
)
def registration_create(request: HttpRequest, payload: RegistrationIn) -> Status[RegistrationOut]:
    """R-PAY-1: the firm's global admin registers for payment in an offering."""
    data = payload.dict()
    registration = payment_registration_create(
        offering_code=data.pop("offering"),
        details=RemittanceDetails(**data),
        actor=actor_of(request),
        today=clock.today(),
        at=clock.now(),
    )
    return Status(201, registration_out(registration))


@router.post(
    "/payment-requests",
    response={201: RequestDetailOut, **ERRORS},
    operation_id="createPaymentRequest",
    summary="Request payment for a redeemed voucher",
)
def request_create(request: HttpRequest, payload: RequestIn) -> Status[RequestDetailOut]:
    """R-PAY-2..4: request payment for a redeemed voucher; the amount and flags are computed."""
    now = clock.now()  # the request's one clock read
    payment = payment_request_file(
        voucher_id=payload.voucher_id,
        location_id=payload.location_id,
        actor=actor_of(request),
        today=now.date(),
        at=now,
    )
    return Status(201, _detail(request, payment.public_id))


@router.get(
    "/payment-requests",
    response={200: Page[RequestOut], **ERRORS},
    operation_id="listPaymentRequests",
    summary="List payment requests",
)
def request_list(request: HttpRequest, filters: Query[RequestFilters]) -> dict[str, object]:
    """Partner: its firm's requests; operator: all. Newest first."""
    actor = actor_of(request)
    require_payment_reader(actor)
    requests = payment_request_list_for_actor(actor)
    if filters.status:
        requests = requests.filter(status=filters.status)
    return cursor_paginate(
        requests,
        cursor=filters.cursor,
        limit=filters.limit,
        order=("-submitted_at", "-id"),
        serialize=request_out,
    )


@router.get(
    "/payment-requests/{request_id}",
    response={200: RequestDetailOut, **ERRORS},
    operation_id="getPaymentRequest",
    summary="Read one payment request with flags and history",
)
def request_get(request: HttpRequest, request_id: str) -> RequestDetailOut:
    """One request with its flags and status history (partner own, operator all)."""
    return _detail(request, request_id)


def _visible(request: HttpRequest, request_id: str, role: Role) -> str:
    """The role is checked before the object is looked up: a lacking role is 403 (R-ROLE-1)."""
    actor = actor_of(request)
    actor.require_role(role, action=gettext("act on payment requests"))
    return access_payment_request_for_actor(actor=actor, public_id=request_id).public_id


@router.post(
    "/payment-requests/{request_id}/respond",
    response={200: RequestDetailOut, **ERRORS},
    operation_id="respondToPaymentHold",
    summary="Answer a reviewer's question on a held request",
)
def request_respond(request: HttpRequest, request_id: str, payload: AnswerIn) -> RequestDetailOut:
    """R-PAY-5: the partner answers the reviewer's question; back to validating."""
    payment_request_respond(
        public_id=_visible(request, request_id, Role.PARTNER_ADMIN),
        answer=payload.answer,
        actor=actor_of(request),
        today=clock.today(),
        at=clock.now(),
    )
    return _detail(request, request_id)


@router.post(
    "/payment-requests/{request_id}/approve",
    response={200: RequestDetailOut, **ERRORS},
    operation_id="approvePaymentRequest",
    summary="Approve a payment request",
)
def request_approve(request: HttpRequest, request_id: str, payload: NoteIn) -> RequestDetailOut:
    """R-PAY-5: approve (never by a connected reviewer)."""
    payment_request_approve(
        public_id=_visible(request, request_id, Role.PAYMENT_REVIEWER),
        note=payload.note,
        actor=actor_of(request),
        today=clock.today(),
        at=clock.now(),
    )
    return _detail(request, request_id)


@router.post(
    "/payment-requests/{request_id}/hold",
    response={200: RequestDetailOut, **ERRORS},
    operation_id="holdPaymentRequest",
    summary="Hold a payment request with a question",
)
def request_hold(request: HttpRequest, request_id: str, payload: QuestionIn) -> RequestDetailOut:
    """R-PAY-5: hold with a question to the partner."""
    payment_request_hold(
        public_id=_visible(request, request_id, Role.PAYMENT_REVIEWER),
        question=payload.question,
        actor=actor_of(request),
        today=clock.today(),
        at=clock.now(),
    )
    return _detail(request, request_id)


@router.post(
    "/payment-requests/{request_id}/deny",
    response={200: RequestDetailOut, **ERRORS},
    operation_id="denyPaymentRequest",
    summary="Deny a payment request",
)
def request_deny(request: HttpRequest, request_id: str, payload: ReasonIn) -> RequestDetailOut:
    """R-PAY-5: deny with a reason."""
    payment_request_deny(
        public_id=_visible(request, request_id, Role.PAYMENT_REVIEWER),
        reason=payload.reason,
        actor=actor_of(request),
        today=clock.today(),
        at=clock.now(),
    )
    return _detail(request, request_id)


def _month(value: str) -> dt.date:
    try:
        return dt.date(int(value[:4]), int(value[5:7]), 1)
    except ValueError:
        raise InvalidInput(
            gettext("%(month)r is not a month (YYYY-MM).") % {"month": value},
            details={"month": value},
        ) from None


@router.post(
    "/payment-runs",
    response={201: RunOut, **ERRORS},
    operation_id="buildPaymentRun",
    summary="Build the month's payment run",
)
def run_build(request: HttpRequest, payload: RunIn) -> Status[RunOut]:
    """R-PAY-6: the month's run in a currency: approved requests up to the 15th."""
    run = payment_run_build(
        month=_month(payload.month),
        currency=payload.currency,
        actor=actor_of(request),
        today=clock.today(),
        at=clock.now(),
    )
    return Status(201, run_out(run))


REMITTANCE_RESPONSES = {
    "responses": {
        "200": {
            "description": "The remittance file (CSV or SEPA pain.001.001.03).",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/xml": {"schema": {"type": "string"}},
            },
        }
    }
}


@router.get(
    "/payment-runs/{run_id}/remittance",
    response=ERRORS,
    openapi_extra=REMITTANCE_RESPONSES,
    operation_id="getRemittance",
    summary="Download a payment run's remittance file",
)
def run_remittance(
    request: HttpRequest, run_id: str, query: Query[RemittanceQuery]
) -> HttpResponseBase:
    """R-PAY-6: the run's remittance file."""
    actor = actor_of(request)
    actor.require_role(Role.PAYMENT_REVIEWER, action=gettext("download remittance files"))
    run = access_payment_run(actor=actor, public_id=run_id)
    if query.format != "pain001":
        return csv_response(remittance_csv_lines(run), filename=f"{run.public_id}.csv")
    response = HttpResponse(remittance_pain001(run), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{run.public_id}.pain001.xml"'
    return response


@router.post(
    "/payment-runs/{run_id}/confirm",
    response={200: RunOut, **ERRORS},
    operation_id="confirmPaymentRun",
    summary="Confirm that the bank executed a payment run",
)
def run_confirm(request: HttpRequest, run_id: str, payload: RunConfirmIn | None = None) -> RunOut:
    """R-PAY-6: the bank executed the run: its requests are paid. A second reviewer confirms
    (never one who built it); with `expected_count`/`expected_total`, only the run they checked."""
    actor = actor_of(request)
    actor.require_role(Role.PAYMENT_REVIEWER, action=gettext("confirm payment runs"))
    run = access_payment_run(actor=actor, public_id=run_id)
    expected = None
    if payload is not None and payload.expected_count is not None:
        expected = RunTotals(
            count=payload.expected_count, total=payload.expected_total or Decimal("0.00")
        )
    return run_out(
        payment_run_confirm(
            public_id=run.public_id,
            actor=actor,
            today=clock.today(),
            at=clock.now(),
            expected=expected,
        )
    )
