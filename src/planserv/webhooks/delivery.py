"""Delivery of webhook events (REL-13; docs/webhooks.md): at least once, signed, in order per
object, never lost.

1. `webhook_emit()` stored a `WebhookDelivery` per subscription inside the change's transaction.
2. The worker's pass (`planserv worker`, every few seconds) calls `deliver_due()`: the due
   deliveries (pending, or failed whose `next_attempt_at` has come) of active subscriptions, oldest
   first, skipping any whose object has an older undelivered event for the same subscription, so a
   receiver sees each voucher's events in the order they happened.
3. Each delivery is claimed in its own transaction (`SELECT … FOR UPDATE SKIP LOCKED` on
   PostgreSQL; SQLite's IMMEDIATE transactions serialise workers), POSTed with the Standard
   Webhooks headers (`webhook-id` = the stable event id, `webhook-timestamp`, `webhook-signature`
   = `v1,` HMAC-SHA256 over `id.timestamp.body` with the subscription's secret), and marked in the
   same transaction. A crash after the receiver answered and before the commit sends it again with
   the same id: receivers deduplicate on `webhook-id`.
4. A 2xx answer is success. Anything else (an error status, a timeout, a refused connection, a
   redirect, which is never followed) is a failure: retried after 5 s, 5 min, 30 min, 2 h, 5 h,
   10 h and 10 h (the Standard Webhooks schedule, about 28 hours). When the eighth attempt fails the
   delivery is `dead`, the subscription is disabled and its managers are emailed
   (`webhook_disable_failing`).
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from standardwebhooks import Webhook

from planserv.core import clock
from planserv.webhooks.models import (
    UNDELIVERED,
    DeliveryStatus,
    SubscriptionStatus,
    WebhookDelivery,
)
from planserv.webhooks.services import webhook_disable_failing
from planserv.webhooks.urls import check_resolved

# Waits after attempts 1..7; the 8th failure gives up.
RETRY_AFTER = (
    dt.timedelta(seconds=5),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=5),
    dt.timedelta(hours=10),
    dt.timedelta(hours=10),
)
MAX_ATTEMPTS = len(RETRY_AFTER) + 1
BATCH = 100
USER_AGENT = "planserv-webhooks/1"


@dataclass
class WebhookReport:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    dead: list[int] = field(default_factory=list)
    skipped: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "sent": len(self.sent),
            "failed": len(self.failed),
            "dead": len(self.dead),
            "skipped": self.skipped,
        }


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a redirect is answered as the failure it is; never followed


_OPENER = urllib.request.build_opener(_NoRedirects)


def due_deliveries(now: dt.datetime, *, limit: int = BATCH) -> list[int]:
    """Ids of the deliveries that may go now, oldest first, at most one per object and
    subscription (the oldest undelivered one)."""
    older = WebhookDelivery.objects.filter(
        subscription_id=OuterRef("subscription_id"),
        subject_ref=OuterRef("subject_ref"),
        status__in=UNDELIVERED,
        pk__lt=OuterRef("pk"),
    )
    return list(
        WebhookDelivery.objects.filter(
            status__in=UNDELIVERED, subscription__status=SubscriptionStatus.ACTIVE
        )
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .exclude(Exists(older))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


def signed_request(delivery: WebhookDelivery, *, now: dt.datetime) -> urllib.request.Request:
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    signature = Webhook(delivery.subscription.secret).sign(delivery.event_id, now, body)
    # The address passed check_url() (http/https only) when it was stored.
    return urllib.request.Request(  # noqa: S310
        delivery.subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "webhook-id": delivery.event_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": signature,
        },
    )


def _post(delivery: WebhookDelivery, *, now: dt.datetime) -> tuple[int | None, str]:
    """(HTTP status or None, error text); error text empty on a 2xx."""
    refused = check_resolved(delivery.subscription.url)
    if refused:
        return None, refused
    timeout = float(getattr(settings, "PLANSERV_WEBHOOK_TIMEOUT_SECONDS", 10))
    try:
        with _OPENER.open(signed_request(delivery, now=now), timeout=timeout) as response:
            status = int(response.status)
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return None, f"{type(error).__name__}: {reason}"[:500]
    if 200 <= status < 300:
        return status, ""
    return status, f"HTTP {status}"


def deliver_one(delivery_id: int, *, now: dt.datetime) -> DeliveryStatus | None:
    """Claim, POST and record one delivery; None when another worker has it or it is no longer
    due."""
    with transaction.atomic():
        delivery = (
            # Only the delivery row: locking the joined subscription too would make every other
            # worker skip all of that subscription's deliveries meanwhile.
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscription")
            .filter(pk=delivery_id, status__in=UNDELIVERED)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .first()
        )
        if delivery is None or delivery.subscription.status != SubscriptionStatus.ACTIVE:
            return None
        status_code, error = _post(delivery, now=now)
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.last_status_code = status_code
        delivery.last_error = error
        if not error:
            delivery.status = DeliveryStatus.SENT
            delivery.sent_at = now
            delivery.next_attempt_at = None
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.DEAD
            delivery.next_attempt_at = None
        else:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = now + RETRY_AFTER[delivery.attempts - 1]
        delivery.save()
        if delivery.status == DeliveryStatus.DEAD:
            webhook_disable_failing(
                subscription=delivery.subscription,
                delivery=delivery,
                at=clock.now(),
                today=clock.today(),
            )
        return DeliveryStatus(delivery.status)


def deliver_due(*, now: dt.datetime, limit: int = BATCH) -> WebhookReport:
    """One pass: deliver what is due now (the worker calls this every few seconds)."""
    report = WebhookReport()
    for delivery_id in due_deliveries(now, limit=limit):
        outcome = deliver_one(delivery_id, now=now)
        if outcome is None:
            report.skipped += 1
        else:
            getattr(report, str(outcome)).append(delivery_id)
    return report
