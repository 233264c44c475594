"""Playwright journey of the operator console (docs/operator.md): a program admin runs a bulk
expiry extension dry, then for real; a support user acts for a partner firm with a reason and
stops; the audit browser shows both, with the reason. Screenshots go to
var/screenshots/operator-*.png (copied to docs/screenshots for the README)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import expect

from planserv.audit.models import AuditEvent
from planserv.vouchers.models import Voucher
from tests.conftest import browser_login
from tests.customers.ledger_checks import assert_ledger_consistent
from tests.factories import vouchers as factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
TODAY = dt.date(2021, 6, 15)
EXTEND_REASON = "Spring lockdown: the program board grants 60 more days to these vouchers."
ACT_REASON = "Partner admin locked out; checking their reserved vouchers on a support call."


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"operator-{name}.png"), full_page=True)


def test_bulk_extension_dry_run_then_real_and_support_acting_shows_in_the_audit(
    page, persona, pin_clock
):
    pin_clock(TODAY)
    pool = factory.customer_pool(days=60)
    firm = factory.eligible_firm(country="US")
    vouchers = [factory.assigned(pool, today=dt.date(2021, 3, 1)) for _ in range(3)]
    factory.reserved(vouchers[2], firm, today=dt.date(2021, 3, 2))
    late = factory.assigned(pool, today=dt.date(2021, 6, 14))  # capped at 1 Jan 2022
    admin = persona("program_admin")
    support = persona("support")

    # 1. The program admin runs a bulk extension dry, then for real.
    browser_login(page, admin.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Operations").click()
    page.get_by_role("link", name="Extend voucher expiry").click()
    page.fill("input[name=customer]", pool.customer.public_id)
    page.fill("input[name=extra_days]", "60")
    page.fill("textarea[name=reason]", EXTEND_REASON)
    before = sorted(Voucher.objects.values_list("voucher_id", "expiry_date"))
    page.get_by_test_id("bulk-dry-run").click()
    expect(page.get_by_test_id("bulk-summary")).to_contain_text(
        "4 voucher(s) would change, 0 refused."
    )
    plan = page.get_by_test_id("bulk-plan")
    expect(plan).to_contain_text("capped at the last redemption day")
    assert sorted(Voucher.objects.values_list("voucher_id", "expiry_date")) == before
    shot(page, "bulk-extension")
    page.get_by_test_id("bulk-apply").click()
    expect(page.get_by_test_id("bulk-summary")).to_contain_text("4 voucher(s) changed, 0 refused.")
    for voucher in vouchers:
        assert factory.fresh(voucher).expiry_date == voucher.expiry_date + dt.timedelta(60)
    assert factory.fresh(late).expiry_date == dt.date(2022, 1, 1)
    assert_ledger_consistent()
    page.get_by_role("button", name="Log out").click()

    # 2. A support user acts for the partner firm with a reason, then stops.
    browser_login(page, support.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Operations").click()
    page.get_by_role("link", name="Act for an organisation").click()
    page.fill("#id_organisation", firm.organisation.public_id)
    page.fill("textarea[name=reason]", ACT_REASON)
    page.get_by_test_id("act-for-start").click()
    banner = page.get_by_test_id("acting-banner")
    expect(banner).to_contain_text(f"Acting for {firm.organisation.name}")
    expect(banner).to_contain_text("Partner admin locked out")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Vouchers").click()
    expect(page.locator("body")).to_contain_text(vouchers[2].display_id)  # the firm's own
    expect(page.get_by_test_id("acting-banner")).to_be_visible()
    page.get_by_test_id("acting-stop").click()
    expect(page.get_by_test_id("acting-banner")).to_have_count(0)

    # 3. The audit browser shows the acting session and the bulk extension.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Audit").click()
    page.fill("input[name=organisation]", firm.organisation.name)
    page.get_by_test_id("audit-filter").click()
    events = page.get_by_test_id("audit-events")
    expect(events).to_contain_text("Acting started")
    expect(events).to_contain_text("Acting stopped")
    expect(events).to_contain_text(ACT_REASON)
    expect(events).to_contain_text(support.email)
    shot(page, "audit")
    page.fill("input[name=organisation]", "")
    page.fill("input[name=voucher]", vouchers[0].display_id)
    page.get_by_test_id("audit-filter").click()
    expect(events).to_contain_text("Voucher expiry extended")  # the action in words
    expect(events).to_contain_text(EXTEND_REASON)
    assert AuditEvent.objects.filter(action="vouchers.voucher.expiry_extended").count() == 4
