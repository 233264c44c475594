"""Webhook subscriptions and their delivery log (docs/webhooks.md)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class WebhookIn(Schema):
    url: str = Field(max_length=500, examples=["https://erp.example.com/planserv/events"])
    events: list[str] = Field(examples=[["voucher.reserved", "voucher.redeemed"]])
    description: str = Field(default="", max_length=200)


class WebhookChangeIn(Schema):
    url: str | None = Field(default=None, max_length=500)
    events: list[str] | None = None
    description: str | None = Field(default=None, max_length=200)
    active: bool | None = Field(
        default=None, description="false switches it off; true switches it (back) on."
    )


class WebhookOut(Schema):
    id: int
    url: str
    description: str
    events: list[str]
    status: str
    status_reason: str
    created_at: dt.datetime
    created_by: str
    waiting: int = Field(description="Deliveries not yet delivered (pending or failed).")


class WebhookCreatedOut(WebhookOut):
    secret: str = Field(
        description="The signing secret (Standard Webhooks `whsec_…`); keep it: it is shown again "
        "only to the organisation's managers."
    )


class WebhookDeliveryOut(Schema):
    id: int
    event_id: str
    event_type: str
    subject: str
    status: str
    attempts: int
    created_at: dt.datetime
    last_attempt_at: dt.datetime | None
    last_status_code: int | None
    last_error: str
    next_attempt_at: dt.datetime | None
    sent_at: dt.datetime | None
    payload: dict[str, object]
