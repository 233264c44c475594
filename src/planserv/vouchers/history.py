"""A voucher's timeline, built from its typed audit events (domain.md section 10; the payloads
are in vouchers/events.py), sliced per party.

- customer and operators: every event of the voucher (all reservations and releases);
- a partner: from its own (active) reservation on; earlier events, and other partners'
  reservations, are not shown.
The set-based jobs audit once per batch, not per voucher; their effect on one voucher (expiry,
an expiry extension) is shown from the voucher's own per-state fields and extension rows.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db.models import QuerySet, Subquery
from django.db.models.functions import Coalesce

from planserv.audit.events import AuditPayload, PayloadUnreadable, payload_of
from planserv.audit.models import AuditEvent
from planserv.core.actor import Actor
from planserv.core.formatting import days, long_date
from planserv.vouchers.events import (
    VoucherCancelled,
    VoucherCreatedAndAssigned,
    VoucherDelivered,
    VoucherExpiryExtended,
    VoucherReassigned,
    VoucherRedeemed,
    VoucherReleased,
    VoucherReserved,
    VoucherStartDateChanged,
)
from planserv.vouchers.models import DaysOutcome, Reservation, Voucher, VoucherExpiryExtension

logger = logging.getLogger(__name__)
SUBJECT = "vouchers.voucher"


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    program_date: dt.date
    action: str
    title: str
    detail: str
    actor_label: str
    organisation_label: str
    order: int = 0


def _date(value: dt.date) -> str:
    return long_date(value)


def _describe(payload: AuditPayload | None, event: AuditEvent) -> tuple[str, str]:
    """The entry's title and sentence, from the event's typed payload (vouchers/events.py)."""
    match payload:
        case VoucherCreatedAndAssigned():
            detail = (
                f"{payload.days} days of "
                f"{payload.engagement_type_name or payload.engagement_type}, assigned to "
                f"{payload.assignee}; usable through {_date(payload.expiry_date)}."
            )
            if payload.nominated_partner:
                detail += f" Only partner {payload.nominated_partner} may reserve it."
            return "Created and assigned", detail
        case VoucherReserved():
            return (
                f"Reserved by {payload.partner_name}",
                f"Through location {payload.location_id}, delivery in "
                f"{payload.delivery_country}, planned start {_date(payload.start_date)}.",
            )
        case VoucherStartDateChanged():
            return (
                "Planned start date changed",
                f"From {_date(payload.previous_start_date)} to {_date(payload.start_date)}.",
            )
        case VoucherReleased():
            void = " The completion report filed for it is void." if payload.report_voided else ""
            return (
                f"Released by {payload.partner_name}",
                "Assigned again with the same expiry; any partner may reserve it." + void,
            )
        case VoucherDelivered():
            return (
                "Completion report filed",
                f"Receipt {payload.receipt_number}: delivered in {payload.delivery_country} "
                f"from {_date(payload.start_date)} to {_date(payload.end_date)}, "
                f"{payload.onsite_days} on-site and {payload.offsite_days} off-site days; "
                f"deliverables: {', '.join(payload.deliverables)}.",
            )
        case VoucherRedeemed():
            return (
                "Redeemed",
                f"Through location {payload.location_id}; {payload.days} days consumed.",
            )
        case VoucherCancelled():
            outcome = "returned to the available days"
            if payload.days_outcome == DaysOutcome.FORFEITED:
                outcome = "forfeited"
            return "Cancelled", f"Its {payload.days} days were {outcome}."
        case VoucherExpiryExtended():
            return (
                f"Expiry extended by {days(payload.extra_days)}",
                f"{payload.policy}: usable through {_date(payload.expiry_date)} "
                f"instead of {_date(payload.previous_expiry_date)}. Reason: {event.reason}",
            )
        case VoucherReassigned():
            return (
                "Reassigned",
                f"From {payload.previous_assignee} to {payload.assignee}. Reason: {event.reason}",
            )
    return event.action, ""


def _from_event(event: AuditEvent) -> HistoryEntry:
    try:
        payload = payload_of(event)
    except PayloadUnreadable:
        # A row the payload cannot read is still part of the timeline: shown by its action.
        logger.warning("Voucher history: audit event %s is unreadable.", event.pk, exc_info=True)
        payload = None
    title, detail = _describe(payload, event)
    return HistoryEntry(
        at=event.occurred_at,
        program_date=event.program_date,
        action=payload.event_type.verb if payload is not None else event.action,
        title=title,
        detail=detail,
        actor_label=event.actor_label,
        organisation_label=event.organisation_label,
        order=event.pk,
    )


def _system_entries(voucher: Voucher, since: dt.datetime | None) -> list[HistoryEntry]:
    entries = []
    extensions = (
        VoucherExpiryExtension.objects.filter(voucher=voucher)
        .select_related("policy")
        .order_by("applied_at", "pk")
    )
    for extension in extensions:
        if since is not None and extension.applied_at < since:
            continue
        if extension.applied_by == "operator":
            continue  # a bulk extension audits each voucher: shown from its audit event
        entries.append(
            HistoryEntry(
                at=extension.applied_at,
                program_date=extension.applied_on,
                action="expiry_extended",
                title=f"Expiry extended by {days(extension.extra_days)}",
                detail=f"{extension.policy.name}: usable through "
                f"{long_date(extension.expiry_date)} instead of "
                f"{long_date(extension.previous_expiry_date)}.",
                actor_label="program policy",
                organisation_label="",
                order=2**61,
            )
        )
    if voucher.expired_at is not None:
        outcome = (
            "returned to the available days"
            if voucher.days_outcome == DaysOutcome.RETURNED
            else "forfeited"
        )
        entries.append(
            HistoryEntry(
                at=voucher.expired_at,
                program_date=voucher.expiry_date + dt.timedelta(days=1),
                action="expired",
                title="Expired",
                detail=f"It was usable through {long_date(voucher.expiry_date)}; its "
                f"{voucher.days} days were {outcome}.",
                actor_label="daily expiry sweep",
                organisation_label="",
                order=2**62,
            )
        )
    return entries


def _partner_start(actor: Actor, voucher: Voucher) -> tuple[int, dt.datetime] | None:
    """The audit event id and time of the partner's own active reservation, if it holds it."""
    reservation = (
        Reservation.objects.filter(
            voucher=voucher, partner_id=actor.organisation_id, is_active=True
        )
        .order_by("-pk")
        .first()
    )
    if reservation is None:
        return None
    event_id = _reserved_event(reservation).first()
    return (event_id or 0), reservation.reserved_at


def voucher_history_for(
    *, actor: Actor, voucher: Voucher, reservation: Reservation | None = None
) -> list[HistoryEntry]:
    """The voucher's timeline as `actor` may see it, oldest first. `reservation`: the partner's
    active reservation when the caller has it in hand (an answer right after a write), which
    spares reading it again: the partner's slice is then one query for the events."""
    events = AuditEvent.objects.filter(subject_type=SUBJECT, subject_id=str(voucher.pk))
    since: dt.datetime | None = None
    if actor.is_partner:
        if reservation is not None and reservation.partner_id == actor.organisation_id:
            events = events.filter(pk__gte=Coalesce(Subquery(_reserved_event(reservation)), 0))
            since = reservation.reserved_at
        else:
            start = _partner_start(actor, voucher)
            if start is None:
                return []
            events = events.filter(pk__gte=start[0])
            since = start[1]
    entries = [_from_event(event) for event in events.order_by("pk")]
    entries += _system_entries(voucher, since)
    return sorted(entries, key=lambda entry: (entry.program_date, entry.at, entry.order))


def _reserved_event(reservation: Reservation) -> QuerySet[AuditEvent, int]:
    """The id of the audit event that recorded `reservation` (a value, or a subquery)."""
    return (
        AuditEvent.objects.filter(
            subject_type=SUBJECT,
            subject_id=str(reservation.voucher_id),
            **VoucherReserved.lookup(reservation_id=reservation.pk),
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:1]
    )
