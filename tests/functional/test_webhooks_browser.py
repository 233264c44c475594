"""Playwright journey (REL-13, docs/webhooks.md): a partner firm's global admin adds a webhook to
its own receiving system, a voucher is reserved, the signed event arrives and the delivery log
shows it; screenshots at 1280 and 390 px."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from standardwebhooks import Webhook

from planserv.core import clock
from planserv.webhooks.delivery import deliver_due
from planserv.webhooks.models import WebhookSubscription
from tests.conftest import browser_login
from tests.factories import accounts as account_factory
from tests.factories import vouchers as voucher_factory
from tests.webhooks.receiver import Receiver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_global_admin_adds_a_webhook_and_sees_the_delivered_event(page, pin_clock):
    pin_clock(dt.date(2021, 3, 1))
    pool = voucher_factory.customer_pool()
    firm = voucher_factory.eligible_firm()
    admin = account_factory.member(firm.organisation, "global_admin")
    receiver = Receiver.on_free_port().start()
    try:
        browser_login(page, admin.user.email)
        page.get_by_role("link", name="Webhooks", exact=True).first.click()
        page.fill("#id_url", receiver.url)
        page.fill("#id_description", "Our ERP")
        page.get_by_label("A voucher was reserved").check()
        page.get_by_label("A voucher was redeemed").check()
        page.get_by_role("button", name="Add webhook").click()
        page.wait_for_load_state("networkidle")
        assert "Webhook added" in page.locator(".flash").first.inner_text()

        voucher = voucher_factory.assigned(pool)
        voucher_factory.reserved(voucher, firm)
        deliver_due(now=clock.real_now())
        (item,) = receiver.received
        secret = WebhookSubscription.objects.get().secret
        assert Webhook(secret).verify(item.body, item.headers)["type"] == "voucher.reserved"

        page.reload()
        log = page.get_by_test_id("webhook-deliveries")
        assert "A voucher was reserved" in log.inner_text()
        assert "Delivered" in log.inner_text()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "webhooks-delivery-log.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()
        # The page's own content fits a phone (the shared header is the portal's, issue 19).
        width = page.evaluate("document.querySelector('main').scrollWidth")
        assert width <= 390, f"the content is {width} px wide at 390 px"
        page.screenshot(path=str(SCREENSHOTS / "webhooks-delivery-log-390.png"), full_page=True)
    finally:
        receiver.stop()
