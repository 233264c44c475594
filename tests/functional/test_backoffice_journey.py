"""Playwright journeys (issue 18, items 3 to 5): a program admin changes a day rate and moves a
milestone in the portal (the impact preview shown before saving, both changes audited); a reviewer
opens the deliverables from the payment request; a run is built by one reviewer and confirmed by
another after checking its totals. Screenshots at 1280 and 390 px into docs/screenshots/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planserv.audit.models import AuditEvent
from planserv.payments.models import PaymentRun
from planserv.program.models import DayRate, Milestone
from tests.conftest import browser_login
from tests.factories import accounts as account_factory
from tests.factories import payments as factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def shots(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """The page at 1280 and at 390 px wide (a phone), full height."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"backoffice-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def session(browser, live_server, email: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    browser_login(page, email)
    return page


def test_program_admin_changes_a_day_rate_and_a_milestone_with_the_preview(  # type: ignore[no-untyped-def]
    page, pin_clock, operator_org
):
    pin_clock(dt.date(2021, 3, 15))
    factory.redeemed_case(country="DE")  # a payment at stake for the preview
    admin = account_factory.member(operator_org, "program_admin", email="admin@operator.test")
    browser_login(page, admin.user.email)
    page.goto("/operator/settings/")
    assert "not set yet" in page.get_by_test_id("settings-index").inner_text()

    # 1. A day rate for Austria from 1 January 2021.
    page.get_by_role("link", name="Day rates").first.click()
    form = page.get_by_test_id("day-rate-form")
    form.locator("select[name=country]").select_option("AT")
    form.locator("input[name=currency]").fill("EUR")
    form.locator("input[name=amount]").fill("880")
    form.locator("input[name=effective_from]").fill("2021-01-01")
    page.get_by_test_id("save-day-rate").click()
    page.wait_for_load_state("networkidle")
    assert "Austria" in page.get_by_test_id("day-rates").inner_text()
    shots(page, "1-day-rates")
    assert DayRate.objects.get(country="AT").amount == 880
    assert AuditEvent.objects.filter(action="program.dayrate.created").count() == 1

    # 2. Move the last redemption day: the preview first, then save.
    page.get_by_role("link", name="Calendar").first.click()
    form = page.get_by_test_id("milestone-form")
    form.locator("select[name=key]").select_option("last_redemption_day")
    form.locator("input[name=date]").fill("2022-03-01")
    form.locator("input[name=reason]").fill("The program grants two more months")
    page.get_by_test_id("preview-milestone").click()
    page.wait_for_load_state("networkidle")
    preview = page.get_by_test_id("milestone-preview").inner_text()
    assert "1 March 2022" in preview and "Payments at risk" in preview
    assert Milestone.objects.get(key="last_redemption_day").date == dt.date(2022, 1, 1)
    shots(page, "2-milestone-preview")
    page.get_by_test_id("save-milestone").click()
    page.wait_for_load_state("networkidle")
    assert "1 March 2022" in page.get_by_test_id("milestone-last_redemption_day").inner_text()
    assert Milestone.objects.get(key="last_redemption_day").date == dt.date(2022, 3, 1)
    event = AuditEvent.objects.get(action="program.milestone.changed")
    assert event.before == {"date": "2022-01-01"} and event.reason.startswith("The program")
    shots(page, "3-milestone-saved")


def test_reviewer_opens_the_deliverables_and_a_second_reviewer_confirms_the_run(  # type: ignore[no-untyped-def]
    page, browser, live_server, pin_clock, operator_org
):
    pin_clock(dt.date(2021, 4, 20))
    factory.paying_account()
    approved = factory.approved(factory.filed(factory.redeemed_case(country="DE")))
    waiting = factory.filed(factory.redeemed_case(country="DE"))
    builder = account_factory.member(operator_org, "payment_reviewer", email="rev1@operator.test")
    second = account_factory.member(operator_org, "payment_reviewer", email="rev2@operator.test")

    # 1. The reviewer's home is the queue with ages; the request shows the whole engagement.
    browser_login(page, builder.user.email)
    queue = page.get_by_test_id("home-review-queue")
    assert waiting.public_id in queue.inner_text()
    assert "business day" in page.get_by_test_id("home-queue-age").first.inner_text()
    shots(page, "4-reviewer-home")
    queue.get_by_role("link", name=waiting.public_id).click()
    evidence = page.get_by_test_id("payment-evidence").inner_text()
    assert "Completion report" in evidence and "plan.pdf" in evidence
    shots(page, "5-request-evidence")
    with page.expect_popup() as opened:
        page.get_by_test_id("open-deliverable").first.click()
    document = opened.value
    document.wait_for_load_state()
    assert "open=1" in document.url
    response = page.request.get(document.url)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert "inline" in response.headers["content-disposition"]
    assert response.body().startswith(b"%PDF")
    document.close()

    # 2. The reviewer builds April's EUR run: totals shown, but not theirs to confirm.
    page.goto("/operator/payments/runs/")
    page.fill("[data-testid=run-form] input[name=month]", "2021-04")
    page.fill("[data-testid=run-form] input[name=currency]", "EUR")
    page.get_by_test_id("build-run").click()
    page.wait_for_load_state("networkidle")
    assert "1 request · €4,750.00" in page.get_by_test_id("run-totals").inner_text()
    assert "second payment reviewer" in page.get_by_test_id("second-person").inner_text()
    assert page.get_by_test_id("confirm-run").count() == 0
    shots(page, "6-run-built")
    run = PaymentRun.objects.get()

    # 3. A second reviewer checks the totals and confirms.
    other = session(browser, live_server, second.user.email)
    other.goto(f"/operator/payments/runs/{run.public_id}/")
    other.get_by_test_id("confirm-checked").check()
    other.get_by_test_id("confirm-run").click()
    other.get_by_test_id("confirm-ok").click()  # the dialog before an irreversible step
    other.wait_for_load_state("networkidle")
    assert other.get_by_test_id("run-status").inner_text() == "Confirmed (paid)"
    assert "confirmed by rev2@operator.test" in other.get_by_test_id("run-totals").inner_text()
    shots(other, "7-run-confirmed")
    approved.refresh_from_db()
    assert approved.status == "paid"
