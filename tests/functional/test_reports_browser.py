"""Issue #8 done-when, the reports part: on the demo data an operator sees the dashboard with its
charts, opens the retirement impact for the 2021-07-01 and 2022-01-01 milestones and finds the
organisations at risk (with the drill-down and the notice preview), and exports the funnel as CSV.
Saves docs/screenshots/reports-dashboard.png and reports-retirement-impact.png (README tour)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from tests.conftest import browser_login

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def shot(page: Any, name: str) -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS / f"{name}.png"), full_page=False)


def test_operator_reads_the_reports_on_the_demo(page: Any, pin_clock: Any) -> None:
    from planserv_dev.demo.builder import build_demo
    from planserv_dev.demo.context import DEFAULT_DEMO_DATE, DEMO_PASSWORD

    build_demo(today=DEFAULT_DEMO_DATE)
    page.set_viewport_size({"width": 1400, "height": 1050})
    browser_login(page, "admin@operator.demo", DEMO_PASSWORD)
    page.get_by_role("link", name="Reports", exact=True).click()
    page.get_by_test_id("open-dashboard").click()
    page.wait_for_load_state("networkidle")
    charts = page.locator("canvas[data-report-chart]")
    assert charts.count() == 5
    page.wait_for_selector("canvas[data-drawn='true']")
    assert page.locator("canvas[data-drawn='true']").count() == 5  # Chart.js drew every chart
    assert "Remaining days" not in page.title()
    table = page.get_by_test_id("table-vouchers_now").inner_text()
    assert "redeemed" in table
    page.locator("#vouchers_by_state-heading").scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "reports-dashboard")

    # The retirement impact: the removal on 2021-07-01 …
    page.goto("/operator/reports/retirement-impact/")
    page.get_by_test_id("milestone-removal").click()
    page.wait_for_load_state("networkidle")
    assert "2021-07-01" in page.get_by_test_id("milestone-date").inner_text()
    organisations = page.get_by_test_id("table-organisations").inner_text()
    for name in ("Proseware Retail plc", "Woodgrove Bank", "Litware Industrie AG"):
        assert name in organisations
    page.wait_for_selector("canvas[data-drawn='true']")
    shot(page, "reports-retirement-impact")
    page.get_by_test_id("table-organisations").get_by_role(
        "link", name="Proseware Retail plc"
    ).click()
    page.wait_for_load_state("networkidle")
    assert "EA-PW-2019-05" in page.get_by_test_id("table-days_removed").inner_text()
    assert "assigned" in page.get_by_test_id("table-vouchers_at_risk").inner_text()
    notice = page.get_by_test_id("notice-preview").inner_text()
    assert "What Proseware Retail plc stands to lose" in notice
    assert "43 days" in notice

    # … and the last redemption day on 2022-01-01: a partner firm with vouchers and payments.
    page.goto("/operator/reports/retirement-impact/")
    page.get_by_test_id("milestone-last_redemption_day").click()
    page.wait_for_load_state("networkidle")
    assert "2022-01-01" in page.get_by_test_id("milestone-date").inner_text()
    organisations = page.get_by_test_id("table-organisations").inner_text()
    assert "Fabrikam Partners Inc." in organisations
    page.get_by_test_id("table-organisations").get_by_role(
        "link", name="Fabrikam Partners Inc."
    ).click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("table-payments_at_risk").locator("tbody tr").count() >= 1
    assert "Deliver, report and redeem" in page.get_by_test_id("notice-preview").inner_text()

    # The funnel, exported as CSV: the file holds the rows on the screen.
    page.goto("/operator/reports/")
    page.get_by_test_id("open-funnel").click()
    page.select_option("#group_by", "agreement")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state("networkidle")
    screen = page.get_by_test_id("table-funnel").inner_text()
    with page.expect_download() as download:
        page.get_by_test_id("csv-funnel").click()
    path = download.value.path()
    rows = list(csv.reader(io.StringIO(Path(path).read_text())))
    assert rows[0][:2] == ["group", "available"]
    assert {row[0] for row in rows[1:]} == {
        "EA-PW-2019-05",
        "EA-WG-2019-01",
        "MPSA-LW-2019-10",
        "OV-LW-2019-03",
        "SEL-WG-2019-07",
    }
    for row in rows[1:]:
        assert row[0] in screen
