"""Request and response schemas of the payments operations (api/routers/payments.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class RegistrationIn(Schema):
    offering: str = Field(..., max_length=20, description="Offering code, e.g. DDPS.")
    legal_name: str = Field(..., max_length=140)
    tax_id: str = Field(..., max_length=40)
    iban: str = Field(..., max_length=42)
    bic: str = Field(..., max_length=11)
    country: str = Field(..., max_length=2)
    currency: str = Field(..., max_length=3)


class RegistrationOut(Schema):
    offering: str
    legal_name: str
    tax_id: str = Field(description="Masked.")
    iban: str = Field(description="Masked: only the last 4 characters.")
    bic: str
    country: str
    currency: str
    registered_on: dt.date


class RequestIn(Schema):
    voucher_id: str = Field(..., max_length=40)
    location_id: str = Field(..., max_length=40)


class NoteIn(Schema):
    note: str = Field("", max_length=2000)


class QuestionIn(Schema):
    question: str = Field(..., max_length=2000)


class ReasonIn(Schema):
    reason: str = Field(..., max_length=2000)


class AnswerIn(Schema):
    answer: str = Field(..., max_length=4000)


class FlagOut(Schema):
    code: str
    rule: str
    message: str
    evidence: dict[str, Any]


class TransitionOut(Schema):
    from_status: str
    to_status: str
    on: dt.date
    at: dt.datetime
    by: str
    note: str


class RequestOut(Schema):
    id: str
    voucher_id: str
    partner_id: str
    location_id: str
    delivery_country: str
    days: int
    day_rate: Decimal
    amount: Decimal
    currency: str
    status: str
    filed_on: dt.date
    last_request_date: dt.date
    approved_on: dt.date | None
    run_id: str | None
    flag_count: int


class RequestDetailOut(RequestOut):
    flags: list[FlagOut]
    question: str
    answer: str
    denial_reason: str
    history: list[TransitionOut]


class RequestFilters(Schema):
    status: str | None = Field(None, max_length=20)
    cursor: str | None = Field(None, max_length=400)
    limit: int | None = None


class RunIn(Schema):
    month: str = Field(..., max_length=7, description="YYYY-MM", pattern=r"^\d{4}-\d{2}$")
    currency: str = Field(..., max_length=3, min_length=3)


class RunConfirmIn(Schema):
    expected_count: int | None = Field(
        None, ge=0, description="The count the confirming reviewer checked (refused if changed)."
    )
    expected_total: Decimal | None = Field(
        None, description="The total the confirming reviewer checked (refused if changed)."
    )


class RunOut(Schema):
    id: str
    month: str
    currency: str
    status: str
    total: Decimal
    count: int
    built_by: str
    requests: list[str]
    confirmed_on: dt.date | None


class RemittanceQuery(Schema):
    format: str = Field("csv", max_length=10, pattern=r"^(csv|pain001)$")
