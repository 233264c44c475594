"""People journeys in the browser (R-PPL-1, R-ROLE-3; docs/people.md):

1. A firm's global admin invites a colleague as partner admin; the colleague accepts the emailed
   link, chooses a password, is signed in and reserves a voucher.
2. Tailspin, a new firm whose only person is its global admin, finishes steps 1-3 (eligibility,
   enrollment, profile) and reserves a voucher with that one login.

Screenshots at 1280 and 390 px go to docs/screenshots/people-*.png."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from planserv.notifications.models import OutboxMessage
from tests.conftest import browser_login
from tests.factories import accounts as account_factory
from tests.factories import partners as partner_factory
from tests.factories import vouchers as factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSWORD = "plum-tree-harbour-42"


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """The page at 1280 px, then at 390 px (a phone), then back."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"people-{name}-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / f"people-{name}-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def nav(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state("networkidle")


def logout(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state("networkidle")


def reserve(page, voucher_id: str, email: str, country: str = "") -> None:  # type: ignore[no-untyped-def]
    nav(page, "Reserve a voucher")
    page.get_by_test_id("voucher-id-input").fill(voucher_id)
    page.get_by_test_id("email-input").fill(email)
    page.get_by_test_id("validate-button").click()
    page.get_by_test_id("voucher-preview").wait_for()
    if country:
        page.get_by_test_id("delivery-country").select_option(country)
    page.get_by_test_id("start-date").fill("2021-06-21")
    page.get_by_test_id("accept-terms").check()
    page.get_by_test_id("reserve-button").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("voucher-status")).to_have_text("Reserved")


def invitation_path(email: str) -> str:
    mail = OutboxMessage.objects.filter(template="invitation", to_email=email).order_by("-pk")[0]
    found = re.search(r"https?://[^/\s]+(/invitations/\S+/)", mail.body_text)
    assert found is not None
    return found.group(1)


def test_invite_accept_and_the_colleague_reserves(page, browser, live_server, pin_clock):
    pin_clock(dt.date(2021, 6, 15))
    pool = factory.customer_pool(days=40)
    voucher = factory.assigned(pool)
    firm = factory.eligible_firm(country="US")
    global_admin = account_factory.member(firm.organisation, "global_admin")

    # The global admin invites a colleague as partner admin.
    browser_login(page, global_admin.user.email)
    nav(page, "People")
    expect(page.get_by_test_id("members")).to_contain_text(global_admin.user.email)
    page.fill("#id_email", "dana@firm.example")
    page.fill("#id_full_name", "Dana Park")
    page.get_by_test_id("invite-form").get_by_label("Partner admin").check()
    page.get_by_role("button", name="Send the invitation").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".flash-success")).to_contain_text("Invitation sent to dana@firm.example")
    expect(page.get_by_test_id("invitations")).to_contain_text("dana@firm.example")
    shot(page, "1-invited")

    # The colleague opens the emailed link in their own browser, accepts and is signed in.
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    colleague = context.new_page()
    colleague.goto(invitation_path("dana@firm.example"))
    expect(colleague.locator("h1")).to_contain_text(f"Join {firm.organisation.name}")
    colleague.fill("#id_password", PASSWORD)
    colleague.fill("#id_password_again", PASSWORD)
    shot(colleague, "2-accept")
    colleague.get_by_role("button", name="Accept the invitation").click()
    colleague.wait_for_load_state("networkidle")
    expect(colleague.locator(".flash-success")).to_contain_text(
        f"Welcome to {firm.organisation.name}"
    )

    # ... and reserves the customer's voucher.
    reserve(colleague, voucher.display_id, pool.manager_email)
    shot(colleague, "3-colleague-reserved")
    context.close()

    # The global admin sees the new member, with a last sign-in.
    page.reload()
    members = page.get_by_test_id("members")
    expect(members).to_contain_text("Dana Park")
    expect(page.get_by_test_id("invitations")).to_have_count(0)
    shot(page, "4-members")


def test_tailspin_global_admin_alone_finishes_steps_1_to_3_and_reserves(page, pin_clock):
    pin_clock(dt.date(2021, 6, 15))
    pool = factory.customer_pool(days=40)
    voucher = factory.assigned(pool)
    firm = partner_factory.firm(name="Tailspin Planning SARL", country="FR")
    partner_factory.competency(firm, "windows-and-devices")  # the operator's record
    partner_factory.location(firm, country="FR")
    partner_factory.consultant(firm, exams=(("MD-100", dt.date(2019, 3, 4)),))
    theo = account_factory.member(firm, "global_admin")

    browser_login(page, theo.user.email)
    # Step 1: eligibility.
    nav(page, "Eligibility")
    expect(page.get_by_test_id("eligibility-status")).to_have_text("In progress")
    # Step 2: enrollment, accepting the agreement.
    page.get_by_test_id("enroll-DDPS").click()
    page.get_by_test_id("accept-agreement").check()
    page.get_by_role("button", name="Accept and enroll").click()
    expect(page.locator(".flash-success")).to_contain_text("enrolled in DDPS")
    # Step 3: the business profile, written and published by the global admin (R-ROLE-3).
    nav(page, "Profile")
    page.get_by_role("button", name="Edit profile").click()
    page.fill("#id_description", "Tailspin plans Windows and Office deployments in France.")
    page.fill("#id_website", "https://tailspin.example")
    # Countries: a filter box over checkboxes (docs/portal.md).
    page.get_by_label("Filter Countries served").fill("France")
    page.get_by_role("group", name="Countries served").get_by_label("France", exact=True).check()
    page.get_by_label("Desktop Deployment Planning Services").check()
    page.fill("#id_contact_email", "bonjour@tailspin.example")
    page.get_by_test_id("save-profile").click()
    page.get_by_test_id("publish").click()
    expect(page.locator(".flash-success")).to_contain_text("Profile published")
    shot(page, "5-tailspin-profile")
    # Then it reserves a voucher, still alone.
    reserve(page, voucher.display_id, pool.manager_email, country="FR")
    shot(page, "6-tailspin-reserved")
    nav(page, "Home")
    logout(page)
