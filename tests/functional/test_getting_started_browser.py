"""Playwright: a new firm's global admin sees the getting-started checklist with step 1 open and
follows its link to the eligibility page; an active firm sees its engagements by step; a
customer's home shows its own steps with the voucher id to forward (issue 11)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import browser_login
from tests.factories import partners as partner_factory
from tests.factories import payments as payment_factory
from tests.factories import vouchers as voucher_factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
D = dt.date


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_a_new_firms_global_admin_sees_step_1_open_and_follows_it(page, persona, pin_clock):
    pin_clock(D(2021, 3, 15))
    firm = partner_factory.firm(name="Tailspin Toys", country="FR")
    browser_login(page, persona("global_admin", firm).email)

    checklist = page.get_by_test_id("getting-started")
    assert "Getting started with Planning Services" in checklist.inner_text()
    assert page.get_by_test_id("step-1").get_attribute("data-state") == "open"
    for number in range(2, 10):
        step = page.get_by_test_id(f"step-{number}")
        assert step.get_attribute("data-state") == "locked"
        assert step.get_by_test_id("step-why-locked").is_visible()
    assert "0 of 9 done" in checklist.inner_text()
    _shot(page, "partner-getting-started.png")

    page.get_by_test_id("step-link-1").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/partner/eligibility/")
    assert "What to do next" in page.content()


def test_an_active_firm_sees_its_engagements_by_step(page, persona, pin_clock):
    pin_clock(D(2021, 3, 15))
    case = payment_factory.redeemed_case()
    for _ in range(2):
        voucher = voucher_factory.assigned(case.pool, today=D(2021, 3, 1), days=1)
        voucher_factory.reserved(voucher, case.firm, today=D(2021, 3, 2))
    browser_login(page, persona("global_admin", case.firm.organisation).email)

    board = page.get_by_test_id("engagements-by-step")
    assert page.get_by_test_id("engagement-count-6").inner_text() == "2"
    assert page.get_by_test_id("engagement-count-8").inner_text() == "1"  # to register
    assert page.get_by_test_id("engagement-count-9").inner_text() == "1"  # to request
    assert not page.get_by_test_id("step-1").is_visible()  # the full checklist is folded
    page.get_by_test_id("full-checklist").locator("summary").click()
    assert page.get_by_test_id("step-1").is_visible()
    _shot(page, "partner-engagements-by-step.png")

    board.get_by_role("link", name="Reserved vouchers").click()
    page.wait_for_load_state("networkidle")
    assert "status=reserved" in page.url


def test_a_customer_home_shows_its_steps_and_the_voucher_id_to_forward(page, persona, pin_clock):
    pin_clock(D(2021, 3, 15))
    pool = voucher_factory.customer_pool(days=40)
    voucher = voucher_factory.assigned(pool, today=D(2021, 3, 1), days=5)
    firm = voucher_factory.eligible_firm()
    reserved = voucher_factory.assigned(pool, today=D(2021, 3, 1), days=3)
    voucher_factory.reserved(reserved, firm, today=D(2021, 3, 2))
    browser_login(page, pool.admin.user.email)

    assert (
        "Your steps to a Planning Services engagement"
        in page.get_by_test_id("getting-started").inner_text()
    )
    states = [page.get_by_test_id(f"step-{n}").get_attribute("data-state") for n in range(1, 5)]
    assert states == ["done", "open", "open", "in_progress"]
    forward = page.get_by_test_id("step-3").get_by_test_id("step-items")
    assert voucher.display_id in forward.inner_text()
    assert pool.manager_email in forward.inner_text()
    _shot(page, "customer-getting-started.png")

    forward.get_by_role("link", name=voucher.display_id).click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/customer/vouchers/{voucher.voucher_id}/")
