"""The typed audit events of one voucher: a frozen payload per `AuditEventType.VOUCHER_*` member.

The services build them (`services/_common.audit_voucher`) and the history reads them back
(`history.py`); the JSON they store is the one written before the payloads existed, key for key,
so old rows load unchanged (a field with a default may be missing from the oldest rows).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planserv.audit.events import (
    AuditEventType,
    AuditPayload,
    after_column,
    before_column,
    register_payload,
)


@dataclass(frozen=True, kw_only=True)
class VoucherState:
    """The voucher's state around a change: stored as three keys of `before` and `after`."""

    status: str
    holder: int | None
    expiry_date: dt.date


@dataclass(frozen=True, kw_only=True)
class AppliedExtension:
    policy: str
    extra_days: int


@dataclass(frozen=True, kw_only=True)
class VoucherEvent(AuditPayload):
    """Every voucher event names the voucher (the first key of `after`)."""

    voucher_id: str


@dataclass(frozen=True, kw_only=True)
class VoucherTransition(VoucherEvent):
    """A change of status: the state before it in `before`, the state after it in `after`."""

    previous: VoucherState = field(metadata=before_column(flatten=True))
    state: VoucherState = field(metadata=after_column(flatten=True))


@register_payload
@dataclass(frozen=True, kw_only=True)
class VoucherCreatedAndAssigned(VoucherEvent):
    event_type = AuditEventType.VOUCHER_CREATED_AND_ASSIGNED

    status: str
    licensing_id: str
    engagement_type: str
    engagement_type_name: str = ""
    days: int
    assignee: str
    division: str = ""
    product_scope: str = ""
    nominated_partner: str | None = None
    assigned_on: dt.date
    expiry_date: dt.date
    extensions: tuple[AppliedExtension, ...] = ()


@register_payload
@dataclass(frozen=True, kw_only=True)
class VoucherReserved(VoucherTransition):
    event_type = AuditEventType.VOUCHER_RESERVED

    reservation_id: int
    partner: str
    partner_name: str = ""
    location_id: str
    delivery_country: str
    start_date: dt.date
    eligible: bool = True


@register_payload
@dataclass(frozen=True, kw_only=True)
class VoucherStartDateChanged(VoucherEvent):
    event_type = AuditEventType.VOUCHER_START_DATE_CHANGED

    previous_start_date: dt.date = field(metadata=before_column(key="start_date"))
    start_date: dt.date
    reservation_id: int


@register_payload
@dataclass(frozen=True, kw_only=True)
class VoucherReleased(VoucherTransition):
    event_type = AuditEventType.VOUCHER_RELEASED

    reservation_id: int
    partner: str
    partner_name: str = ""
    report_voided: bool = False


@register_payload
@dataclass(frozen=True, kw_only=True)
class VoucherDelivered(VoucherTransition):
    event_type = AuditEventType.VOUCHER_DELIVERED

    reservation_id: int
    receipt_number: str
    delivery_country: str
    start_date: dt.date
    end_date: dt.date
    onsite_days: int
    offsite_days: int
    offsite_waiver: str | None = None
    consultants: tuple[str, ...] = ()
    deliverables: tuple[str, ...] = ()


@register_payload
@dataclass(frozen=True, kw_only=True)
class VoucherRedeemed(VoucherTransition):
    event_type = AuditEventType.VOUCHER_REDEEMED

    redeemed_on: dt.date
    location_id: str
    receipt_number: str
    days: int


@register_payload
@dataclass(frozen=True, kw_only=True)
class VoucherCancelled(VoucherTransition):
    event_type = AuditEventType.VOUCHER_CANCELLED

    days: int
    days_outcome: str


@register_payload
@dataclass(frozen=True, kw_only=True)
class VoucherExpiryExtended(VoucherEvent):
    """An operator's bulk extension, one event per voucher (the reason is the event's own)."""

    event_type = AuditEventType.VOUCHER_EXPIRY_EXTENDED

    previous_expiry_date: dt.date = field(metadata=before_column(key="expiry_date"))
    expiry_date: dt.date
    extra_days: int
    policy_id: int
    policy: str = ""


@register_payload
@dataclass(frozen=True, kw_only=True)
class VoucherReassigned(VoucherEvent):
    event_type = AuditEventType.VOUCHER_REASSIGNED

    previous_assignee: str = field(metadata=before_column(key="assignee"))
    assignee: str
