"""REL-13: webhooks are written with the change, delivered at least once, signed, in order per
object, never lost; a receiver that keeps failing is disabled after the retry budget and its
owners are told. Against a real HTTP receiver on 127.0.0.1."""

from __future__ import annotations

import datetime as dt

import pytest
from standardwebhooks import Webhook

from planserv.audit.events import AuditEventType
from planserv.audit.models import AuditEvent
from planserv.core import clock
from planserv.notifications.models import OutboxMessage
from planserv.vouchers.services import voucher_change_start_date, voucher_release
from planserv.webhooks.delivery import MAX_ATTEMPTS, RETRY_AFTER, deliver_due
from planserv.webhooks.models import (
    DeliveryStatus,
    SubscriptionStatus,
    WebhookDelivery,
    WebhookEvent,
)
from planserv.webhooks.services import webhook_subscribe
from tests.factories import accounts as account_factory
from tests.factories import vouchers as voucher_factory

pytestmark = pytest.mark.django_db
D = dt.date


def _subscribe(membership, url, events=None):  # type: ignore[no-untyped-def]
    return webhook_subscribe(
        actor=voucher_factory.actor(membership),
        url=url,
        events=events or list(WebhookEvent.values)[:7],
        at=voucher_factory.at(D(2021, 3, 1)),
        today=D(2021, 3, 1),
    )


def _drain(now: dt.datetime, *, passes: int = 50) -> None:
    """What the worker does: passes until a pass sends nothing."""
    for _ in range(passes):
        if not deliver_due(now=now).sent:
            return


def test_events_are_written_with_the_change_for_customer_and_firm(world, receiver):
    pool, firm = world
    customer_hook = _subscribe(pool.admin, receiver.url)
    firm_hook = _subscribe(account_factory.member(firm.organisation, "global_admin"), receiver.url)
    voucher = voucher_factory.assigned(pool)
    voucher_factory.reserved(voucher, firm)
    customer_events = list(
        WebhookDelivery.objects.filter(subscription=customer_hook)
        .order_by("pk")
        .values_list("event_type", flat=True)
    )
    assert customer_events == [WebhookEvent.VOUCHER_ASSIGNED, WebhookEvent.VOUCHER_RESERVED]
    # The firm only hears about the voucher once it holds it.
    firm_events = list(
        WebhookDelivery.objects.filter(subscription=firm_hook).values_list("event_type", flat=True)
    )
    assert firm_events == [WebhookEvent.VOUCHER_RESERVED]
    reserved = WebhookDelivery.objects.get(subscription=firm_hook)
    assert reserved.payload["type"] == "voucher.reserved"
    assert reserved.payload["data"]["voucher_id"] == voucher.display_id
    assert reserved.payload["data"]["status"] == "reserved"


def test_the_firm_that_released_hears_of_its_release(world, receiver):
    pool, firm = world
    firm_hook = _subscribe(account_factory.member(firm.organisation, "global_admin"), receiver.url)
    voucher = voucher_factory.assigned(pool)
    voucher_factory.reserved(voucher, firm)
    voucher.refresh_from_db()
    voucher_release(
        voucher=voucher,
        actor=firm.admin_actor,
        today=D(2021, 3, 3),
        at=voucher_factory.at(D(2021, 3, 3)),
    )
    assert list(
        WebhookDelivery.objects.filter(subscription=firm_hook)
        .order_by("pk")
        .values_list("event_type", flat=True)
    ) == [WebhookEvent.VOUCHER_RESERVED, WebhookEvent.VOUCHER_RELEASED]


def test_nothing_is_written_for_events_not_asked_for_or_switched_off_subscriptions(world, receiver):
    pool, _firm = world
    only_redeemed = _subscribe(pool.admin, receiver.url, events=[WebhookEvent.VOUCHER_REDEEMED])
    voucher_factory.assigned(pool)
    assert not WebhookDelivery.objects.filter(subscription=only_redeemed).exists()
    only_redeemed.status = SubscriptionStatus.PAUSED
    only_redeemed.events = [WebhookEvent.VOUCHER_ASSIGNED]
    only_redeemed.save()
    voucher_factory.assigned(pool)
    assert not WebhookDelivery.objects.exists()


def test_receiver_down_ten_changes_receiver_up_every_event_delivered_in_order_signed_rel_13(
    world, receiver
):
    pool, firm = world
    hook = _subscribe(pool.admin, receiver.url)
    first = voucher_factory.assigned(pool)
    second = voucher_factory.assigned(pool)
    voucher_factory.reserved(first, firm)
    voucher_factory.reserved(second, firm)
    # Ten changes in all: 2 assignments, 2 reservations, 6 date changes.
    for day in range(3, 6):
        for voucher in (first, second):
            voucher.refresh_from_db()
            voucher_change_start_date(
                voucher=voucher,
                start_date=D(2021, 4, day),
                actor=firm.admin_actor,
                today=D(2021, 3, 2),
                at=voucher_factory.at(D(2021, 3, 2)),
            )
    assert WebhookDelivery.objects.filter(subscription=hook).count() == 10

    # The receiver is down: every due delivery fails and waits; the later events of each voucher
    # wait behind its first.
    now = clock.real_now()
    report = deliver_due(now=now)
    assert len(report.failed) == 2 and not report.sent
    first_ids = {d.pk: d.event_id for d in WebhookDelivery.objects.filter(subscription=hook)}
    assert WebhookDelivery.objects.filter(status=DeliveryStatus.FAILED).count() == 2

    receiver.start()
    _drain(now + RETRY_AFTER[0])
    assert len(receiver.received) == 10
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}

    signer = Webhook(hook.secret)
    order_by_voucher: dict[str, list[str]] = {}
    for item in receiver.received:
        payload = signer.verify(item.body, item.headers)  # raises on a bad signature
        order_by_voucher.setdefault(payload["data"]["voucher_id"], []).append(
            item.headers["webhook-id"]
        )
    # Stable ids (the ids stored when the change happened) and in order per voucher.
    for voucher in (first, second):
        stored = list(
            WebhookDelivery.objects.filter(subject_ref=f"voucher:{voucher.display_id}")
            .order_by("pk")
            .values_list("event_id", flat=True)
        )
        assert order_by_voucher[voucher.display_id] == stored
    assert set(first_ids.values()) == {
        h["webhook-id"] for h in (r.headers for r in receiver.received)
    }


def test_a_tampered_body_does_not_verify(world, receiver):
    pool, _firm = world
    hook = _subscribe(pool.admin, receiver.url)
    voucher_factory.assigned(pool)
    receiver.start()
    _drain(clock.real_now())
    (item,) = receiver.received
    with pytest.raises(Exception, match="signature"):
        Webhook(hook.secret).verify(item.body.replace(b"assigned", b"redeemed"), item.headers)


def test_a_receiver_that_keeps_failing_is_disabled_after_the_retry_budget_and_owners_told(
    world, receiver
):
    pool, _firm = world
    hook = _subscribe(pool.admin, receiver.url)
    voucher_factory.assigned(pool)
    receiver.answer = 500
    receiver.start()
    now = clock.real_now()
    for attempt in range(MAX_ATTEMPTS):
        report = deliver_due(now=now)
        assert len(report.failed) + len(report.dead) == 1, attempt
        if attempt < len(RETRY_AFTER):
            # Not due again before its backoff has passed.
            assert not deliver_due(now=now + RETRY_AFTER[attempt] - dt.timedelta(seconds=1)).failed
            now += RETRY_AFTER[attempt]
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.DEAD
    assert delivery.attempts == MAX_ATTEMPTS == len(receiver.received)
    assert delivery.last_status_code == 500
    hook.refresh_from_db()
    assert hook.status == SubscriptionStatus.DISABLED
    assert "failed 8 times" in hook.status_reason
    told = OutboxMessage.objects.get(template="webhook_disabled")
    assert told.to_email == pool.admin.user.email
    assert receiver.url in told.body_text
    assert AuditEvent.objects.filter(
        action=AuditEventType.WEBHOOK_DISABLED, subject_id=str(hook.pk)
    ).exists()
    # Disabled: new changes are not written for it, and nothing more is sent.
    voucher_factory.assigned(pool)
    assert WebhookDelivery.objects.count() == 1
    assert not deliver_due(now=now + dt.timedelta(days=2)).failed


def test_a_redirect_is_a_failure_and_is_not_followed(world, receiver):
    pool, _firm = world
    _subscribe(pool.admin, receiver.url)
    voucher_factory.assigned(pool)
    receiver.answer = 302
    receiver.start()
    report = deliver_due(now=clock.real_now())
    assert len(report.failed) == 1
    assert WebhookDelivery.objects.get().last_error == "HTTP 302"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_workers_racing_over_the_deliveries_send_each_event_once_rel_13(receiver, pin_clock):
    from tests.races import race

    pin_clock(D(2021, 3, 1))
    pool = voucher_factory.customer_pool(days=30)
    _subscribe(pool.admin, receiver.url, events=[WebhookEvent.VOUCHER_ASSIGNED])
    made = [voucher_factory.assigned(pool, days=1) for _ in range(30)]  # 30 objects, one event each
    receiver.start()
    now = clock.real_now()
    assert race([lambda: deliver_due(now=now)] * 4) == {"ok": 4}
    ids = [item.headers["webhook-id"] for item in receiver.received]
    assert len(ids) == len(set(ids)) == len(made)
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
