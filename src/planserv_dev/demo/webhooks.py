"""Demo data of the webhooks (docs/webhooks.md): Woodgrove Bank's benefits admin subscribed its
ERP to voucher events on the first day of the demo's history, so every voucher change of the demo
wrote its event; on the demo date Woodgrove switched the webhook off (its ERP address is only an
example), so the Webhooks page shows the subscription and the events waiting, and the worker
sends nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from planserv.accounts.models import Membership
from planserv.accounts.selectors import actor_for_membership
from planserv.core.actor import Actor
from planserv.webhooks.models import WebhookEvent, WebhookSubscription
from planserv.webhooks.services import webhook_change, webhook_subscribe
from planserv_dev.demo.context import HISTORY_START, DemoContext

ADMIN = "benefits@woodgrove.demo"


def _admin() -> Actor:
    membership = Membership.objects.select_related("organisation", "user").get(
        user__email=ADMIN, role="benefits_admin"
    )
    return actor_for_membership(membership)


def subscribe(context: DemoContext) -> None:
    """On the first day of the history, before any voucher exists."""
    context.on(HISTORY_START, "Woodgrove subscribes its ERP to voucher events", _subscribe(context))


def _subscribe(context: DemoContext) -> Callable[[dt.date], None]:
    def act(day: dt.date) -> None:
        webhook_subscribe(
            actor=_admin(),
            url="https://erp.woodgrove.example/planserv/events",
            description="Woodgrove's ERP (an example address)",
            events=[e for e in WebhookEvent.values if e.startswith("voucher.")],
            at=context.at(day),
            today=day,
        )

    return act


def switch_off(context: DemoContext) -> None:
    """On the demo date, after the day's other events."""
    context.on(
        context.today, "Woodgrove switches its webhook off", lambda day: _switch_off(context)
    )


def _switch_off(context: DemoContext) -> None:
    for subscription in WebhookSubscription.objects.filter(url__contains="woodgrove.example"):
        webhook_change(
            actor=_admin(),
            subscription_id=subscription.pk,
            active=False,
            at=context.at(context.today),
            today=context.today,
        )
