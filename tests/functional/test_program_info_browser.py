"""Playwright: the program information page draws the retirement timeline with the "you are here"
marker between the milestones around today (CSS classes only, no inline styles), on each side."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def _x(page, selector: str) -> float:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box["x"]


@pytest.mark.parametrize("role", ["partner_admin", "benefits_admin"])
def test_you_are_here_sits_between_the_surrounding_milestones(page, persona, pin_clock, role):
    pin_clock(dt.date(2021, 6, 15))
    browser_login(page, persona(role).email)
    page.get_by_role("link", name="Program information").click()
    page.wait_for_load_state("networkidle")
    marker = _x(page, "[data-testid=you-are-here]")
    accrual_end = _x(page, ".rt-point[data-date='2021-02-01'] .rt-dot")
    last_create = _x(page, ".rt-point[data-date='2021-06-30'] .rt-dot")
    last_redeem = _x(page, ".rt-point[data-date='2022-01-01'] .rt-dot")
    assert accrual_end < marker < last_create < last_redeem
    assert "You are here · 15 June 2021" in page.get_by_test_id("you-are-here").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"program-info-{role}.png"), full_page=True)


def test_faq_page_shows_the_retirement_questions(page, persona):
    browser_login(page, persona("partner_admin").email)
    page.get_by_role("link", name="FAQ").click()
    page.wait_for_load_state("networkidle")
    faq = page.get_by_test_id("faq")
    assert "Is the Planning Services benefit being retired?" in faq.inner_text()
    page.get_by_text("We are already active in the program").click()
    assert "step four" in faq.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "faq-partner.png"), full_page=True)
