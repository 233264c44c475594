"""Playwright journey (payments): a partner requests payment for a redeemed voucher, the reviewer
holds it with a question, the partner answers, the reviewer approves, builds the month's run,
downloads its CSV and SEPA files, and a second reviewer confirms it; the partner sees "Paid"
(R-PAY-2..6)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xmlschema

from planserv.payments.models import PaymentRequest
from tests.conftest import browser_login
from tests.factories import accounts as account_factory
from tests.factories import payments as factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"payments-{name}.png"), full_page=True)


def session(browser, live_server, email: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    browser_login(page, email)
    return page


def test_partner_requests_reviewer_holds_approves_runs_and_pays(  # type: ignore[no-untyped-def]
    page, browser, live_server, pin_clock, operator_org, tmp_path
):
    pin_clock(dt.date(2021, 3, 15))
    case = factory.redeemed_case(country="DE")  # redeemed 2021-03-12: window closes 11 May
    factory.registered(case.firm)
    factory.paying_account()
    reviewer = account_factory.member(operator_org, "payment_reviewer", email="rev@operator.test")
    second = account_factory.member(operator_org, "payment_reviewer", email="rev2@operator.test")

    # 1. The partner sees the voucher with the days left and requests payment.
    browser_login(page, case.firm.admin.user.email)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Payments", exact=True
    ).click()
    assert page.get_by_test_id("days-left").inner_text() == "57 days left"
    shot(page, "1-partner-payments")
    page.get_by_test_id("request-link").click()
    assert page.get_by_test_id("quote-amount").inner_text() == "€4,750.00"
    shot(page, "2-request-form")
    page.get_by_test_id("submit-payment-request").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("payment-status").inner_text() == "Validating"
    request_id = PaymentRequest.objects.get().public_id

    # 2. The reviewer holds it with a question.
    operator = session(browser, live_server, reviewer.user.email)
    operator.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Payments", exact=True
    ).click()
    operator.get_by_role("link", name=request_id).first.click()
    shot(operator, "3-review")
    operator.fill("[data-testid=hold-form] textarea", "Which division was the plan for?")
    operator.get_by_test_id("hold-button").click()
    operator.wait_for_load_state("networkidle")
    assert "Held" in operator.get_by_test_id("payment-status").inner_text()

    # 3. The partner answers.
    page.goto(f"/partner/payments/{request_id}/")
    assert "Which division" in page.get_by_test_id("payment-question").inner_text()
    page.fill("[data-testid=answer-form] textarea", "The Berlin division.")
    shot(page, "4-answer")
    page.get_by_test_id("answer-button").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("payment-status").inner_text() == "Validating"

    # 4. The reviewer approves, builds the March EUR run, downloads both files and confirms.
    operator.reload()
    operator.get_by_test_id("approve-button").click()
    operator.wait_for_load_state("networkidle")
    assert operator.get_by_test_id("payment-status").inner_text() == "Approved"
    operator.goto("/operator/payments/runs/")
    operator.fill("[data-testid=run-form] input[name=month]", "2021-03")
    operator.fill("[data-testid=run-form] input[name=currency]", "EUR")
    operator.get_by_test_id("build-run").click()
    operator.wait_for_load_state("networkidle")
    shot(operator, "5-run")
    with operator.expect_download() as csv_download:
        operator.get_by_test_id("download-csv").click()
    csv_path = tmp_path / "run.csv"
    csv_download.value.save_as(csv_path)
    assert request_id in csv_path.read_text()
    with operator.expect_download() as xml_download:
        operator.get_by_test_id("download-pain001").click()
    xml_path = tmp_path / "run.xml"
    xml_download.value.save_as(xml_path)
    import os

    import sepaxml

    schema = os.path.join(os.path.dirname(sepaxml.__file__), "schemas", "pain.001.001.03.xsd")
    xmlschema.XMLSchema(schema).validate(xml_path.read_text())
    assert operator.get_by_test_id("confirm-run").count() == 0  # the builder never confirms
    run_url = operator.url
    checker = session(browser, live_server, second.user.email)
    checker.goto(run_url)
    checker.get_by_test_id("confirm-checked").check()
    checker.get_by_test_id("confirm-run").click()
    checker.get_by_test_id("confirm-ok").click()  # the dialog before an irreversible step
    checker.wait_for_load_state("networkidle")
    assert checker.get_by_test_id("run-status").inner_text() == "Confirmed (paid)"
    shot(checker, "6-run-confirmed")

    # 5. The partner sees "Paid" and the whole timeline.
    page.goto(f"/partner/payments/{request_id}/")
    assert page.get_by_test_id("payment-status").inner_text() == "Paid"
    timeline = page.get_by_test_id("payment-timeline").inner_text()
    for label in ("Submitted", "Held", "Approved", "In a payment run", "Paid"):
        assert label in timeline
    shot(page, "7-partner-paid")
