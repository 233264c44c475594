"""Playwright in Debian's Chromium (R-PPL-3, REL-12): an operator's first sign-in sets up the
authenticator app (QR code drawn by the server, the key as text, recovery codes), the next
sign-in asks for a code. Screenshots at 1280 and 390 px in docs/screenshots."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planserv.accounts.models import User
from tests.factories import accounts as account_factory
from tests.factories import second_factor as factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def shoot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def password_sign_in(page, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", account_factory.PASSWORD)
    page.click("form:has(#id_password) button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_an_operators_first_sign_in_sets_up_the_app_and_the_next_asks_for_a_code(
    page, persona, pin_clock
):
    pin_clock(dt.date(2021, 6, 15))
    admin = persona("program_admin")
    password_sign_in(page, admin.email)
    assert "/sign-in/second-factor/setup/" in page.url
    assert page.locator("h1").inner_text() == "Set up your second factor"
    assert page.get_by_test_id("second-factor-qr").is_visible()
    shoot(page, "second-factor-1-setup")
    page.goto("/operator/jobs/")  # no page before the factor
    assert "/sign-in/second-factor/setup/" in page.url

    secret = page.get_by_test_id("second-factor-secret").inner_text()
    page.fill("#id_code", factory.code_for_key(secret))
    page.click("form:has(#id_code) button[type=submit]")
    codes = page.get_by_test_id("recovery-codes").locator("code").all_inner_texts()
    assert len(codes) == 10
    shoot(page, "second-factor-2-recovery-codes")
    page.get_by_test_id("second-factor-continue").click()
    assert page.locator("h1").inner_text() == "Job runs"  # the page asked for before the setup

    page.click("header form button:has-text('Log out')")
    password_sign_in(page, admin.email)
    assert "/sign-in/second-factor/" in page.url and "setup" not in page.url
    assert page.locator("h1").inner_text() == "Enter your code"
    shoot(page, "second-factor-3-code")
    page.fill("#id_code", "000000")
    page.click("form:has(#id_code) button[type=submit]")
    assert page.get_by_role("alert").first.is_visible()
    page.wait_for_timeout(1100)  # django-otp waits a second after a wrong code
    device = factory.app_device(User.objects.get(pk=admin.user.pk))
    page.fill("#id_code", factory.code_for(device))
    page.click("form:has(#id_code) button[type=submit]")
    assert page.locator("h1").inner_text() == "Program operations"
    page.goto("/profile/")
    assert "Program staff must keep it on" in page.get_by_test_id("second-factor").inner_text()
    shoot(page, "second-factor-4-profile")
