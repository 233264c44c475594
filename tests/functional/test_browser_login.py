"""Playwright in Debian's Chromium: a person logs in on each side and sees their home page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.mark.parametrize(
    ("role", "heading"),
    [
        ("benefits_admin", "Customer home"),
        ("partner_admin", "Partner home"),
        ("program_admin", "Program operations"),
    ],
)
def test_logs_in_and_sees_the_home_page_of_its_side(page, persona, pin_clock, role, heading):
    pin_clock(dt.date(2021, 6, 15))
    member = persona(role)
    browser_login(page, member.email)
    assert page.locator("h1").inner_text() == heading
    assert "15 June 2021" in page.get_by_test_id("program-date").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"home-{role}.png"), full_page=True)
    assert "in 15 days" in page.get_by_test_id("countdown").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"home-{role}.png"), full_page=True)
