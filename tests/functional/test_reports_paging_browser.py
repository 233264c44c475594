"""Issue 22: the funnel by agreement shows the top N by liability a page at a time, with "Next" and
"Previous" links that keep the grouping, and the CSV holds every row. Saves
docs/screenshots/reports-paging-1280.png and reports-paging-390.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import browser_login

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_the_funnel_pages_through_the_agreements_largest_liability_first(
    page: Any, pin_clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planserv.portal.shared import reports as views
    from planserv_dev.demo.builder import build_demo
    from planserv_dev.demo.context import DEFAULT_DEMO_DATE, DEMO_PASSWORD

    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    build_demo(today=DEFAULT_DEMO_DATE)
    page.set_viewport_size({"width": 1280, "height": 900})
    browser_login(page, "admin@operator.demo", DEMO_PASSWORD)
    page.goto("/operator/reports/funnel/?group_by=agreement")
    table = page.get_by_test_id("table-funnel")
    assert table.locator("tbody tr").count() == 3
    pager = page.get_by_test_id("pager-funnel")
    assert "Rows 1–3 of" in pager.inner_text() and "largest first" in pager.inner_text()
    first = [
        int(text.replace(",", ""))
        for text in table.locator("tbody tr td:last-child").all_inner_texts()
    ]
    assert first == sorted(first, reverse=True)
    pager.scroll_into_view_if_needed()
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS / "reports-paging-1280.png"), full_page=False)
    page.get_by_test_id("pager-next").click()
    page.wait_for_load_state("networkidle")
    assert "group_by=agreement" in page.url and "page=2" in page.url
    second = [
        int(text.replace(",", ""))
        for text in table.locator("tbody tr td:last-child").all_inner_texts()
    ]
    assert max(second) <= min(first)
    assert "Rows 4–" in page.get_by_test_id("pager-funnel").inner_text()
    page.get_by_test_id("pager-previous").click()
    page.wait_for_load_state("networkidle")
    assert "Rows 1–3 of" in page.get_by_test_id("pager-funnel").inner_text()
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_test_id("pager-funnel").scroll_into_view_if_needed()
    page.screenshot(path=str(DOCS / "reports-paging-390.png"), full_page=False)
