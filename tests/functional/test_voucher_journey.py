"""The voucher journey in the browser (seed steps 4-7): the customer creates and assigns a voucher;
the partner (another login) validates and reserves it, files the completion report with a PDF and
redeems it; the customer sees every step in the voucher's history. The ledger is checked at each
step. Screenshots go to var/screenshots/voucher-*.png."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planserv.customers.selectors import agreement_balances
from tests.conftest import browser_login
from tests.factories import vouchers as factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"voucher-{name}.png"), full_page=True)


def days(pool: factory.Pool) -> tuple[int, int, int]:
    pool.agreement.refresh_from_db()
    balances = agreement_balances(pool.agreement)
    return balances["available"], balances["held"], balances["consumed"]


def test_create_reserve_report_redeem_in_the_browser(
    page, browser, live_server, pin_clock, tmp_path
):
    pin_clock(dt.date(2021, 6, 15))
    pool = factory.customer_pool(days=40)
    firm = factory.eligible_firm(country="US")
    assert days(pool) == (40, 0, 0)

    # The customer's benefits admin creates and assigns a voucher.
    browser_login(page, pool.admin.user.email)
    page.click("nav >> text=Vouchers")
    page.get_by_test_id("create-voucher").click()
    assert "40 days available" in page.locator("select[name=agreement]").inner_text()
    page.select_option("select[name=agreement]", pool.agreement.licensing_id)
    page.select_option("select[name=engagement_type]", factory.TYPE)
    page.select_option("select[name=days]", "5")
    page.select_option("select[name=assignee]", pool.manager_email)
    page.fill("input[name=division]", "Treasury")
    shot(page, "1-create-form")
    page.get_by_test_id("voucher-form").locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    voucher_id = page.get_by_test_id("voucher-id").inner_text()
    assert page.get_by_test_id("voucher-status").inner_text() == "Assigned"
    shot(page, "2-created")
    assert days(pool) == (35, 5, 0)

    # The partner, in another browser session, validates (HTMX) and reserves.
    partner_context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    partner_context.set_default_timeout(15000)
    partner = partner_context.new_page()
    browser_login(partner, firm.admin.user.email)
    partner.click("nav >> text=Reserve a voucher")
    partner.get_by_test_id("voucher-id-input").fill(voucher_id)
    partner.get_by_test_id("email-input").fill(pool.manager_email)
    partner.get_by_test_id("validate-button").click()
    partner.get_by_test_id("voucher-preview").wait_for()
    assert pool.customer.name in partner.get_by_test_id("voucher-preview").inner_text()
    partner.get_by_test_id("start-date").fill("2021-06-15")
    partner.get_by_test_id("accept-terms").check()
    shot(partner, "3-validated")
    partner.get_by_test_id("reserve-button").click()
    partner.wait_for_load_state("networkidle")
    assert partner.get_by_test_id("voucher-status").inner_text() == "Reserved"
    shot(partner, "4-reserved")
    assert days(pool) == (35, 5, 0)

    # Three days later the partner files the completion report with the plan as a PDF.
    pin_clock(dt.date(2021, 6, 18))
    plan = tmp_path / "Treasury deployment plan.pdf"
    plan.write_bytes(factory.pdf_bytes("Treasury deployment plan"))
    partner.get_by_test_id("report-link").click()
    partner.fill("input[name=end_date]", "2021-06-18")
    partner.check(f"input[name=consultants][value='{firm.consultant.pk}']")
    partner.fill("input[name=onsite_days]", "4")
    partner.fill("input[name=offsite_days]", "1")
    partner.fill("textarea[name=summary]", "Assessed 800 devices; planned Windows 10 and Office.")
    partner.fill("textarea[name=next_steps]", "Pilot in the treasury floor, then roll out.")
    partner.get_by_test_id("files").set_input_files(str(plan))
    partner.get_by_test_id("no-extra-fee").check()
    shot(partner, "5-report-form")
    partner.get_by_test_id("file-report").click()
    partner.wait_for_load_state("networkidle")
    assert partner.get_by_test_id("voucher-status").inner_text() == "Delivered (report filed)"
    assert "Treasury deployment plan.pdf" in partner.get_by_test_id("voucher-report").inner_text()
    shot(partner, "6-delivered")
    assert days(pool) == (35, 5, 0)

    # ...and redeems it through its location in the delivery country.
    partner.get_by_test_id("redeem-button").click()
    # Redeeming cannot be undone: a dialog asks first (docs/portal.md).
    assert "cannot be undone" in partner.get_by_test_id("confirm-text").inner_text()
    partner.get_by_test_id("confirm-ok").click()
    partner.wait_for_load_state("networkidle")
    assert partner.get_by_test_id("voucher-status").inner_text() == "Redeemed"
    shot(partner, "7-redeemed")
    assert days(pool) == (35, 0, 5)
    partner_context.close()

    # The customer sees every step in the voucher's history.
    page.reload()
    history = page.get_by_test_id("voucher-history")
    actions = history.locator("li").evaluate_all("items => items.map(i => i.dataset.action)")
    assert actions == ["created_and_assigned", "reserved", "delivered", "redeemed"]
    assert firm.organisation.name in history.inner_text()
    assert page.get_by_test_id("deliverable-link").inner_text() == "Treasury deployment plan.pdf"
    shot(page, "8-customer-history")


def test_the_demo_vouchers_on_both_sides(page, browser, live_server, pin_clock):
    from planserv_dev.demo.builder import build_demo
    from planserv_dev.demo.context import DEFAULT_DEMO_DATE, DEMO_PASSWORD

    build_demo(today=DEFAULT_DEMO_DATE)
    browser_login(page, "benefits@woodgrove.demo", DEMO_PASSWORD)
    page.goto("/customer/vouchers/")
    listed = page.get_by_test_id("voucher-list").inner_text()
    for status in ("Assigned", "Reserved", "Delivered", "Redeemed", "Expired", "Cancelled"):
        assert status in listed
    assert "4 days" in listed  # the delivered voucher due by 19 June 2021
    shot(page, "demo-customer-list")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    partner = context.new_page()
    browser_login(partner, "admin@fabrikam.demo", DEMO_PASSWORD)
    partner.goto("/partner/vouchers/")
    assert "Woodgrove Bank" in partner.get_by_test_id("voucher-list").inner_text()
    shot(partner, "demo-partner-list")
    context.close()
