"""Playwright journey (support): a partner in Germany opens a support request in the browser and an
EMEA support agent answers it, the partner sees the answer; a partner in the United States lands
in the general queue, which the EMEA agent's queue does not show (R-SUP-1, R-SUP-5)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planserv.notifications.models import OutboxMessage
from planserv.support.models import SupportRequest
from tests.conftest import browser_login
from tests.factories import accounts as account_factory
from tests.factories import support as support_factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"support-{name}.png"), full_page=True)


def open_request(page, *, subject: str, message: str, attachment: Path | None = None) -> None:
    page.goto("/")
    page.get_by_role("link", name="Support", exact=True).click()
    page.get_by_test_id("new-support-request").click()
    page.fill("#id_subject", subject)
    page.select_option("#id_category", "retirement")
    page.fill("#id_message", message)
    if attachment is not None:
        page.set_input_files("#id_attachments", str(attachment))
    page.get_by_role("button", name="Send request").click()
    page.wait_for_load_state("networkidle")


def test_german_partner_asks_emea_answers_us_partner_goes_to_general(
    page, browser, live_server, persona, operator_org, pin_clock, tmp_path
):
    pin_clock(dt.date(2021, 6, 15))
    german = persona("partner_admin")  # the partner fixture organisation is in Germany
    american_org = account_factory.organisation("partner", name="Fabrikam Partners", country="US")
    american = persona("partner_admin", american_org)
    emea_agent = support_factory.agent(operator_org, "emea", email="emea@operator.test")

    # 1. The German partner opens a request, with a file, from the Support page.
    plan = tmp_path / "engagement-plan.pdf"
    plan.write_bytes(support_factory.pdf_bytes())
    browser_login(page, german.email)
    page.goto("/partner/support/new/")
    assert page.get_by_test_id("routed-queue").inner_text() == "EMEA Partner Support"
    shot(page, "1-new-request-form")
    open_request(
        page,
        subject="Can we redeem after the removal on 1 July?",
        message="Our voucher was assigned in June; the workshop is in July.",
        attachment=plan,
    )
    assert page.get_by_test_id("support-queue").inner_text() == "EMEA Partner Support"
    assert page.get_by_test_id("support-status").inner_text() == "Open"
    assert "engagement-plan.pdf" in page.get_by_test_id("support-thread").inner_text()
    shot(page, "2-partner-request-opened")
    german_request = SupportRequest.objects.get(organisation=german.organisation)

    # 2. The US partner opens a request in its own browser session: it goes to general.
    other = browser.new_context(base_url=live_server.url)
    us_page = other.new_page()
    browser_login(us_page, american.email)
    open_request(us_page, subject="Payment window question", message="Until when can we file?")
    assert us_page.get_by_test_id("support-queue").inner_text() == "General Partner Support"
    other.close()

    # 3. The EMEA agent sees only the German request in its queue and answers it.
    agent_context = browser.new_context(base_url=live_server.url)
    agent_page = agent_context.new_page()
    browser_login(agent_page, emea_agent.user.email)
    agent_page.get_by_role("link", name="Support queue").click()
    queue = agent_page.get_by_test_id("support-requests").inner_text()
    assert "Can we redeem after the removal on 1 July?" in queue
    assert "Payment window question" not in queue
    shot(agent_page, "3-emea-queue")
    agent_page.get_by_role("link", name=german_request.reference).click()
    assert "engagement-plan.pdf" in agent_page.get_by_test_id("support-thread").inner_text()
    agent_page.fill(
        "#id_body",
        "Yes: a voucher assigned by 30 June keeps its days. Redeem it by 1 January 2022.",
    )
    agent_page.select_option("#id_then_status", "waiting_on_requester")
    agent_page.get_by_role("button", name="Send reply").click()
    agent_page.wait_for_load_state("networkidle")
    assert agent_page.get_by_test_id("support-status").inner_text() == "Waiting on requester"
    shot(agent_page, "4-agent-answered")
    agent_context.close()

    # 4. The German partner sees the answer; the requester was emailed.
    page.reload()
    thread = page.get_by_test_id("support-thread").inner_text()
    assert "Redeem it by 1 January 2022." in thread
    assert page.get_by_test_id("support-status").inner_text() == "Waiting on requester"
    assert "First response" in page.get_by_test_id("response-clock").inner_text()
    shot(page, "5-partner-sees-answer")
    email = OutboxMessage.objects.get(template="support_reply")
    assert email.to_email == german.email
    assert SupportRequest.objects.get(organisation=american_org).queue.code == "general"
