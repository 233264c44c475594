"""Playwright in Debian's Chromium (R-PPL-2, REL-12): "Sign in with your organisation" against a
real OpenID Connect provider started by the test (django-oauth-toolkit in a second process, RS256,
PKCE): real redirects through the provider's own login form and back. Screenshots at 1280 and
390 px in docs/screenshots."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.accounts.models import User
from tests.accounts.oidc_provider import PASSWORD, running_provider
from tests.accounts.test_single_sign_on import configure
from tests.functional.test_second_factor_journey import shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_signs_in_with_the_organisations_provider(
    page, live_server, persona, pin_clock, tmp_path
):
    pin_clock(dt.date(2021, 6, 15))
    callback = f"{live_server.url}/sign-in/organisation/callback/"
    people = [{"username": "ana", "email": "ana@fabrikam.example"}]
    with running_provider(tmp_path, redirect_uris=[callback], people=people) as provider:
        configure(persona, provider.issuer)
        member = persona("partner_admin")
        User.objects.filter(pk=member.user.pk).update(email="ana@fabrikam.example")

        page.goto("/login/")
        assert page.get_by_test_id("sso-login").is_visible()
        shoot(page, "single-sign-on-1-login")
        page.fill("#id_sso_email", "ana@fabrikam.example")
        page.click("button:has-text('Sign in with your organisation')")
        shoot(page, "single-sign-on-2-continue")
        page.get_by_test_id("sso-continue").click()
        page.wait_for_url(f"http://127.0.0.1:{provider.port}/accounts/login/**")
        assert page.locator("h1").inner_text() == "Fabrikam sign-in"
        page.fill("#id_username", "ana")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        assert page.locator("h1").inner_text() == "Partner home"
        shoot(page, "single-sign-on-3-signed-in")

    # The provider is stopped now: the page says so.
    page.click("header form button:has-text('Log out')")
    page.goto("/login/")
    page.fill("#id_sso_email", "ana@fabrikam.example")
    page.click("button:has-text('Sign in with your organisation')")
    page.get_by_test_id("sso-continue").click()
    assert page.get_by_test_id("sso-unavailable").is_visible()
    shoot(page, "single-sign-on-4-provider-down")


def test_the_global_admin_sets_up_single_sign_on(page, persona, pin_clock):
    from tests.conftest import browser_login

    pin_clock(dt.date(2021, 6, 15))
    admin = persona("global_admin")
    browser_login(page, admin.email)
    page.goto("/organisation/sign-in/")
    page.fill(
        "#id_issuer", "https://login.microsoftonline.com/00000000-0000-0000-0000-0000000000f1/v2.0"
    )
    page.fill("#id_client_id", "6731de76-14a6-49ae-97bc-6eba6914391e")
    page.fill("#id_client_secret", "a-client-secret")
    page.fill("#id_allowed_domains", "fabrikam.example")
    page.click("button:has-text('Save single sign-on')")
    assert "saved" in page.locator(".flash").first.inner_text()
    shoot(page, "single-sign-on-5-settings")
