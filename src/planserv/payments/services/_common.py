"""Shared steps of the payment services: history row, audit, notification, recipients."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planserv.accounts.models import Membership
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core import formatting
from planserv.core.actor import Actor
from planserv.core.types import Role, roles_holding
from planserv.notifications.messages import PaymentRequestStatusMessage, Recipient, send
from planserv.payments.lifecycle import TIMESTAMP_OF, PaymentRequestStatus, check_transition
from planserv.payments.models import PaymentRequest, PaymentRequestTransition
from planserv.webhooks.models import WebhookEvent
from planserv.webhooks.services import webhook_emit


def request_state(request: PaymentRequest) -> dict[str, Any]:
    return {
        "status": request.status,
        "amount": str(request.amount),
        "currency": request.currency,
        "run": request.run_id,
    }


def partner_recipients(request: PaymentRequest) -> list[Recipient]:
    """The requester and the firm's partner admins (PaymentRequestStatusMessage)."""
    admins = (
        Membership.objects.filter(
            organisation_id=request.organisation_id,
            role__in=roles_holding(Role.PARTNER_ADMIN),
            is_active=True,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__email", "pk")
    )
    recipients = [Recipient.of_user(m.user, request.organisation_id) for m in admins]
    if request.filed_by is not None:
        recipients.insert(
            0,
            Recipient.of_user(request.filed_by, request.organisation_id),
        )
    return recipients


# The audit event of each transition's target status (a request is created submitted, unaudited).
REQUEST_EVENTS: dict[str, AuditEventType] = {
    PaymentRequestStatus.VALIDATING: AuditEventType.PAYMENT_REQUEST_VALIDATING,
    PaymentRequestStatus.HELD: AuditEventType.PAYMENT_REQUEST_HELD,
    PaymentRequestStatus.APPROVED: AuditEventType.PAYMENT_REQUEST_APPROVED,
    PaymentRequestStatus.DENIED: AuditEventType.PAYMENT_REQUEST_DENIED,
    PaymentRequestStatus.IN_PAYMENT_RUN: AuditEventType.PAYMENT_REQUEST_IN_PAYMENT_RUN,
    PaymentRequestStatus.PAID: AuditEventType.PAYMENT_REQUEST_PAID,
}


def move(
    request: PaymentRequest,
    target: str,
    *,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
    note: str = "",
    notify: bool = True,
    extra_fields: tuple[str, ...] = (),
) -> PaymentRequestTransition:
    """Check and apply one transition of the table: timestamp, history row, audit, email."""
    check_transition(request.status, target)
    before = request_state(request)
    previous = request.status
    request.status = target
    setattr(request, TIMESTAMP_OF[target], at)
    request.save(update_fields=["status", TIMESTAMP_OF[target], *extra_fields])
    transition = PaymentRequestTransition.objects.create(
        request=request,
        from_status=previous,
        to_status=target,
        on=today,
        at=at,
        actor_user_id=actor.user_id,
        actor_label=actor.email,
        note=note,
    )
    audit_record(
        actor=actor,
        action=REQUEST_EVENTS[target],
        subject=("payments.paymentrequest", str(request.pk)),
        subject_label=f"Payment request {request.public_id}",
        organisation_id=request.organisation_id,
        at=at,
        program_date=today,
        before=before,
        after={"public_id": request.public_id, **request_state(request)},
        reason=note,
    )
    webhook_emit(
        event=WebhookEvent.PAYMENT_REQUEST_STATUS,
        subject_ref=f"payment_request:{request.public_id}",
        organisation_ids=(request.organisation_id,),
        data={
            "payment_request_id": request.public_id,
            "voucher_id": request.voucher.display_id,
            "status": target,
            "previous_status": previous,
            "amount": str(request.amount),
            "currency": request.currency,
            "note": note,
        },
        at=at,
    )
    if notify:
        message = PaymentRequestStatusMessage(
            payment_request_id=request.public_id,
            voucher_id=request.voucher.display_id,
            status=target,
            status_label=PaymentRequestStatus(target).label,
            amount=formatting.amount(request.amount),
            currency=request.currency,
            changed_on=today,
            transition_id=transition.pk,
            recipients=partner_recipients(request),
            note=note,
        )
        send(message, at=at)
    return transition
