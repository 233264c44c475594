"""API operations of the support domain (api.md; docs/support.md): support requests and the FAQ.

Opening and replying take JSON, or the same fields as multipart/form-data with repeated
`attachments` files; the status change is JSON. Lists use cursor pagination.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Status

from planserv.api.auth import actor_of
from planserv.api.bodies import json_or_form_body, parse_json_or_form
from planserv.api.pagination import Page, cursor_paginate
from planserv.api.schemas.common import ERRORS
from planserv.api.schemas.support import (
    FaqEntryOut,
    SupportMessageIn,
    SupportMessageOut,
    SupportRequestDetailOut,
    SupportRequestOpenIn,
    SupportRequestOut,
    SupportStatusIn,
)
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.support.attachments import AttachmentUpload
from planserv.support.lifecycle import SupportStatus
from planserv.support.models import SupportMessage, SupportRequest
from planserv.support.rendering import render_markdown
from planserv.support.selectors import (
    access_support_request,
    faq_entries_for,
    response_clock,
    support_request_thread,
    support_requests_for_agent,
    support_requests_for_requester,
)
from planserv.support.services import (
    support_request_open,
    support_request_reply,
    support_request_set_status,
)

router = Router(tags=["support"])
FILES_FIELD = "attachments"


def _seconds(value: dt.timedelta | None) -> int | None:
    return None if value is None else int(value.total_seconds())


def _request_out(item: SupportRequest, at: dt.datetime) -> dict[str, object]:
    timing = response_clock(support_request=item, at=at)
    return {
        "id": item.pk,
        "reference": item.reference,
        "subject": item.subject,
        "category": item.category,
        "status": item.status,
        "organisation": item.organisation.name,
        "organisation_country": str(item.country),
        "queue": item.queue.code,
        "queue_name": item.queue.name,
        "voucher_id": item.voucher_reference,
        "payment_request_id": item.payment_request_reference,
        "opened_by": item.opened_by.email,
        "opened_at": item.opened_at,
        "first_response_at": item.first_response_at,
        "last_requester_message_at": item.last_requester_message_at,
        "last_support_message_at": item.last_support_message_at,
        "resolved_at": item.resolved_at,
        "open_seconds": int(timing.open_for.total_seconds()),
        "waiting_on_support_seconds": _seconds(timing.waiting_on_support_for),
        "first_response_seconds": _seconds(timing.first_response_after),
    }


def _message_out(message: SupportMessage) -> dict[str, object]:
    return {
        "id": message.pk,
        "side": message.side,
        "author": message.author.full_name or message.author.email,
        "body": message.body,
        "created_at": message.created_at,
        "attachments": [
            {"id": a.pk, "name": a.original_name, "content_type": a.content_type, "size": a.size}
            for a in message.attachments.all()
        ],
    }


def _detail(actor: Actor, request_id: int) -> dict[str, object]:
    item = access_support_request(actor=actor, request_id=request_id)
    thread = support_request_thread(support_request=item)
    return {**_request_out(item, clock.now()), "messages": [_message_out(m) for m in thread]}


@router.get(
    "/support/requests",
    response={200: Page[SupportRequestOut], **ERRORS},
    operation_id="listSupportRequests",
    summary="List support requests",
)
def support_requests_list(
    request: HttpRequest,
    cursor: str | None = None,
    limit: int | None = None,
    status: SupportStatus | None = None,
    queue: str | None = None,
) -> dict[str, object]:
    """Partners and customers: their organisation's requests. Operators: a queue (`queue` = a
    queue code, `all`, or omitted for the queues the support agent works)."""
    actor = actor_of(request)
    if actor.is_operator:
        queryset = support_requests_for_agent(actor=actor, queue=queue, status=status)
    else:
        queryset = support_requests_for_requester(actor=actor, status=status)
    at = clock.now()
    return cursor_paginate(
        queryset, cursor=cursor, limit=limit, serialize=lambda item: _request_out(item, at)
    )


@router.post(
    "/support/requests",
    response={201: SupportRequestDetailOut, **ERRORS},
    openapi_extra=json_or_form_body(SupportRequestOpenIn, files_field=FILES_FIELD),
    operation_id="openSupportRequest",
    summary="Open a support request",
)
def support_requests_open(request: HttpRequest) -> Status[dict[str, object]]:
    """Open a request for your organisation; it goes to your country's regional queue. JSON, or
    multipart/form-data with the same fields and up to 5 `attachments` files."""
    payload, files = parse_json_or_form(request, SupportRequestOpenIn, files_field=FILES_FIELD)
    actor = actor_of(request)
    item = support_request_open(
        subject=payload.subject,
        category=payload.category,
        message=payload.message,
        voucher_reference=payload.voucher_id,
        payment_request_reference=payload.payment_request_id,
        attachments=[AttachmentUpload.of(upload) for upload in files],
        actor=actor,
        today=clock.today(),
        at=clock.now(),
    )
    return Status(201, _detail(actor, item.pk))


@router.get(
    "/support/requests/{request_id}",
    response={200: SupportRequestDetailOut, **ERRORS},
    operation_id="getSupportRequest",
    summary="Read one support request with its messages",
)
def support_requests_get(request: HttpRequest, request_id: int) -> dict[str, object]:
    return _detail(actor_of(request), request_id)


@router.post(
    "/support/requests/{request_id}/messages",
    response={201: SupportMessageOut, **ERRORS},
    openapi_extra=json_or_form_body(SupportMessageIn, files_field=FILES_FIELD),
    operation_id="replyToSupportRequest",
    summary="Reply to a support request",
)
def support_requests_reply(request: HttpRequest, request_id: int) -> Status[dict[str, object]]:
    """Reply (JSON, or multipart with `attachments`). A requester's reply reopens the request;
    support staff may set `then_status` (default: unchanged)."""
    payload, files = parse_json_or_form(request, SupportMessageIn, files_field=FILES_FIELD)
    actor = actor_of(request)
    message = support_request_reply(
        support_request=access_support_request(actor=actor, request_id=request_id),
        body=payload.body,
        attachments=[AttachmentUpload.of(upload) for upload in files],
        then_status=payload.then_status,
        actor=actor,
        today=clock.today(),
        at=clock.now(),
    )
    return Status(201, _message_out(message))


@router.post(
    "/support/requests/{request_id}/status",
    response={200: SupportRequestOut, **ERRORS},
    operation_id="setSupportRequestStatus",
    summary="Move a support request to another status",
)
def support_requests_status(
    request: HttpRequest, request_id: int, payload: SupportStatusIn
) -> dict[str, object]:
    """Support staff of the request's queue move it to open, waiting_on_requester or resolved."""
    actor = actor_of(request)
    item = support_request_set_status(
        support_request=access_support_request(actor=actor, request_id=request_id),
        status=payload.status,
        actor=actor,
        today=clock.today(),
        at=clock.now(),
    )
    return _request_out(item, clock.now())


@router.get(
    "/faq",
    response={200: Page[FaqEntryOut], **ERRORS},
    operation_id="listFaqEntries",
    summary="List the FAQ entries published for the caller",
)
def faq_list(
    request: HttpRequest, cursor: str | None = None, limit: int | None = None
) -> dict[str, object]:
    """The FAQ entries published for your organisation kind and role, answers as safe HTML."""
    return cursor_paginate(
        faq_entries_for(actor=actor_of(request)),
        cursor=cursor,
        limit=limit,
        order=("order", "id"),
        serialize=lambda entry: {
            "id": entry.pk,
            "question": entry.question,
            "answer_markdown": entry.answer_markdown,
            "answer_html": str(render_markdown(entry.answer_markdown)),
            "order": entry.order,
        },
    )
