"""A voucher's timeline, built from its audit events (domain.md section 10), sliced per party.

- customer and operators: every event of the voucher (all reservations and releases);
- a partner: from its own (active) reservation on; earlier events, and other partners'
  reservations, are not shown.
The set-based jobs audit once per batch, not per voucher; their effect on one voucher (expiry,
an expiry extension) is shown from the voucher's own per-state fields and extension rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from planserv.audit.models import AuditEvent
from planserv.core.actor import Actor
from planserv.core.formatting import days, long_date
from planserv.vouchers.models import DaysOutcome, Reservation, Voucher, VoucherExpiryExtension

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


def _date(value: Any) -> str:
    if not value:
        return ""
    try:
        return long_date(dt.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def _describe(event: AuditEvent) -> tuple[str, str]:
    after: dict[str, Any] = event.after or {}
    before: dict[str, Any] = event.before or {}
    action = event.action.rsplit(".", 1)[-1]
    if action == "created_and_assigned":
        detail = (
            f"{after.get('days')} days of "
            f"{after.get('engagement_type_name') or after.get('engagement_type')}, assigned to "
            f"{after.get('assignee')}; usable through {_date(after.get('expiry_date'))}."
        )
        if after.get("nominated_partner"):
            detail += f" Only partner {after['nominated_partner']} may reserve it."
        return "Created and assigned", detail
    if action == "reserved":
        return (
            f"Reserved by {after.get('partner_name', '')}",
            f"Through location {after.get('location_id')}, delivery in "
            f"{after.get('delivery_country')}, planned start {_date(after.get('start_date'))}.",
        )
    if action == "start_date_changed":
        return (
            "Planned start date changed",
            f"From {_date(before.get('start_date'))} to {_date(after.get('start_date'))}.",
        )
    if action == "released":
        void = " The completion report filed for it is void." if after.get("report_voided") else ""
        return (
            f"Released by {after.get('partner_name', '')}",
            "Assigned again with the same expiry; any partner may reserve it." + void,
        )
    if action == "delivered":
        return (
            "Completion report filed",
            f"Receipt {after.get('receipt_number')}: delivered in {after.get('delivery_country')} "
            f"from {_date(after.get('start_date'))} to {_date(after.get('end_date'))}, "
            f"{after.get('onsite_days')} on-site and {after.get('offsite_days')} off-site days; "
            f"deliverables: {', '.join(after.get('deliverables') or [])}.",
        )
    if action == "redeemed":
        return (
            "Redeemed",
            f"Through location {after.get('location_id')}; {after.get('days')} days consumed.",
        )
    if action == "cancelled":
        outcome = "returned to the available days"
        if after.get("days_outcome") == DaysOutcome.FORFEITED:
            outcome = "forfeited"
        return "Cancelled", f"Its {after.get('days')} days were {outcome}."
    if action == "expiry_extended":
        return (
            f"Expiry extended by {after.get('extra_days')} days",
            f"{after.get('policy', '')}: usable through {_date(after.get('expiry_date'))} "
            f"instead of {_date(before.get('expiry_date'))}. Reason: {event.reason}",
        )
    if action == "reassigned":
        return (
            "Reassigned",
            f"From {before.get('assignee')} to {after.get('assignee')}. Reason: {event.reason}",
        )
    return event.action, ""


def _from_event(event: AuditEvent) -> HistoryEntry:
    title, detail = _describe(event)
    return HistoryEntry(
        at=event.occurred_at,
        program_date=event.program_date,
        action=event.action.rsplit(".", 1)[-1],
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
    event_id = (
        AuditEvent.objects.filter(
            subject_type=SUBJECT,
            subject_id=str(voucher.pk),
            action="vouchers.voucher.reserved",
            after__reservation_id=reservation.pk,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return (event_id or 0), reservation.reserved_at


def voucher_history_for(*, actor: Actor, voucher: Voucher) -> list[HistoryEntry]:
    """The voucher's timeline as `actor` may see it, oldest first."""
    events = AuditEvent.objects.filter(subject_type=SUBJECT, subject_id=str(voucher.pk))
    since: dt.datetime | None = None
    if actor.is_partner:
        start = _partner_start(actor, voucher)
        if start is None:
            return []
        events = events.filter(pk__gte=start[0])
        since = start[1]
    entries = [_from_event(event) for event in events.order_by("pk")]
    entries += _system_entries(voucher, since)
    return sorted(entries, key=lambda entry: (entry.program_date, entry.at, entry.order))
