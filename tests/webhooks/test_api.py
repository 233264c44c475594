"""The API twins of the webhook pages (api.md "Added after the first release")."""

from __future__ import annotations

import pytest

from planserv.core import clock
from planserv.webhooks.delivery import deliver_due
from planserv.webhooks.models import DeliveryStatus, WebhookDelivery
from tests.conftest import ApiClient
from tests.factories import vouchers as voucher_factory

pytestmark = pytest.mark.django_db


def test_subscribe_list_change_log_and_redeliver_through_the_api(world, receiver):
    pool, _firm = world
    api = ApiClient(pool.admin)
    created = api.post(
        "/webhooks",
        {"url": receiver.url, "events": ["voucher.assigned"], "description": "ERP"},
        idempotency_key="hook-1",
    )
    assert created.status_code == 201, created.content
    hook = created.json()
    assert hook["secret"].startswith("whsec_") and hook["status"] == "active"

    listed = api.get("/webhooks").json()
    assert [h["id"] for h in listed] == [hook["id"]]
    assert "secret" not in listed[0]

    voucher_factory.assigned(pool)
    assert api.get("/webhooks").json()[0]["waiting"] == 1
    receiver.start()
    deliver_due(now=clock.real_now())
    log = api.get(f"/webhooks/{hook['id']}/deliveries").json()
    (delivery,) = log["items"]
    assert delivery["status"] == "sent" and delivery["event_type"] == "voucher.assigned"
    assert delivery["payload"]["data"]["status"] == "assigned"

    again = api.post(f"/webhooks/{hook['id']}/deliveries/{delivery['id']}/redeliver")
    assert again.status_code == 200 and again.json()["status"] == "pending"
    deliver_due(now=clock.real_now())
    assert len(receiver.received) == 2
    assert receiver.received[0].headers["webhook-id"] == receiver.received[1].headers["webhook-id"]
    assert WebhookDelivery.objects.get().status == DeliveryStatus.SENT

    paused = api.send("PATCH", f"/webhooks/{hook['id']}", {"active": False})
    assert paused.status_code == 200 and paused.json()["status"] == "paused"


def test_refusals_carry_a_code_and_the_rule(world):
    pool, firm = world
    api = ApiClient(pool.admin)
    bad = api.post("/webhooks", {"url": "ftp://x.example.com", "events": ["voucher.assigned"]})
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "webhook_url_refused"
    wrong_events = api.post("/webhooks", {"url": "https://x.example.com", "events": ["nope"]})
    assert wrong_events.json()["error"]["code"] == "webhook_events_invalid"
    as_partner_admin = ApiClient(firm.admin).get("/webhooks")
    assert as_partner_admin.status_code == 403
    assert as_partner_admin.json()["error"]["code"] == "webhook_manager_only"
    assert api.get("/webhooks/999999/deliveries").status_code == 404
    assert api.get("/webhooks/1/deliveries", status="bogus").status_code in (400, 404, 422)
