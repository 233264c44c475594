"""Playwright journey (seed steps 1-3): a new firm's global admin sees what it lacks, the operator
records the competency by CSV import, the firm becomes eligible and enrolls in DDPS by accepting the
agreement, its profile admin publishes the profile, and a customer finds it in the directory."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from planserv_dev.demo.partners import demo_logo
from tests.conftest import browser_login
from tests.factories import partners as factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"partners-{name}.png"), full_page=True)


def _nav(page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()


def _logo_width(page) -> int:
    """The rendered logo's width, once the browser has loaded it through the logo view."""
    page.wait_for_function(
        "() => { const img = document.querySelector('img.logo');"
        " return img && img.complete && img.naturalWidth > 0; }"
    )
    return page.locator("img.logo").evaluate("img => img.naturalWidth")


def _logout(page) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state("networkidle")


def test_a_new_firm_becomes_eligible_enrolls_publishes_and_is_found(page, persona, pin_clock):
    pin_clock(dt.date(2021, 6, 15))
    firm = factory.firm(name="Lakeshore Planning GmbH", country="DE")
    factory.location(firm, location_id="DE-9100001")
    global_admin = persona("global_admin", firm)
    profile_admin = persona("profile_admin", firm)
    operator = persona("program_admin")
    customer = persona("benefits_admin")

    # 1. The new firm's global admin sees what it lacks.
    browser_login(page, global_admin.email)
    _nav(page, "Eligibility")
    expect(page.get_by_test_id("eligibility-status")).to_have_text("Not started")
    expect(page.get_by_test_id("next-steps")).to_contain_text("Earn a competency")
    expect(page.locator("#offering-DDPS .mark.unmet").first).to_be_visible()
    _shot(page, "1-eligibility-not-started")
    _logout(page)

    # 2. The operator records the competency with a CSV import: dry run, then apply.
    browser_login(page, operator.email)
    _nav(page, "Operations")
    page.get_by_role("link", name="Imports", exact=True).first.click()
    page.get_by_test_id("import-partners").click()
    page.select_option("select[name=kind]", "competencies")
    csv_text = (
        "partner_id,competency,level,earned_on,expires_on\n"
        f"{firm.public_id},windows-and-devices,gold,2021-05-03,2024-05-02\n"
    )
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "competencies.csv", "mimeType": "text/csv", "buffer": csv_text.encode()}],
    )
    page.get_by_test_id("check-import").click()
    expect(page.get_by_test_id("import-report")).to_contain_text("Dry run")
    _shot(page, "2-import-dry-run")
    page.get_by_test_id("apply-import").click()
    expect(page.get_by_test_id("import-report")).to_contain_text("Imported")
    _logout(page)

    # 3. The firm is now eligible to enroll; the global admin reads and accepts the agreement.
    browser_login(page, global_admin.email)
    _nav(page, "Eligibility")
    expect(page.get_by_test_id("eligibility-status")).to_have_text("In progress")
    page.get_by_test_id("enroll-DDPS").click()
    expect(page.locator("h2").nth(1)).to_contain_text("Program Agreement")
    expect(page.get_by_test_id("agreement-text")).to_contain_text("qualified consultants")
    _shot(page, "3-agreement")
    page.get_by_test_id("accept-agreement").check()
    page.get_by_role("button", name="Accept and enroll").click()
    expect(page.locator(".flash-success")).to_contain_text("enrolled in DDPS through 14 June 2022")
    _nav(page, "Eligibility")
    expect(page.get_by_test_id("eligibility-status")).to_have_text("Eligible")
    expect(page.get_by_test_id("type-windows-office-deployment")).to_contain_text("Eligible")
    _shot(page, "4-eligibility-eligible")
    _logout(page)

    # 4. The profile admin writes the profile, previews it, adds a logo and publishes it.
    browser_login(page, profile_admin.email)
    _nav(page, "Profile")
    page.get_by_role("button", name="Edit profile").click()
    page.fill("#id_description", "Lakeshore plans Windows and Office deployments in Bavaria.")
    page.fill("#id_website", "https://lakeshore.example")
    # Countries: a filter box over checkboxes (docs/portal.md), no Ctrl-click.
    countries = page.get_by_role("group", name="Countries served")
    page.get_by_label("Filter Countries served").fill("Germ")
    countries.get_by_label("Germany", exact=True).check()
    page.get_by_label("Filter Countries served").fill("Austria")
    countries.get_by_label("Austria", exact=True).check()
    page.get_by_label("Desktop Deployment Planning Services").check()
    page.fill("#id_expertise_tags", "Windows 11, Intune")
    page.fill("#id_contact_email", "hello@lakeshore.example")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_test_id("profile-card")).to_contain_text("Austria")
    _shot(page, "5-profile-preview")
    page.get_by_test_id("save-profile").click()
    page.set_input_files(
        "input[name=logo]",
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": demo_logo((30, 111, 184))}],
    )
    page.get_by_role("button", name="Upload logo").click()
    expect(page.locator(".flash-success")).to_contain_text("Logo uploaded")
    page.get_by_test_id("publish").click()
    expect(page.locator(".flash-success")).to_contain_text("Profile published")
    assert _logo_width(page) == 96
    _shot(page, "6-profile-published")
    _logout(page)

    # 5. A customer finds the firm in the directory by country and offering.
    browser_login(page, customer.email)
    _nav(page, "Partner directory")
    page.select_option("select[name=country]", "AT")
    page.select_option("select[name=offering]", "DDPS")
    page.get_by_role("button", name="Search").click()
    card = page.get_by_test_id("profile-card")
    expect(page).to_have_url(re.compile(r"country=AT&offering=DDPS"))
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Lakeshore Planning GmbH")
    expect(card).to_contain_text("Gold Windows and Devices")
    assert _logo_width(page) == 96
    _shot(page, "7-directory")
    page.select_option("select[name=country]", "FR")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_test_id("directory-empty")).to_be_visible()
    expect(page.get_by_test_id("profile-card")).to_have_count(0)
