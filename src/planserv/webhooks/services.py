"""Webhook subscriptions and the events written into them (REL-13; docs/webhooks.md).

`webhook_emit()` is called by the domain services inside the changing transaction, beside the
audit event and the email: one `WebhookDelivery` row per interested subscription, so an event
exists exactly when its change committed. The worker delivers them (`webhooks.delivery`).
Subscriptions are managed by the organisation's managing role (R-PPL-1: a partner's global admin,
a customer's benefits admin), never by support staff acting for it (R-PPL-4).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from planserv.accounts.models import Membership, Organisation
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record, jsonable
from planserv.core.actor import Actor
from planserv.core.config_cache import VersionedCache
from planserv.core.errors import NotFound
from planserv.core.types import OrganisationKind, Role
from planserv.notifications.messages import Recipient, WebhookDisabledMessage, send
from planserv.webhooks.errors import WebhookEventsInvalid, WebhookManagerOnly
from planserv.webhooks.models import (
    DeliveryStatus,
    SubscriptionStatus,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from planserv.webhooks.urls import check_url

MANAGING_ROLES = (Role.GLOBAL_ADMIN, Role.BENEFITS_ADMIN)
MAX_SUBSCRIPTIONS = 10
# Which events an organisation's objects produce: a customer's vouchers; a firm's held vouchers and
# its payment requests; everyone's milestone reminders.
EVENTS_BY_KIND: dict[str, tuple[str, ...]] = {
    OrganisationKind.PARTNER: tuple(WebhookEvent.values),
    OrganisationKind.CUSTOMER: tuple(
        e for e in WebhookEvent.values if e != WebhookEvent.PAYMENT_REQUEST_STATUS
    ),
}


def require_webhook_manager(actor: Actor) -> int:
    """Only the managing role of a partner or customer organisation, never support acting for it.
    Returns the organisation's id."""
    if actor.acting_session_id is not None:
        raise WebhookManagerOnly(
            _("Support staff acting for an organisation may not change its webhooks (R-PPL-4).")
        )
    if actor.organisation_kind not in EVENTS_BY_KIND or actor.role not in MANAGING_ROLES:
        raise WebhookManagerOnly(
            _(
                "Only a partner firm's global admin or a customer's benefits admin manages its "
                "webhooks (R-PPL-1)."
            ),
            details={"role": actor.role},
        )
    assert actor.organisation_id is not None  # a partner or customer membership
    return actor.organisation_id


def _clean_events(actor: Actor, events: Iterable[str]) -> list[str]:
    allowed = EVENTS_BY_KIND[str(actor.organisation_kind)]
    chosen = sorted(set(events))
    unknown = [e for e in chosen if e not in allowed]
    if unknown or not chosen:
        raise WebhookEventsInvalid(
            _("Choose at least one event your organisation receives: %(events)s.")
            % {"events": ", ".join(allowed)},
            details={"unknown": unknown, "allowed": list(allowed)},
        )
    return chosen


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _state(subscription: WebhookSubscription) -> dict[str, Any]:
    return {
        "url": subscription.url,
        "description": subscription.description,
        "events": list(subscription.events),
        "status": subscription.status,
    }


def _audit(
    actor: Actor,
    subscription: WebhookSubscription,
    action: AuditEventType,
    *,
    at: dt.datetime,
    today: dt.date,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> None:
    audit_record(
        actor=actor,
        action=action,
        subject=subscription,
        subject_label=f"Webhook {subscription.pk} to {subscription.url}"[:200],
        organisation_id=subscription.organisation_id,
        at=at,
        program_date=today,
        before=before,
        after=after if after is not None else _state(subscription),
        reason=reason,
    )


def access_subscription(*, actor: Actor, subscription_id: int) -> WebhookSubscription:
    """The caller's organisation's subscription, or NotFound (another tenant's is not found)."""
    organisation_id = require_webhook_manager(actor)
    found = WebhookSubscription.objects.filter(
        pk=subscription_id, organisation_id=organisation_id
    ).first()
    if found is None:
        raise NotFound(
            _("There is no webhook %(subscription_id)s in your organisation.")
            % {"subscription_id": subscription_id}
        )
    return found


@transaction.atomic
def webhook_subscribe(
    *,
    actor: Actor,
    url: str,
    events: Sequence[str],
    description: str = "",
    at: dt.datetime,
    today: dt.date,
) -> WebhookSubscription:
    """A new active subscription with a fresh signing secret (shown to the caller once here)."""
    organisation_id = require_webhook_manager(actor)
    clean_url = check_url(url)
    chosen = _clean_events(actor, events)
    if (
        WebhookSubscription.objects.filter(organisation_id=organisation_id).count()
        >= MAX_SUBSCRIPTIONS
    ):
        raise WebhookEventsInvalid(
            _(
                "An organisation may have at most %(MAX_SUBSCRIPTIONS)s webhooks; change an "
                "existing one instead."
            )
            % {"MAX_SUBSCRIPTIONS": MAX_SUBSCRIPTIONS}
        )
    subscription = WebhookSubscription.objects.create(
        organisation_id=organisation_id,
        url=clean_url,
        description=description.strip()[:200],
        events=chosen,
        secret=new_secret(),
        created_at=at,
        created_by_label=actor.email,
    )
    _audit(actor, subscription, AuditEventType.WEBHOOK_SUBSCRIBED, at=at, today=today)
    return subscription


@transaction.atomic
def webhook_change(
    *,
    actor: Actor,
    subscription_id: int,
    url: str | None = None,
    events: Sequence[str] | None = None,
    description: str | None = None,
    active: bool | None = None,
    at: dt.datetime,
    today: dt.date,
) -> WebhookSubscription:
    """Change the address, events or description; switch it off (`active` False) or back on.
    Switching a disabled subscription back on resumes the deliveries still waiting."""
    require_webhook_manager(actor)
    subscription = access_subscription(actor=actor, subscription_id=subscription_id)
    subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
    before = _state(subscription)
    if url is not None:
        subscription.url = check_url(url)
    if events is not None:
        subscription.events = _clean_events(actor, events)
    if description is not None:
        subscription.description = description.strip()[:200]
    if active is not None:
        subscription.status = SubscriptionStatus.ACTIVE if active else SubscriptionStatus.PAUSED
        subscription.status_reason = "" if active else f"Switched off by {actor.email}."
    subscription.save()
    if _state(subscription) != before:
        _audit(
            actor, subscription, AuditEventType.WEBHOOK_CHANGED, at=at, today=today, before=before
        )
    return subscription


@transaction.atomic
def webhook_redeliver(
    *, actor: Actor, subscription_id: int, delivery_id: int, at: dt.datetime, today: dt.date
) -> WebhookDelivery:
    """Send one event again (same `webhook-id`, so a receiver that already has it can drop it),
    due now with a fresh retry budget."""
    require_webhook_manager(actor)
    subscription = access_subscription(actor=actor, subscription_id=subscription_id)
    delivery = (
        WebhookDelivery.objects.select_for_update()
        .filter(pk=delivery_id, subscription=subscription)
        .first()
    )
    if delivery is None:
        raise NotFound(
            _("There is no delivery %(delivery_id)s of webhook %(subscription_id)s.")
            % {"delivery_id": delivery_id, "subscription_id": subscription_id}
        )
    before = {"status": delivery.status, "attempts": delivery.attempts}
    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = None
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    _audit(
        actor,
        subscription,
        AuditEventType.WEBHOOK_REDELIVERY_REQUESTED,
        at=at,
        today=today,
        before=before,
        after={"delivery": delivery.pk, "event_id": delivery.event_id, "status": "pending"},
    )
    return delivery


# --- writing events --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    """One event about one object, for the organisations that own the object."""

    subject_ref: str
    organisation_ids: tuple[int, ...]
    data: dict[str, Any]
    # A stable id for an event that a retried job may write again (the insert then skips it);
    # empty: a fresh id.
    event_id: str = ""


def new_event_id(*parts: object) -> str:
    """`msg_` and 32 hex digits: random, or derived from `parts` (the same parts, the same id)."""
    if parts:
        key = ":".join(str(part) for part in parts).encode()
        return f"msg_{hashlib.sha256(key).hexdigest()[:32]}"
    return f"msg_{uuid.uuid4().hex}"


def webhook_emit(
    *,
    event: WebhookEvent,
    subject_ref: str,
    organisation_ids: Iterable[int | None],
    data: dict[str, Any],
    at: dt.datetime,
) -> int:
    """Store the event for every active subscription of the organisations that wants it, inside
    the changing transaction. Returns the number of deliveries written."""
    owners = tuple(sorted({o for o in organisation_ids if o is not None}))
    return webhook_emit_many(
        event=event, occurrences=[Occurrence(subject_ref, owners, data)], at=at
    )


def _active_read() -> dict[int, tuple[WebhookSubscription, ...]]:
    by_owner: dict[int, list[WebhookSubscription]] = {}
    for subscription in WebhookSubscription.objects.filter(
        status=SubscriptionStatus.ACTIVE
    ).order_by("pk"):
        by_owner.setdefault(subscription.organisation_id, []).append(subscription)
    return {owner: tuple(subscriptions) for owner, subscriptions in by_owner.items()}


# The active subscriptions by organisation, cached per process and rebuilt on any change of a
# subscription in any process (core.config_cache): an emit reads no subscription (PERF-1).
_ACTIVE: VersionedCache[dict[int, tuple[WebhookSubscription, ...]]] = VersionedCache(
    "webhook_subscriptions", _active_read
)


def webhook_emit_many(
    *, event: WebhookEvent, occurrences: Sequence[Occurrence], at: dt.datetime
) -> int:
    """The set-based form (sweeps): the cached subscriptions, one multi-row insert."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("webhook_emit() must be called inside the changing transaction.")
    owners = {o for occurrence in occurrences for o in occurrence.organisation_ids}
    if not owners:
        return 0
    active = _ACTIVE.get()
    by_owner: dict[int, list[WebhookSubscription]] = {}
    for owner in owners:
        wanting = [
            subscription for subscription in active.get(owner, ()) if subscription.wants(event)
        ]
        if wanting:
            by_owner[owner] = wanting
    if not by_owner:
        return 0
    rows = []
    for occurrence in occurrences:
        event_id = occurrence.event_id or new_event_id()
        payload = jsonable(
            {"type": str(event), "timestamp": at.isoformat(), "data": occurrence.data}
        )
        for owner in occurrence.organisation_ids:
            for subscription in by_owner.get(owner, []):
                rows.append(
                    WebhookDelivery(
                        subscription=subscription,
                        event_id=event_id,
                        event_type=event,
                        subject_ref=occurrence.subject_ref[:120],
                        payload=payload,
                        created_at=at,
                    )
                )
    WebhookDelivery.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    return len(rows)


# --- when a receiver keeps failing ---------------------------------------------------------------


def managers_of(organisation_id: int) -> list[Recipient]:
    members = (
        Membership.objects.filter(
            organisation_id=organisation_id,
            role__in=MANAGING_ROLES,
            is_active=True,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__email", "pk")
    )
    return [Recipient.of_user(m.user, organisation_id) for m in members]


def webhook_disable_failing(
    *, subscription: WebhookSubscription, delivery: WebhookDelivery, at: dt.datetime, today: dt.date
) -> None:
    """Inside the delivery's transaction: the retry budget of `delivery` is spent, so the
    subscription stops (no more events are written for it) and its managers are emailed."""
    subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.status == SubscriptionStatus.DISABLED:
        return
    before = _state(subscription)
    subscription.status = SubscriptionStatus.DISABLED
    subscription.status_reason = (
        f"Event {delivery.event_id} ({delivery.event_type}) failed {delivery.attempts} times; "
        f"last error: {delivery.last_error or delivery.last_status_code}."
    )[:1000]
    subscription.save(update_fields=["status", "status_reason"])
    _audit(
        Actor.system(label="webhook delivery"),
        subscription,
        AuditEventType.WEBHOOK_DISABLED,
        at=at,
        today=today,
        before=before,
        reason=subscription.status_reason,
    )
    organisation = Organisation.objects.get(pk=subscription.organisation_id)
    recipients = managers_of(subscription.organisation_id)
    if recipients:
        send(
            WebhookDisabledMessage(
                recipients=recipients,
                organisation_name=organisation.name,
                subscription_id=subscription.pk,
                url=subscription.url,
                event_id=delivery.event_id,
                attempts=delivery.attempts,
                last_error=delivery.last_error or f"HTTP {delivery.last_status_code}",
                disabled_on=today,
            ),
            at=at,
        )
