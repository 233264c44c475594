"""Request and response schemas of the vouchers operations (api/routers/vouchers.py)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

VOUCHER_ID = Field(..., max_length=40, description="Voucher id, e.g. 7KXR4MWA9 or 7KXR-4MWA-9.")


class RefOut(Schema):
    public_id: str
    name: str


class EngagementTypeRefOut(Schema):
    code: str
    name: str
    offering: str
    is_cloud: bool


class DeadlinesOut(Schema):
    expiry_date: dt.date = Field(description="Last day the voucher is usable (inclusive).")
    last_redemption_date: dt.date = Field(description="The program's last redemption day.")
    redeem_by: dt.date = Field(description="min(expiry_date, last_redemption_date).")
    days_to_expiry: int
    days_to_redeem_by: int
    usable: bool


class ReservationOut(Schema):
    partner: RefOut
    location_id: str
    delivery_country: str
    start_date: dt.date
    reserved_on: dt.date


class DeliverableOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    download_path: str = Field(description="Portal path (session login) that serves the file.")
    api_path: str = Field(
        description="API path (bearer token) that serves the file: "
        "GET /api/v1/vouchers/{voucher_id}/deliverables/{id}."
    )


class CompletionReportOut(Schema):
    receipt_number: str
    delivery_country: str
    start_date: dt.date
    end_date: dt.date
    onsite_days: int
    offsite_days: int
    offsite_waiver: str | None
    division: str
    product_scope: str
    summary: str
    next_steps: str
    consultants: list[str]
    no_extra_fee_attested: bool
    submitted_on: dt.date
    deliverables: list[DeliverableOut]


class HistoryOut(Schema):
    program_date: dt.date
    at: dt.datetime
    action: str
    title: str
    detail: str
    actor: str
    organisation: str


class VoucherOut(Schema):
    voucher_id: str
    display_id: str
    status: str
    engagement_type: EngagementTypeRefOut
    days: int
    customer: RefOut
    licensing_id: str | None = Field(description="Customer and operators only.")
    assignee_email: str | None = Field(description="Customer and operators only.")
    division: str
    product_scope: str
    nominated_partner: str | None
    assigned_on: dt.date
    expiry_date: dt.date
    deadlines: DeadlinesOut
    reservation: ReservationOut | None
    report: CompletionReportOut | None
    redeemed_on: dt.date | None
    redeemed_location_id: str | None
    days_outcome: str


class VoucherDetailOut(VoucherOut):
    history: list[HistoryOut]


class VoucherCreateIn(Schema):
    licensing_id: str = Field(..., min_length=1, max_length=40)
    engagement_type: str = Field(..., min_length=1, max_length=60)
    days: int = Field(..., ge=1, le=15, description="A service level of the engagement type.")
    assignee_email: str = Field(..., min_length=3, max_length=254)
    division: str = Field("", max_length=200)
    product_scope: str = Field("", max_length=200)
    nominated_partner: str | None = Field(
        None, max_length=32, description="Partner id of the only firm that may reserve it."
    )


class VoucherFilters(Schema):
    status: str | None = Field(None, max_length=20)
    licensing_id: str | None = Field(None, max_length=40)
    cursor: str | None = Field(None, max_length=400)
    limit: int | None = None


class ValidateIn(Schema):
    voucher_id: str = VOUCHER_ID
    email: str = Field(..., max_length=254)


class LocationRefOut(Schema):
    location_id: str
    country: str
    name: str


class PreviewOut(Schema):
    voucher_id: str
    display_id: str
    customer_name: str
    engagement_type: EngagementTypeRefOut
    days: int
    division: str
    product_scope: str
    expiry_date: dt.date
    redeem_by: dt.date
    eligible: bool
    eligibility_reasons: list[str]
    locations: list[LocationRefOut]
    default_delivery_country: str
    can_reserve: bool


class ReserveIn(Schema):
    email: str = Field(..., max_length=254)
    location_id: str = Field(..., min_length=1, max_length=32)
    start_date: dt.date
    accept_terms: bool
    delivery_country: str | None = Field(
        None, max_length=2, description="Defaults to the customer's country."
    )


class ChangeDateIn(Schema):
    start_date: dt.date


class RedeemIn(Schema):
    location_id: str = Field(..., min_length=1, max_length=32)


class BatchIn(Schema):
    voucher_ids: list[str] = Field(..., max_length=200)
    location_id: str = Field(..., min_length=1, max_length=32)
    confirm: bool


class BatchResultOut(Schema):
    voucher_id: str
    redeemed: bool
    code: str
    message: str
    rule: str | None


class BatchOut(Schema):
    redeemed: int
    refused: int
    results: list[BatchResultOut]


class ReportIn(Schema):
    delivery_country: str = Field(..., max_length=2)
    start_date: dt.date
    end_date: dt.date
    consultant_ids: list[int] = Field(..., max_length=50)
    onsite_days: int = Field(..., ge=0, le=15)
    offsite_days: int = Field(..., ge=0, le=15)
    summary: str = Field(..., max_length=5000)
    next_steps: str = Field(..., max_length=5000)
    no_extra_fee: bool
    division: str | None = Field(None, max_length=200)
    product_scope: str | None = Field(None, max_length=200)
