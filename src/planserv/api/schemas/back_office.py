"""Schemas of the operator's back office (api/routers/back_office.py): program settings, payment
details changes, overdue review (issue 18)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema


class DayRateIn(Schema):
    country: str = Field(..., max_length=2, examples=["AT"])
    currency: str = Field(..., max_length=3, examples=["EUR"])
    amount: Decimal = Field(..., max_digits=10, decimal_places=2, examples=["880.00"])
    effective_from: dt.date = Field(..., examples=["2021-01-01"])
    note: str = Field("", max_length=200)


class DayRateOut(Schema):
    id: int
    country: str
    currency: str
    amount: Decimal
    effective_from: dt.date
    note: str


class UnpayableReservationOut(Schema):
    voucher_id: str
    delivery_country: str
    partner: str
    customer: str
    status: str


class MilestoneChangeIn(Schema):
    date: dt.date = Field(..., examples=["2022-03-01"])
    reason: str = Field(..., max_length=2000, examples=["The program grants two more months."])


class MilestonePreviewIn(Schema):
    date: dt.date = Field(..., examples=["2022-03-01"])


class ImpactTotalsOut(Schema):
    date: dt.date
    organisations: int
    days_removed: int
    vouchers_at_risk: int
    payments_at_risk: int


class MilestonePreviewOut(Schema):
    key: str
    current: ImpactTotalsOut
    proposed: ImpactTotalsOut


class MilestoneChangedOut(Schema):
    key: str
    title: str
    date: dt.date


class PaymentSettingsIn(Schema):
    paying_account_name: str = Field(..., max_length=70)
    paying_account_iban: str = Field(
        "", max_length=42, description="Empty keeps the account on file."
    )
    paying_account_bic: str = Field("", max_length=11)
    payment_execution_day: int = Field(28, ge=1, le=28)
    expiry_reminder_first_days: int = 30
    expiry_reminder_last_days: int = 7
    payment_reminder_first_days: int = 14
    payment_reminder_last_days: int = 3
    review_overdue_business_days: int = 10


class PaymentSettingsOut(Schema):
    paying_account_name: str
    paying_account_iban: str = Field(description="Masked: only the last 4 characters.")
    paying_account_bic: str
    payment_execution_day: int
    expiry_reminder_first_days: int
    expiry_reminder_last_days: int
    payment_reminder_first_days: int
    payment_reminder_last_days: int
    review_overdue_business_days: int


class DetailsChangeIn(Schema):
    legal_name: str = Field(..., max_length=140)
    tax_id: str = Field(..., max_length=40)
    iban: str = Field(..., max_length=42)
    bic: str = Field(..., max_length=11)
    country: str = Field(..., max_length=2)
    currency: str = Field(..., max_length=3)


class DetailsChangeOut(Schema):
    id: int
    firm: str
    offering: str
    status: str
    iban: str = Field(description="Masked: only the last 4 characters.")
    bic: str
    submitted_on: dt.date
    submitted_by: str
    decided_on: dt.date | None
    decision_reason: str


class DetailsRejectIn(Schema):
    reason: str = Field(..., max_length=2000)


class OverdueRequestOut(Schema):
    id: str
    firm: str
    status: str
    waiting_business_days: int


class OverdueOut(Schema):
    limit_business_days: int
    overdue_count: int
    overdue: list[OverdueRequestOut]
    runs_open_past_their_month: list[str]
