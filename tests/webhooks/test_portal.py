"""The Webhooks pages (docs/webhooks.md): managers add, switch and read the delivery log; other
roles neither see the page nor its menu entry."""

from __future__ import annotations

import pytest
from django.test import Client

from planserv.core import clock
from planserv.webhooks.delivery import deliver_due
from planserv.webhooks.models import SubscriptionStatus, WebhookSubscription
from tests.factories import accounts as account_factory
from tests.factories import vouchers as voucher_factory

pytestmark = pytest.mark.django_db


def _client(membership):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(membership.user)
    return client


def test_a_benefits_admin_adds_a_webhook_and_reads_its_delivery_log(world, receiver):
    pool, _firm = world
    client = _client(pool.admin)
    home = client.get("/")
    assert b'href="/webhooks/"' in home.content
    added = client.post(
        "/webhooks/", {"url": receiver.url, "events": ["voucher.assigned"], "description": "ERP"}
    )
    subscription = WebhookSubscription.objects.get()
    assert added.status_code == 302 and added["Location"] == f"/webhooks/{subscription.pk}/"
    detail = client.get(added["Location"])
    assert subscription.secret in detail.content.decode()
    voucher = voucher_factory.assigned(pool)
    receiver.start()
    deliver_due(now=clock.real_now())
    log = client.get(f"/webhooks/{subscription.pk}/").content.decode()
    assert "A voucher was created and assigned" in log
    assert f"Voucher {voucher.display_id}" in log
    assert "Delivered" in log

    switched = client.post(f"/webhooks/{subscription.pk}/change/", {"switch": "off"})
    assert switched.status_code == 302
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.PAUSED


def test_a_wrong_address_is_shown_again_with_the_reason_and_nothing_is_saved(world):
    pool, _firm = world
    response = _client(pool.admin).post(
        "/webhooks/", {"url": "ftp://erp.example.com/x", "events": ["voucher.assigned"]}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "must start with https://" in body
    assert 'value="ftp://erp.example.com/x"' in body  # what was typed stays
    assert "webhook_url_refused" not in body and "REL-13" not in body
    assert not WebhookSubscription.objects.exists()


@pytest.mark.parametrize("role", ["partner_admin", "member"])
def test_other_roles_see_neither_the_menu_entry_nor_the_page(world, role):
    _pool, firm = world
    client = _client(account_factory.member(firm.organisation, role))
    assert b'href="/webhooks/"' not in client.get("/").content
    assert client.get("/webhooks/").status_code == 403
