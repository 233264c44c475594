"""Playwright journey: a program admin advances the sandbox clock, sees the job runs of the days
passed, and reads the reminder emails the jobs wrote on the Mail page (R-TIME-1, section 7)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planserv.jobs.models import RunnerState
from planserv.jobs.registry import daily_jobs
from tests.conftest import browser_login
from tests.factories import customers as customer_factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_admin_moves_the_clock_and_reads_the_mail_the_jobs_sent(page, persona, pin_clock):
    start = dt.date(2021, 5, 25)
    pin_clock(start)
    RunnerState.objects.update_or_create(singleton=1, defaults={"completed_through": start})
    customer = persona("benefits_admin")
    # Woodgrove has available days: the removal reminders tell it how many (customers capability).
    agreement = customer_factory.agreement(customer.organisation, licensing_id="EA-WOOD-1")
    customer_factory.grant(agreement, 12)
    admin = persona("program_admin")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    browser_login(page, admin.email)
    page.get_by_role("link", name="Operations", exact=True).first.click()
    page.get_by_role("link", name="Sandbox controls").first.click()
    assert "Tuesday 25 May 2021" in page.get_by_test_id("clock-today").inner_text()
    page.fill("#id_days", "10")
    page.get_by_test_id("advance-clock").click()
    page.wait_for_load_state("networkidle")
    assert "Program date moved to 4 June 2021" in page.locator(".flash").inner_text()
    assert "Friday 4 June 2021" in page.get_by_test_id("clock-today").inner_text()
    runs = page.get_by_test_id("moved-runs")
    assert runs.locator("tbody tr").count() == 10 * len(daily_jobs())
    assert "messages: 1" in runs.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "operator-sandbox-clock.png"), full_page=True)

    page.get_by_role("link", name="Job runs").first.click()
    assert "4 June 2021" in page.get_by_test_id("completed-through").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "operator-job-runs.png"), full_page=True)

    page.get_by_role("link", name="Mail").first.click()
    table = page.get_by_test_id("mail")
    assert table.locator("tbody tr").count() == 2
    assert customer.email in table.inner_text()
    assert page.get_by_test_id("count-sent").inner_text() == "2"
    page.screenshot(path=str(SCREENSHOTS / "operator-mail.png"), full_page=True)

    page.get_by_role(
        "link", name="In 30 days: Remaining days removed on Thursday 1 July 2021"
    ).click()
    plain = page.get_by_test_id("plain-text").inner_text()
    assert "What Woodgrove Bank stands to lose" in plain
    assert "by Wednesday 30 June 2021" in plain
    assert "12 days: available on agreement EA-WOOD-1" in plain
    frame = page.frame_locator("iframe.email-frame")
    assert "What you need to do" in frame.locator(".action").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "operator-mail-message.png"), full_page=True)
