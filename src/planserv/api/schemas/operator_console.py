"""Request and response schemas of the operator console operations (api/routers/operator_console.py)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from planserv.audit.selectors import AuditFilter
from planserv.vouchers.services import (
    VoucherSelection,
)


class SelectionIn(Schema):
    voucher_ids: list[str] = Field(default_factory=list, max_length=1000)
    customer: str = Field("", max_length=32, description="The customer's number (public id).")
    engagement_type: str = Field("", max_length=60)
    statuses: list[str] = Field(default_factory=list, max_length=6)
    expiry_from: dt.date | None = None
    expiry_to: dt.date | None = None
    reason: str = Field(..., max_length=1000, description="At least 10 characters; audited.")
    dry_run: bool = Field(True, description="Plan only: nothing changes (the default).")

    def selection(self) -> VoucherSelection:
        return VoucherSelection(
            voucher_ids=tuple(self.voucher_ids),
            customer=self.customer,
            engagement_type=self.engagement_type,
            statuses=tuple(self.statuses),
            expiry_from=self.expiry_from,
            expiry_to=self.expiry_to,
        )


class ExtendIn(SelectionIn):
    extra_days: int = Field(..., ge=1, le=366)
    name: str = Field("", max_length=200)


class ReassignIn(SelectionIn):
    assignee_email: str = Field(..., min_length=3, max_length=254)


class BulkItemOut(Schema):
    voucher_id: str
    outcome: str = Field(..., description="change (would change, in a dry run) or refused")
    code: str
    message: str
    before: str
    after: str
    customer: str


class BulkOut(Schema):
    operation: str
    dry_run: bool
    changed: int
    refused: int
    summary: str
    policy_id: int | None
    items: list[BulkItemOut]


class AuditEventOut(Schema):
    id: int
    occurred_at: dt.datetime
    program_date: dt.date
    action: str
    actor: str
    actor_role: str
    organisation_id: int | None
    organisation: str
    subject_type: str
    subject_id: str
    subject: str
    reason: str
    request_id: str
    before: dict[str, object] | None
    after: dict[str, object] | None


class AuditQuery(Schema):
    organisation_id: int | None = None
    organisation: str = Field("", max_length=200)
    subject_type: str = Field("", max_length=80)
    subject_id: str = Field("", max_length=64)
    action: str = Field("", max_length=80)
    actor: str = Field("", max_length=254)
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def filters(self) -> AuditFilter:
        return AuditFilter(**self.model_dump())
