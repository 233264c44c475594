"""Demo data of the reports capability."""

from __future__ import annotations

from planserv_dev.demo.context import DemoContext


def build(context: DemoContext) -> None:
    """Nothing to add: the earlier steps' vouchers, ledger and payments already put organisations
    at risk at both retirement milestones the reports show (docs/reports.md, tested by
    tests/reports/test_report_figures.py and tests/functional/test_reports_browser.py)."""
