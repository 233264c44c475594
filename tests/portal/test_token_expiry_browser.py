"""Issue 20, item 2: the profile page creates a token with a chosen expiry and lists every token's
expiry date, in a real browser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from planserv.accounts.models import ApiToken
from tests.conftest import browser_login

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.mark.django_db(transaction=True)
def test_a_token_is_created_with_its_expiry_and_the_list_shows_it(page: Any, persona: Any):
    member = persona("partner_admin")
    browser_login(page, member.user.email)
    page.goto("/profile/")
    assert page.input_value("input[name=expires_in_days]") == "90"
    page.fill("input[name=name]", "ERP integration")
    page.fill("input[name=expires_in_days]", "30")
    page.click("form[action='/profile/tokens/'] button[type=submit]")
    page.wait_for_load_state("networkidle")

    assert page.get_by_test_id("new-token").is_visible()
    token = ApiToken.objects.get()
    assert token.expires_at.date() - dt.datetime.now(dt.UTC).date() in (
        dt.timedelta(days=30),
        dt.timedelta(days=29),
    )
    expires = page.get_by_test_id("token-expires").first.inner_text()
    assert expires.endswith(str(token.expires_at.year)) and expires[0].isdigit()
    assert "active" in page.locator("table").inner_text()

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"api-token-expiry-{width}.png"), full_page=True)
