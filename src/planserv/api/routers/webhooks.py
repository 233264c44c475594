"""Webhook subscriptions of the caller's organisation (api.md "Added after the first release";
docs/webhooks.md). Only a partner's global admin or a customer's benefits admin (R-PPL-1)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Router, Status

from planserv.api.auth import actor_of
from planserv.api.pagination import Page, cursor_paginate
from planserv.api.schemas.common import ERRORS
from planserv.api.schemas.webhooks import (
    WebhookChangeIn,
    WebhookCreatedOut,
    WebhookDeliveryOut,
    WebhookIn,
    WebhookOut,
)
from planserv.core import clock
from planserv.webhooks.models import (
    UNDELIVERED,
    DeliveryStatus,
    WebhookDelivery,
    WebhookSubscription,
)
from planserv.webhooks.services import (
    access_subscription,
    require_webhook_manager,
    webhook_change,
    webhook_redeliver,
    webhook_subscribe,
)

router = Router(tags=["webhooks"])


def _waiting(subscription: WebhookSubscription) -> int:
    return subscription.deliveries.filter(status__in=UNDELIVERED).count()


def webhook_out(
    subscription: WebhookSubscription, *, waiting: int | None = None
) -> dict[str, object]:
    return {
        "id": subscription.pk,
        "url": subscription.url,
        "description": subscription.description,
        "events": list(subscription.events),
        "status": subscription.status,
        "status_reason": subscription.status_reason,
        "created_at": subscription.created_at,
        "created_by": subscription.created_by_label,
        "waiting": _waiting(subscription) if waiting is None else waiting,
    }


def delivery_out(delivery: WebhookDelivery) -> dict[str, object]:
    return {
        "id": delivery.pk,
        "event_id": delivery.event_id,
        "event_type": delivery.event_type,
        "subject": delivery.subject_ref,
        "status": delivery.status,
        "attempts": delivery.attempts,
        "created_at": delivery.created_at,
        "last_attempt_at": delivery.last_attempt_at,
        "last_status_code": delivery.last_status_code,
        "last_error": delivery.last_error,
        "next_attempt_at": delivery.next_attempt_at,
        "sent_at": delivery.sent_at,
        "payload": delivery.payload,
    }


@router.get(
    "/webhooks",
    response={200: list[WebhookOut], **ERRORS},
    operation_id="listWebhooks",
    summary="List the organisation's webhooks",
)
def webhooks_list(request: HttpRequest) -> list[dict[str, object]]:
    """The organisation's webhook subscriptions, with how many events wait for each."""
    organisation_id = require_webhook_manager(actor_of(request))
    subscriptions = WebhookSubscription.objects.filter(organisation_id=organisation_id).annotate(
        waiting=Count("deliveries", filter=Q(deliveries__status__in=UNDELIVERED))
    )
    return [webhook_out(s, waiting=s.waiting) for s in subscriptions.order_by("pk")]


@router.post(
    "/webhooks",
    response={201: WebhookCreatedOut, **ERRORS},
    operation_id="createWebhook",
    summary="Subscribe an endpoint to events",
)
def webhooks_create(request: HttpRequest, payload: WebhookIn) -> Status[dict[str, object]]:
    """Subscribe an HTTPS endpoint to events of the organisation's own objects; the answer
    carries the signing secret."""
    subscription = webhook_subscribe(
        actor=actor_of(request),
        url=payload.url,
        events=payload.events,
        description=payload.description,
        at=clock.now(),
        today=clock.today(),
    )
    return Status(201, {**webhook_out(subscription, waiting=0), "secret": subscription.secret})


@router.get(
    "/webhooks/{webhook_id}",
    response={200: WebhookOut, **ERRORS},
    operation_id="getWebhook",
    summary="Get one webhook",
)
def webhooks_get(request: HttpRequest, webhook_id: int) -> dict[str, object]:
    """One subscription."""
    actor = actor_of(request)
    require_webhook_manager(actor)
    return webhook_out(access_subscription(actor=actor, subscription_id=webhook_id))


@router.patch(
    "/webhooks/{webhook_id}",
    response={200: WebhookOut, **ERRORS},
    operation_id="changeWebhook",
    summary="Change or switch a webhook on or off",
)
def webhooks_change(
    request: HttpRequest, webhook_id: int, payload: WebhookChangeIn
) -> dict[str, object]:
    """Change the address, events or description, or switch the subscription off or back on
    (switching on resumes the waiting deliveries, in order)."""
    subscription = webhook_change(
        actor=actor_of(request),
        subscription_id=webhook_id,
        url=payload.url,
        events=payload.events,
        description=payload.description,
        active=payload.active,
        at=clock.now(),
        today=clock.today(),
    )
    return webhook_out(subscription)


@router.get(
    "/webhooks/{webhook_id}/deliveries",
    response={200: Page[WebhookDeliveryOut], **ERRORS},
    operation_id="listWebhookDeliveries",
    summary="The webhook's delivery log",
)
def webhooks_deliveries(
    request: HttpRequest,
    webhook_id: int,
    cursor: str | None = None,
    limit: int | None = None,
    status: DeliveryStatus | None = None,
) -> dict[str, object]:
    """The delivery log, newest first: every event with its attempts and the last answer."""
    actor = actor_of(request)
    require_webhook_manager(actor)
    subscription = access_subscription(actor=actor, subscription_id=webhook_id)
    deliveries = subscription.deliveries.all()
    if status:
        deliveries = deliveries.filter(status=status)
    return cursor_paginate(deliveries, cursor=cursor, limit=limit, serialize=delivery_out)


@router.post(
    "/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver",
    response={200: WebhookDeliveryOut, **ERRORS},
    operation_id="redeliverWebhookEvent",
    summary="Send one event again",
)
def webhooks_redeliver(
    request: HttpRequest, webhook_id: int, delivery_id: int
) -> dict[str, object]:
    """Send one event again, due now, with the same `webhook-id`."""
    delivery = webhook_redeliver(
        actor=actor_of(request),
        subscription_id=webhook_id,
        delivery_id=delivery_id,
        at=clock.now(),
        today=clock.today(),
    )
    return delivery_out(delivery)
