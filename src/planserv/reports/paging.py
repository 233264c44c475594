"""Which table of a report is long (a row per agreement or organisation: 100,000 on the full data
set) and how it is ranked, so the portal page, the JSON API and the CSV agree: the page and the
API show the top N a page at a time, largest first, and the CSV has every row in the same order.

- The funnel's `funnel` table (every grouping): by liability when grouped by agreement or
  country; by offering and by deadline bucket the groups are few and keep their own order.
- The retirement impact's `organisations`: by the days at stake (days removed + in vouchers at
  risk + of payments at risk).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from planserv.reports.tables import Report, Table, table_page

# The organisations a milestone touches, ranked by the days at stake.
AT_STAKE = ("days_removed", "voucher_days_at_risk", "payment_days_at_risk")
RANKED_GROUPS = ("agreement", "country")


@dataclass(frozen=True)
class Paged:
    table: str  # the key of the report's long table
    rank_by: tuple[str, ...]  # columns summed for the order, largest first (none: own order)


def paged_table_of(report: Report) -> Paged | None:
    """The long table of `report` and its ranking; None for a report without one."""
    if report.key == "funnel":
        group_by = report.meta.get("group_by")
        return Paged("funnel", ("liability",) if group_by in RANKED_GROUPS else ())
    if report.key == "retirement_impact":
        return Paged("organisations", AT_STAKE)
    return None


def ranked(report: Report) -> Report:
    """The report with its long table in page order (so a page is a slice of the CSV)."""
    paged = paged_table_of(report)
    if paged is None or not paged.rank_by:
        return report
    tables = []
    for table in report.tables:
        if table.key == paged.table:
            everything, _ = table_page(table, rank_by=paged.rank_by, size=max(1, len(table.rows)))
            table = replace(table, rows=everything.rows)
        tables.append(table)
    return replace(report, tables=tables)


def offset_slice(table: Table, *, offset: int, limit: int) -> tuple[Table, int]:
    """Rows `offset` … `offset + limit - 1` of an already ranked table, and the total rows."""
    rows = table.rows[offset : offset + limit]
    return replace(table, rows=rows), len(table.rows)
