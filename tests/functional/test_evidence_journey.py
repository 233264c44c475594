"""Issue 18 done-when, the evidence part (R-EVD-1): a new firm claims a competency with its
certificate and adds a consultant with an exam pass; the operator verifies both from the claims
queue; the firm is eligible and enrolls. Then the operator's firm, customer and voucher pages and
the organisation search. Screenshots at 1280 and 390 px: docs/screenshots/evidence-*.png."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from planserv_dev.demo.partners import demo_certificate
from tests.conftest import browser_login
from tests.factories import partners as factory
from tests.factories import payments as payment_factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _shot(page: Any, name: str) -> None:
    """The page at 1280 px and at 390 px (a phone), full height."""
    DOCS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(DOCS / f"evidence-{name}-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(DOCS / f"evidence-{name}-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _nav(page: Any, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()


def _logout(page: Any) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state("networkidle")


def test_a_new_firm_claims_the_operator_verifies_and_the_firm_enrolls(page, persona, pin_clock):
    pin_clock(dt.date(2021, 6, 15))
    firm = factory.firm(name="Tailwind Planning SARL", country="FR")
    factory.location(firm, location_id="FR-8800001", country="FR")
    global_admin = persona("global_admin", firm)
    operator = persona("program_admin")

    # 1. The firm's global admin claims a competency with the certificate.
    browser_login(page, global_admin.email)
    _nav(page, "Evidence")
    form = page.get_by_test_id("competency-claim-form")
    form.locator("select[name=competency]").select_option(label="Windows and Devices")
    form.locator("select[name=level]").select_option("gold")
    form.locator("input[name=earned_on]").fill("2021-05-03")
    form.locator("input[name=expires_on]").fill("2024-05-02")
    form.locator("input[name=reference]").fill("PN-2021-88120")
    form.locator("input[name=evidence]").set_input_files(
        files=[
            {
                "name": "windows-devices-gold.pdf",
                "mimeType": "application/pdf",
                "buffer": demo_certificate("Tailwind Planning SARL: Gold Windows and Devices"),
            }
        ]
    )
    page.get_by_test_id("claim-competency").click()
    expect(page.locator(".flash-success")).to_contain_text("Claim sent: Gold Windows and Devices")
    expect(page.get_by_test_id("claims")).to_contain_text("Waiting for verification")
    _shot(page, "1-firm-claims")

    # 2. It adds a consultant and claims her exam pass with the transcript id.
    _nav(page, "Consultants")
    page.fill("#id_consultant-name", "Chloé Martin")
    page.fill("#id_consultant-email", "chloe.martin@tailwind.example")
    page.get_by_test_id("add-consultant").click()
    expect(page.locator(".flash-success")).to_contain_text("Chloé Martin added")
    page.select_option("#id_exam-consultant", label="Chloé Martin (chloe.martin@tailwind.example)")
    page.select_option("#id_exam-exam", label="MD-100 Windows 10")
    page.fill("#id_exam-passed_on", "2021-04-12")
    page.fill("#id_exam-reference", "MS-TRANSCRIPT-8841-2207")
    page.get_by_test_id("claim-exam").click()
    expect(page.locator(".flash-success")).to_contain_text("Chloé Martin: exam MD-100")
    expect(page.get_by_test_id("consultants")).to_contain_text("Waiting for verification")
    _shot(page, "2-consultants")
    _nav(page, "Eligibility")
    expect(page.get_by_test_id("eligibility-status")).to_have_text("Not started")
    _logout(page)

    # 3. The operator verifies both claims from the queue.
    browser_login(page, operator.email)
    _nav(page, "Evidence claims")
    queue = page.get_by_test_id("claim-queue")
    expect(queue).to_contain_text("Tailwind Planning SARL")
    expect(queue).to_contain_text("windows-devices-gold.pdf")
    expect(queue).to_contain_text("MS-TRANSCRIPT-8841-2207")
    _shot(page, "3-operator-queue")
    page.locator("[data-testid^=verify-]").first.click()
    expect(page.locator(".flash-success")).to_contain_text("Verified: Gold Windows and Devices")
    page.locator("[data-testid^=verify-]").first.click()
    expect(page.locator(".flash-success")).to_contain_text("Verified: Chloé Martin: exam MD-100")
    expect(page.get_by_test_id("claim-queue")).to_contain_text("No pending claim")
    _logout(page)

    # 4. The firm is eligible to enroll; its global admin enrolls in DDPS.
    browser_login(page, global_admin.email)
    _nav(page, "Eligibility")
    expect(page.get_by_test_id("eligibility-status")).to_have_text("In progress")
    page.get_by_test_id("enroll-DDPS").click()
    page.get_by_test_id("accept-agreement").check()
    page.get_by_role("button", name="Accept and enroll").click()
    expect(page.locator(".flash-success")).to_contain_text("enrolled in DDPS")
    _nav(page, "Eligibility")
    expect(page.get_by_test_id("eligibility-status")).to_have_text("Eligible")
    expect(page.get_by_test_id("type-windows-office-deployment")).to_contain_text("Eligible")
    _nav(page, "Evidence")
    expect(page.get_by_test_id("claims")).to_contain_text("Verified")
    _shot(page, "4-firm-verified")
    _logout(page)

    # 5. The operator finds the firm and reads its page with the claim history.
    browser_login(page, operator.email)
    _nav(page, "Organisations")
    page.get_by_role("searchbox").fill("Tailwind")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_test_id("firm-name")).to_have_text("Tailwind Planning SARL")
    expect(page.get_by_test_id("firm-eligibility")).to_have_text("Eligible")
    expect(page.get_by_test_id("firm-claims")).to_contain_text("Verified")
    expect(page.get_by_test_id("firm-enrollments")).to_contain_text("DDPS")
    _shot(page, "5-firm-page")


def test_the_operator_reads_the_firm_customer_and_voucher_pages(page, persona, pin_clock):
    pin_clock(dt.date(2021, 6, 15))
    case = payment_factory.redeemed_case(country="DE")
    payment_factory.registered(case.firm)
    payment_factory.filed(case)
    operator = persona("payment_reviewer")

    browser_login(page, operator.email)
    _nav(page, "Organisations")
    page.get_by_role("searchbox").fill(case.voucher.display_id)
    page.get_by_role("button", name="Search").click()
    page.get_by_test_id("search-voucher").get_by_role("link").click()
    expect(page.get_by_test_id("voucher-id")).to_have_text(case.voucher.display_id)
    expect(page.get_by_test_id("voucher-reservations")).to_contain_text(
        case.firm.location.location_id
    )
    expect(page.get_by_test_id("deliverable-link").first).to_be_visible()
    expect(page.get_by_test_id("voucher-ledger")).to_contain_text("Voucher")
    expect(page.get_by_test_id("voucher-payment")).to_contain_text("PR-")
    _shot(page, "6-voucher-page")

    page.get_by_role("link", name=case.pool.customer.name).first.click()
    expect(page.get_by_test_id("customer-name")).to_have_text(case.pool.customer.name)
    expect(page.get_by_test_id("customer-agreements")).to_contain_text(
        case.pool.agreement.licensing_id
    )
    expect(page.get_by_test_id("customer-vouchers")).to_contain_text(case.voucher.display_id)
    _shot(page, "7-customer-page")

    page.get_by_test_id("customer-vouchers").get_by_role(
        "link", name=case.firm.organisation.name
    ).click()
    expect(page.get_by_test_id("firm-registrations")).to_contain_text("••••")
    expect(page.get_by_test_id("firm-payment-requests")).to_contain_text("PR-")
    _shot(page, "8-firm-with-payments")
