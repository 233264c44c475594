"""Request and response schemas of the support operations (api/routers/support.py)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from planserv.support.lifecycle import SupportStatus
from planserv.support.models import SupportCategory


class SupportAttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int


class SupportMessageOut(Schema):
    id: int
    side: str
    author: str
    body: str
    created_at: dt.datetime
    attachments: list[SupportAttachmentOut]


class SupportRequestOut(Schema):
    id: int
    reference: str
    subject: str
    category: str
    status: str
    organisation: str
    organisation_country: str
    queue: str
    queue_name: str
    voucher_id: str
    payment_request_id: str
    opened_by: str
    opened_at: dt.datetime
    first_response_at: dt.datetime | None
    last_requester_message_at: dt.datetime
    last_support_message_at: dt.datetime | None
    resolved_at: dt.datetime | None
    open_seconds: int
    waiting_on_support_seconds: int | None
    first_response_seconds: int | None


class SupportRequestDetailOut(SupportRequestOut):
    messages: list[SupportMessageOut]


class SupportRequestOpenIn(Schema):
    subject: str
    category: SupportCategory
    message: str
    voucher_id: str = ""
    payment_request_id: str = ""


class SupportMessageIn(Schema):
    body: str
    then_status: SupportStatus | None = None


class SupportStatusIn(Schema):
    status: SupportStatus


class FaqEntryOut(Schema):
    id: int
    question: str
    answer_markdown: str
    answer_html: str
    order: int
