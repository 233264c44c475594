"""Request and response schemas of the customers operations (api/routers/customers.py)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class CustomerRefOut(Schema):
    public_id: str
    name: str


class CoverageOut(Schema):
    product_pool: str
    quantity: int


class BalancesOut(Schema):
    """Balance per ledger account. `issued` and `training_issued` are the program-side sources:
    minus the days they gave out."""

    available: int
    held: int
    consumed: int
    forfeited: int
    removed: int
    training: int
    training_converted: int
    issued: int
    training_issued: int


class AgreementOut(Schema):
    licensing_id: str
    customer: CustomerRefOut
    agreement_type: str
    start_date: dt.date
    end_date: dt.date
    activated: bool
    activated_on: dt.date | None
    coverage: list[CoverageOut]
    balances: BalancesOut
    days_granted: int = Field(description="Accrued + converted + granted, net of corrections.")


class LedgerEntryOut(Schema):
    id: int
    effective_date: dt.date
    recorded_at: dt.datetime
    source: str
    destination: str
    days: int
    cause: str
    cause_id: str
    memo: str
    reverses: int | None


class ConversionIn(Schema):
    training_days: int = Field(ge=1, le=1_000_000)


class ConversionOut(Schema):
    id: int
    licensing_id: str
    training_days: int
    planning_days: int
    training_days_per_planning_day: int
    converted_on: dt.date
    balances: BalancesOut


class AgreementCreateIn(Schema):
    customer: str = Field(max_length=32, description="The customer's public id, e.g. C-200001.")
    licensing_id: str = Field(min_length=1, max_length=40)
    agreement_type: str = Field(max_length=20)
    start_date: dt.date
    end_date: dt.date
    coverage: dict[str, int] = Field(description="Product pool → SA-covered quantity.")


class GrantIn(Schema):
    days: int = Field(ge=1, le=100_000)
    reason: str = Field(min_length=1, max_length=300)
    account: str = Field(
        "available",
        pattern="^(available|training)$",
        description="available: planning days; training: training-voucher days.",
    )


class CorrectionIn(Schema):
    reason: str = Field(min_length=1, max_length=300)


class AgreementFilters(Schema):
    customer: str | None = Field(None, max_length=32, description="Customer public id.")
    activated: bool | None = None
    cursor: str | None = None
    limit: int | None = None
