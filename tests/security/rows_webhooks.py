"""REL-7 / REL-3 rows of the webhooks (docs/webhooks.md): only a partner's global admin and a
customer's benefits admin manage their organisation's subscriptions; another organisation's
subscription is not found; operators have none (403)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from planserv.core.types import OrganisationKind, Role
from planserv.webhooks.models import WebhookDelivery, WebhookSubscription
from planserv.webhooks.services import new_event_id, new_secret
from tests.security.operations import ApiOperation, Builder, Call, PortalPage, fixed

MANAGERS = frozenset({Role.GLOBAL_ADMIN, Role.BENEFITS_ADMIN})
AT = dt.datetime(2021, 6, 15, 9, 0, tzinfo=dt.UTC)


def subscription_for(world: Any, tenant: str, role: str) -> tuple[int, int]:
    """(subscription id, delivery id) of the tenant's organisation of the caller's kind (a
    partner's for operator roles, who are refused before any lookup)."""
    kind = world.own_key(role)
    if kind == OrganisationKind.OPERATOR:
        kind = OrganisationKind.PARTNER
    key = kind if tenant == "own" else f"{kind}_other"
    cache = world.objects.setdefault("webhooks", {})
    if key not in cache:
        subscription = WebhookSubscription.objects.create(
            organisation=world.organisations[key],
            url="https://receiver.example.com/events",
            events=["voucher.assigned"],
            secret=new_secret(),
            created_at=AT,
            created_by_label="matrix",
        )
        delivery = WebhookDelivery.objects.create(
            subscription=subscription,
            event_id=new_event_id(),
            event_type="voucher.assigned",
            subject_ref="voucher:MATRIX",
            payload={"type": "voucher.assigned", "data": {}},
            status="dead",
            attempts=8,
            created_at=AT,
        )
        cache[key] = (subscription.pk, delivery.pk)
    return cache[key]


def _path(template: str, body: Any = None) -> Builder:
    def build(world: Any, tenant: str, role: str) -> Call:
        subscription, delivery = subscription_for(world, tenant, role)
        return Call(template.format(id=subscription, delivery=delivery), body)

    return build


NEW = {"url": "https://erp.example.com/planserv", "events": ["voucher.redeemed"]}
_changes = itertools.count(1)


def _change(world: Any, tenant: str, role: str) -> Call:
    """A PATCH that changes something each time it is built (a replay test needs an effect)."""
    subscription, _delivery = subscription_for(world, tenant, role)
    return Call(f"/api/v1/webhooks/{subscription}", {"description": f"change {next(_changes)}"})


WEBHOOK_API_OPERATIONS = [
    ApiOperation("GET", "/api/v1/webhooks", MANAGERS, fixed("/api/v1/webhooks")),
    ApiOperation("POST", "/api/v1/webhooks", MANAGERS, fixed("/api/v1/webhooks", NEW)),
    ApiOperation(
        "GET",
        "/api/v1/webhooks/{webhook_id}",
        MANAGERS,
        _path("/api/v1/webhooks/{id}"),
        tenant_scoped=True,
        operators_see_all=False,
    ),
    ApiOperation(
        "PATCH",
        "/api/v1/webhooks/{webhook_id}",
        MANAGERS,
        _change,
        tenant_scoped=True,
        operators_see_all=False,
    ),
    ApiOperation(
        "GET",
        "/api/v1/webhooks/{webhook_id}/deliveries",
        MANAGERS,
        _path("/api/v1/webhooks/{id}/deliveries"),
        tenant_scoped=True,
        operators_see_all=False,
    ),
    ApiOperation(
        "POST",
        "/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver",
        MANAGERS,
        _path("/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver"),
        tenant_scoped=True,
        operators_see_all=False,
    ),
]

WEBHOOK_PORTAL_PAGES = [
    PortalPage("portal:webhooks", MANAGERS, fixed("/webhooks/")),
    PortalPage(
        "portal:webhook_detail",
        MANAGERS,
        _path("/webhooks/{id}/"),
        tenant_scoped=True,
        operators_see_all=False,
    ),
    PortalPage(
        "portal:webhook_change",
        MANAGERS,
        _path("/webhooks/{id}/change/", "switch=off"),
        method="POST",
        tenant_scoped=True,
        operators_see_all=False,
    ),
    PortalPage(
        "portal:webhook_redeliver",
        MANAGERS,
        _path("/webhooks/{id}/deliveries/{delivery}/redeliver/"),
        method="POST",
        tenant_scoped=True,
        operators_see_all=False,
    ),
]
