"""The portal conventions in Chromium (issue 19 items 2, 5, 6; docs/portal.md): a keyboard-only
partner validates and reserves a voucher with a visible focus at every step; an irreversible step
asks first and Cancel changes nothing; on a phone the navigation collapses behind "Menu"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import browser_login
from tests.factories import vouchers as factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {testid: el.dataset.testid || "", outline: style.outlineStyle,
          width: parseFloat(style.outlineWidth) || 0, shadow: style.boxShadow};
}"""


def tab_to(page: Any, testid: str, limit: int = 80) -> None:
    """Press Tab until the control with data-testid has the focus; its focus must be visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus["testid"] == testid:
            visible = (focus["outline"] != "none" and focus["width"] > 0) or (
                focus["shadow"] not in ("", "none")
            )
            assert visible, f"{testid} has no visible focus: {focus}"
            return
    raise AssertionError(f"Tab never reached {testid}")


def test_a_keyboard_only_partner_validates_and_reserves_a_voucher(page, pin_clock):
    pin_clock(dt.date(2021, 6, 15))
    pool, firm = factory.customer_pool(), factory.eligible_firm()
    voucher = factory.assigned(pool, today=dt.date(2021, 6, 1))
    browser_login(page, firm.admin.user.email)
    page.goto("/partner/vouchers/reserve/")
    tab_to(page, "voucher-id-input")
    page.keyboard.type(voucher.display_id)
    tab_to(page, "email-input")
    page.keyboard.type(pool.manager_email)
    page.keyboard.press("Enter")  # submits the validate form (HTMX swaps the preview in)
    page.get_by_test_id("reserve-form").wait_for()
    tab_to(page, "accept-terms")
    page.keyboard.press("Space")
    tab_to(page, "reserve-button")
    page.screenshot(path=str(SCREENSHOTS / "portals-keyboard-reserve.png"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/partner/vouchers/{voucher.voucher_id}/")
    assert page.get_by_test_id("voucher-status").inner_text() == "Reserved"


def test_cancelling_a_voucher_asks_first_and_cancel_changes_nothing(page, pin_clock):
    pin_clock(dt.date(2021, 6, 15))
    pool = factory.customer_pool()
    voucher = factory.assigned(pool, today=dt.date(2021, 6, 1))
    browser_login(page, pool.admin.user.email)
    page.goto(f"/customer/vouchers/{voucher.voucher_id}/")
    page.get_by_role("button", name="Cancel this voucher").click()
    assert "cannot be used again" in page.get_by_test_id("confirm-text").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "portals-confirm-cancel.png"))
    page.get_by_test_id("confirm-cancel").click()
    assert factory.fresh(voucher).status == "assigned"
    page.get_by_role("button", name="Cancel this voucher").click()
    page.get_by_test_id("confirm-ok").click()
    page.wait_for_load_state("networkidle")
    assert factory.fresh(voucher).status == "cancelled"


def test_on_a_phone_the_navigation_collapses_behind_menu(page, pin_clock):
    pin_clock(dt.date(2021, 6, 15))
    firm = factory.eligible_firm()
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, firm.admin.user.email)
    link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Payments")
    assert not link.is_visible()
    page.get_by_test_id("menu-toggle").click()
    assert link.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SCREENSHOTS / "portals-phone-menu-open.png"))
