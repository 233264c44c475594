"""The messages of domain.md section 7: one typed function per message.

Callers (the services of vouchers, payments, partners, support, and the jobs) pass plain values
(ids, names, dates, recipients) and call the function inside the transaction of the change; each
function renders the message per recipient and stores it with `outbox_enqueue` under a
deterministic dedup key, so a repeat of the same change never sends a second email.
notifications sits low in the layer order (it imports only core): it never looks anything up.

Recipients are chosen by the caller, one `Recipient` per person, with the organisation the
message is about (the tenant): a message is only ever addressed to members of that organisation.
Duplicate addresses in one call are sent once. Every function returns the stored messages (with
`is_new` False for a dedup hit).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from planserv.notifications.models import OutboxMessage
from planserv.notifications.services import outbox_enqueue, outbox_render

MAX_KEY = 200


@dataclass(frozen=True)
class Recipient:
    """One person to email: the address, a name for the greeting, and their organisation."""

    email: str
    name: str = ""
    organisation_id: int | None = None


@dataclass(frozen=True)
class AtStake:
    """One thing an organisation stands to lose at a milestone, e.g. AtStake(120, "days",
    "available on agreement 01-234567"). `quantity` None means the amount is not known."""

    quantity: int | None
    unit: str
    detail: str


def dedup_key(*parts: object) -> str:
    """The parts joined with ':', shortened with a hash when longer than the column."""
    key = ":".join(str(part) for part in parts)
    if len(key) <= MAX_KEY:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()
    return f"{key[: MAX_KEY - len(digest) - 1]}#{digest}"


def _unique(recipients: Sequence[Recipient]) -> list[Recipient]:
    seen: set[str] = set()
    result = []
    for recipient in recipients:
        address = recipient.email.strip().lower()
        if not address:
            raise ValueError(f"A recipient has no email address: {recipient!r}")
        if address not in seen:
            seen.add(address)
            result.append(recipient)
    return result


def _send_each(
    *,
    template: str,
    recipients: Sequence[Recipient],
    key: tuple[object, ...],
    context: dict[str, Any],
    subject_ref: str,
    at: dt.datetime,
) -> list[OutboxMessage]:
    messages = []
    for recipient in _unique(recipients):
        full_context = {
            **context,
            "recipient": recipient,
            "time_zone": settings.PROGRAM_TIME_ZONE,
            "site_url": settings.PLANSERV_SITE_URL,
        }
        messages.append(
            outbox_enqueue(
                template=template,
                to_email=recipient.email.strip(),
                context=full_context,
                dedup_key=dedup_key(template, *key, recipient.email.strip().lower()),
                at=at,
                organisation_id=recipient.organisation_id,
                subject_ref=subject_ref,
            )
        )
    return messages


def _voucher_ref(voucher_id: str) -> str:
    return f"vouchers.voucher:{voucher_id}"


def notify_voucher_assigned(
    *,
    voucher_id: str,
    engagement_type: str,
    service_level_days: int,
    assigned_on: dt.date,
    expiry_date: dt.date,
    redeem_by: dt.date,
    customer_name: str,
    licensing_id: str,
    assignee: Recipient,
    at: dt.datetime,
) -> OutboxMessage:
    """R-VOU-5: to the assignee, with voucher id, engagement type, days and expiry date, asking
    them to forward it to the partner they choose. `redeem_by` is min(expiry, last redemption
    day). Key: voucher_assigned:{voucher_id}:{email}."""
    context = {
        "voucher_id": voucher_id,
        "engagement_type": engagement_type,
        "service_level_days": service_level_days,
        "assigned_on": assigned_on,
        "expiry_date": expiry_date,
        "redeem_by": redeem_by,
        "customer_name": customer_name,
        "licensing_id": licensing_id,
    }
    (message,) = _send_each(
        template="voucher_assigned",
        recipients=[assignee],
        key=(voucher_id,),
        context=context,
        subject_ref=_voucher_ref(voucher_id),
        at=at,
    )
    return message


def notify_voucher_reserved(
    *,
    voucher_id: str,
    engagement_type: str,
    service_level_days: int,
    partner_name: str,
    location: str,
    start_date: dt.date,
    expiry_date: dt.date,
    redeem_by: dt.date,
    reservation_id: int | str,
    recipients: Sequence[Recipient],
    at: dt.datetime,
) -> list[OutboxMessage]:
    """R-RES-2: to the customer (assignee and benefits admins): who reserved the voucher, where
    and from when. Key: voucher_reserved:{voucher_id}:{reservation_id}:{email}."""
    context = {
        "voucher_id": voucher_id,
        "engagement_type": engagement_type,
        "service_level_days": service_level_days,
        "partner_name": partner_name,
        "location": location,
        "start_date": start_date,
        "expiry_date": expiry_date,
        "redeem_by": redeem_by,
    }
    return _send_each(
        template="voucher_reserved",
        recipients=recipients,
        key=(voucher_id, reservation_id),
        context=context,
        subject_ref=_voucher_ref(voucher_id),
        at=at,
    )


def notify_voucher_released(
    *,
    voucher_id: str,
    engagement_type: str,
    service_level_days: int,
    partner_name: str,
    released_on: dt.date,
    expiry_date: dt.date,
    reservation_id: int | str,
    recipients: Sequence[Recipient],
    at: dt.datetime,
) -> list[OutboxMessage]:
    """R-RES-4: to the customer: the partner released the reservation; the voucher is free for
    any partner until its (unchanged) expiry. Key: voucher_released:{voucher_id}:{reservation_id}:
    {email}."""
    context = {
        "voucher_id": voucher_id,
        "engagement_type": engagement_type,
        "service_level_days": service_level_days,
        "partner_name": partner_name,
        "released_on": released_on,
        "expiry_date": expiry_date,
    }
    return _send_each(
        template="voucher_released",
        recipients=recipients,
        key=(voucher_id, reservation_id),
        context=context,
        subject_ref=_voucher_ref(voucher_id),
        at=at,
    )


def notify_voucher_date_changed(
    *,
    voucher_id: str,
    engagement_type: str,
    partner_name: str,
    previous_start_date: dt.date,
    start_date: dt.date,
    expiry_date: dt.date,
    redeem_by: dt.date,
    change_id: int | str,
    recipients: Sequence[Recipient],
    at: dt.datetime,
) -> list[OutboxMessage]:
    """R-RES-4: to the customer: the reserving partner moved the planned start date. `change_id`
    is unique per change (e.g. the audit event id). Key: voucher_date_changed:{voucher_id}:
    {change_id}:{email}."""
    context = {
        "voucher_id": voucher_id,
        "engagement_type": engagement_type,
        "partner_name": partner_name,
        "previous_start_date": previous_start_date,
        "start_date": start_date,
        "expiry_date": expiry_date,
        "redeem_by": redeem_by,
    }
    return _send_each(
        template="voucher_date_changed",
        recipients=recipients,
        key=(voucher_id, change_id),
        context=context,
        subject_ref=_voucher_ref(voucher_id),
        at=at,
    )


def notify_voucher_expiry_reminder(
    *,
    voucher_id: str,
    engagement_type: str,
    service_level_days: int,
    status: str,
    expiry_date: dt.date,
    days_before: int,
    redeem_by: dt.date,
    days_return: bool,
    customer_recipients: Sequence[Recipient],
    partner_name: str = "",
    partner_recipients: Sequence[Recipient] = (),
    at: dt.datetime,
) -> list[OutboxMessage]:
    """Section 7: 30 and 7 days before expiry, to the customer and to the reserving partner.
    `status` is the voucher status (assigned/reserved/delivered); `days_return` says whether the
    days would return to the pool at expiry (R-EXP-1) or be forfeited. Key:
    voucher_expiry_reminder:{voucher_id}:{expiry_date}:{days_before}:{email}."""
    context = {
        "voucher_id": voucher_id,
        "engagement_type": engagement_type,
        "service_level_days": service_level_days,
        "status": status,
        "expiry_date": expiry_date,
        "days_before": days_before,
        "redeem_by": redeem_by,
        "days_return": days_return,
        "partner_name": partner_name,
    }
    messages = []
    for audience, recipients in (
        ("customer", customer_recipients),
        ("partner", partner_recipients),
    ):
        messages += _send_each(
            template="voucher_expiry_reminder",
            recipients=recipients,
            key=(voucher_id, expiry_date.isoformat(), days_before),
            context={**context, "audience": audience},
            subject_ref=_voucher_ref(voucher_id),
            at=at,
        )
    return messages


def notify_voucher_redeemed(
    *,
    voucher_id: str,
    engagement_type: str,
    service_level_days: int,
    partner_name: str,
    redeemed_on: dt.date,
    recipients: Sequence[Recipient],
    at: dt.datetime,
) -> list[OutboxMessage]:
    """R-RED-1: to the customer: the partner redeemed the voucher; its days are consumed. Key:
    voucher_redeemed:{voucher_id}:{email}."""
    context = {
        "voucher_id": voucher_id,
        "engagement_type": engagement_type,
        "service_level_days": service_level_days,
        "partner_name": partner_name,
        "redeemed_on": redeemed_on,
    }
    return _send_each(
        template="voucher_redeemed",
        recipients=recipients,
        key=(voucher_id,),
        context=context,
        subject_ref=_voucher_ref(voucher_id),
        at=at,
    )


def notify_payment_request_status(
    *,
    payment_request_id: str,
    voucher_id: str,
    status: str,
    status_label: str,
    amount: str,
    currency: str,
    changed_on: dt.date,
    transition_id: int | str,
    recipients: Sequence[Recipient],
    note: str = "",
    respond_by: dt.date | None = None,
    at: dt.datetime,
) -> list[OutboxMessage]:
    """R-PAY-5: to the partner (the requester and its partner admins) on every status change.
    `note` is the reviewer's question (held) or reason (denied); `respond_by` the date to answer a
    hold by, if any. `transition_id` is unique per change (e.g. the status history row). Key:
    payment_request_status:{payment_request_id}:{transition_id}:{email}."""
    context = {
        "payment_request_id": payment_request_id,
        "voucher_id": voucher_id,
        "status": status,
        "status_label": status_label,
        "amount": amount,
        "currency": currency,
        "changed_on": changed_on,
        "note": note,
        "respond_by": respond_by,
    }
    return _send_each(
        template="payment_request_status",
        recipients=recipients,
        key=(payment_request_id, transition_id),
        context=context,
        subject_ref=f"payments.paymentrequest:{payment_request_id}",
        at=at,
    )


def notify_enrollment_renewal_due(
    *,
    partner_name: str,
    offering_code: str,
    offering_name: str,
    enrollment_id: int | str,
    last_day: dt.date,
    recipients: Sequence[Recipient],
    at: dt.datetime,
) -> list[OutboxMessage]:
    """R-ENR-1: 30 days before an enrollment's last day, to the firm's global admins. Key:
    enrollment_renewal_due:{enrollment_id}:{last_day}:{email}."""
    context = {
        "partner_name": partner_name,
        "offering_code": offering_code,
        "offering_name": offering_name,
        "last_day": last_day,
    }
    return _send_each(
        template="enrollment_renewal_due",
        recipients=recipients,
        key=(enrollment_id, last_day.isoformat()),
        context=context,
        subject_ref=f"partners.enrollment:{enrollment_id}",
        at=at,
    )


def notify_milestone_reminder(
    *,
    milestone_key: str,
    milestone_title: str,
    milestone_date: dt.date,
    effect: str,
    days_before: int,
    organisation_id: int,
    organisation_name: str,
    at_stake: Sequence[AtStake],
    action: str,
    act_by: dt.date,
    recipients: Sequence[Recipient],
    at: dt.datetime,
) -> list[OutboxMessage]:
    """Section 8: 30 and 7 days before a milestone, to the people of one affected organisation,
    saying what it stands to lose and what to do by `act_by`. Key: milestone_reminder:
    {milestone_key}:{milestone_date}:{days_before}:{organisation_id}:{email}."""
    context = {
        "milestone_key": milestone_key,
        "milestone_title": milestone_title,
        "milestone_date": milestone_date,
        "effect": effect,
        "days_before": days_before,
        "organisation_name": organisation_name,
        "at_stake": list(at_stake),
        "action": action,
        "act_by": act_by,
    }
    return _send_each(
        template="milestone_reminder",
        recipients=recipients,
        key=(milestone_key, milestone_date.isoformat(), days_before, organisation_id),
        context=context,
        subject_ref=f"program.milestone:{milestone_key}",
        at=at,
    )


def notify_support_reply(
    *,
    request_id: str,
    request_subject: str,
    reply_id: int | str,
    reply_excerpt: str,
    replied_by: str,
    recipient: Recipient,
    answer_by: dt.date | None = None,
    at: dt.datetime,
) -> OutboxMessage:
    """To the person who opened a support request, when support replies. `answer_by` is when the
    request closes without an answer, if it does. Key: support_reply:{request_id}:{reply_id}:
    {email}."""
    context = {
        "request_id": request_id,
        "request_subject": request_subject,
        "reply_excerpt": reply_excerpt,
        "replied_by": replied_by,
        "answer_by": answer_by,
    }
    (message,) = _send_each(
        template="support_reply",
        recipients=[recipient],
        key=(request_id, reply_id),
        context=context,
        subject_ref=f"support.supportrequest:{request_id}",
        at=at,
    )
    return message


# --- partner onboarding (partners capability): not in section 7's list, sent as confirmations ---


def notify_competency_recorded(
    *,
    partner_name: str,
    partner_id: str,
    competency_held_id: int,
    competency_name: str,
    level: str,
    earned_on: dt.date,
    expires_on: dt.date,
    recipients: Sequence[Recipient],
    at: dt.datetime,
) -> list[OutboxMessage]:
    """The operator recorded (or corrected) a competency of the firm; to its global admins, who
    may now enroll (R-ENR-1). Key: competency_recorded:{held id}:{level}:{expires_on}:{email}."""
    context = {
        "partner_name": partner_name,
        "partner_id": partner_id,
        "competency_name": competency_name,
        "level": level,
        "earned_on": earned_on,
        "expires_on": expires_on,
    }
    return _send_each(
        template="competency_recorded",
        recipients=recipients,
        key=(competency_held_id, level, expires_on.isoformat()),
        context=context,
        subject_ref=f"partners.competencyheld:{competency_held_id}",
        at=at,
    )


def notify_enrollment_confirmed(
    *,
    partner_name: str,
    offering_code: str,
    offering_name: str,
    enrollment_id: int,
    agreement_version: str,
    accepted_by: str,
    starts_on: dt.date,
    last_day: dt.date,
    renewed: bool,
    recipients: Sequence[Recipient],
    at: dt.datetime,
) -> list[OutboxMessage]:
    """R-ENR-1: an enrollment or its renewal was recorded; to the firm's global admins. Key:
    enrollment_confirmed:{enrollment id}:{last_day}:{email}."""
    context = {
        "partner_name": partner_name,
        "offering_code": offering_code,
        "offering_name": offering_name,
        "agreement_version": agreement_version,
        "accepted_by": accepted_by,
        "starts_on": starts_on,
        "last_day": last_day,
        "renewed": renewed,
    }
    return _send_each(
        template="enrollment_confirmed",
        recipients=recipients,
        key=(enrollment_id, last_day.isoformat()),
        context=context,
        subject_ref=f"partners.enrollment:{enrollment_id}",
        at=at,
    )


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    text: str
    html: str


def preview_milestone_reminder(
    *,
    milestone_key: str,
    milestone_title: str,
    milestone_date: dt.date,
    effect: str,
    days_before: int,
    organisation_name: str,
    at_stake: Sequence[AtStake],
    action: str,
    act_by: dt.date,
    recipient: Recipient,
) -> RenderedMessage:
    """The milestone reminder exactly as `notify_milestone_reminder` would render it for
    `recipient`, without storing or sending anything (the retirement impact report's preview)."""
    del milestone_key  # part of the dedup key only
    context = {
        "milestone_title": milestone_title,
        "milestone_date": milestone_date,
        "effect": effect,
        "days_before": days_before,
        "organisation_name": organisation_name,
        "at_stake": list(at_stake),
        "action": action,
        "act_by": act_by,
        "recipient": recipient,
        "time_zone": settings.PROGRAM_TIME_ZONE,
        "site_url": settings.PLANSERV_SITE_URL,
    }
    subject, text, html = outbox_render("milestone_reminder", context)
    return RenderedMessage(subject=subject, text=text, html=html)
