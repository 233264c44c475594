"""Browser journey (issue: done criteria): a benefits_admin activates an agreement, converts
training days before 2020-02-01 and sees the balances and the chart; an operator pins the clock to
2021-07-01 and sees the available days removed everywhere, once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planserv.customers.models import LedgerEntry
from planserv.customers.selectors import agreement_balances
from planserv.customers.services import training_grant
from planserv.jobs.models import RunnerState
from tests.conftest import ApiClient, browser_login
from tests.customers.ledger_checks import assert_ledger_consistent
from tests.factories import accounts as account_factory
from tests.factories import customers as factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
START = dt.date(2020, 1, 15)


def watch_console(page):
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and "favicon" not in (message.location or {}).get("url", "")
            and problems.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_benefits_admin_activates_converts_and_the_operator_sees_the_removal(
    page, browser, live_server, persona, customer_org, pin_clock
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    agreement = factory.agreement(
        customer_org,
        licensing_id="EA-JOURNEY-1",
        start_date=dt.date(2019, 7, 1),
        end_date=dt.date(2022, 6, 30),
        coverage={"applications": 800, "servers": 150},
        today=dt.date(2019, 9, 2),
    )
    other = factory.agreement(
        account_factory.organisation("customer", name="Litware"),
        licensing_id="OV-OTHER-1",
        start_date=dt.date(2019, 3, 1),
        end_date=dt.date(2021, 2, 28),
        today=dt.date(2019, 9, 2),
    )
    training_grant(
        agreement=agreement,
        training_days=6,
        reason="training vouchers of 2019",
        actor=factory.OPERATOR,
        today=dt.date(2019, 9, 2),
        at=factory.at(dt.date(2019, 9, 2)),
    )
    pin_clock(START)
    RunnerState.objects.update_or_create(singleton=1, defaults={"completed_through": START})
    admin = persona("benefits_admin", customer_org)
    problems = watch_console(page)

    browser_login(page, admin.email)
    page.get_by_role("link", name="Agreements", exact=True).click()
    page.get_by_role("link", name="EA-JOURNEY-1").click()
    assert page.locator("h1").inner_text() == "EA-JOURNEY-1"
    assert "Training conversion ends" in page.get_by_test_id("days-impact").inner_text()
    page.get_by_test_id("activate").click()
    page.get_by_test_id("confirm-ok").click()  # activation cannot be undone: a dialog asks first
    assert (
        "Planning Services are active on EA-JOURNEY-1"
        in page.locator(".flash-success").inner_text()
    )
    assert "activated" in page.get_by_test_id("activation").inner_text()

    page.fill("#id_training_days", "4")
    page.get_by_test_id("convert").click()
    assert (
        "4 training days converted into 4 planning days"
        in page.locator(".flash-success").inner_text()
    )
    available = page.locator('[data-testid="balances"] [data-account="available"] strong')
    assert available.inner_text() == "12"
    assert page.locator('[data-account="training"] strong').inner_text() == "2"
    page.wait_for_function("window.Chart && Chart.getChart(document.getElementById('days-chart'))")
    assert page.locator("#days-chart").bounding_box()["height"] > 100
    assert page.get_by_test_id("days-table").locator("tbody tr").count() == 2  # 2019-07-01, today
    assert "Training conversion" in page.get_by_test_id("ledger").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "customer-agreement-detail.png"), full_page=True)

    page.fill("#id_training_days", "3")
    page.get_by_test_id("convert").click()
    assert "2 training days" in page.locator(".flash-error").inner_text()
    assert problems == [], "\n".join(problems)

    operator = persona("program_admin")
    moved = ApiClient(operator.membership).post("/clock", {"date": "2021-07-01"})
    assert moved.status_code == 200, moved.content
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    operator_page = context.new_page()
    operator_problems = watch_console(operator_page)
    browser_login(operator_page, operator.email)
    operator_page.get_by_role("link", name="Agreements", exact=True).click()
    table = operator_page.get_by_test_id("agreements").inner_text()
    assert "EA-JOURNEY-1" in table and "OV-OTHER-1" in table
    operator_page.screenshot(
        path=str(SCREENSHOTS / "operator-agreements-after-removal.png"), full_page=True
    )
    for licensing_id, expected in (("EA-JOURNEY-1", agreement), ("OV-OTHER-1", other)):
        balances = agreement_balances(expected)
        assert (balances["available"], balances["removed"]) == (0, balances["removed"])
        assert balances["removed"] > 0
        assert LedgerEntry.objects.filter(agreement=expected, cause="removal").count() == 1
        row = operator_page.get_by_role("row").filter(has_text=licensing_id)
        cells = row.locator("td.num").all_inner_texts()
        assert cells[1] == "0" and cells[-1] == str(balances["removed"])
    operator_page.get_by_role("link", name="EA-JOURNEY-1").click()
    assert "Removal of remaining days" in operator_page.get_by_test_id("ledger").inner_text()
    operator_page.screenshot(
        path=str(SCREENSHOTS / "operator-agreement-detail.png"), full_page=True
    )
    operator_page.get_by_role("link", name="Agreements").first.click()
    operator_page.get_by_role("link", name="Ledger check").click()
    assert operator_page.get_by_test_id("ledger-clean").is_visible()
    assert operator_problems == []
    context.close()

    page.goto("/customer/agreements/EA-JOURNEY-1/")
    assert page.locator('[data-account="available"] strong').inner_text() == "0"
    assert "Removal of remaining days" in page.get_by_test_id("ledger").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "customer-agreement-after-removal.png"), full_page=True)
    assert_ledger_consistent()
