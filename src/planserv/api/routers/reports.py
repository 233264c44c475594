"""API operations of the reports (domain.md section 9, api.md `GET /api/v1/reports/…`).

Every report answers JSON (`ReportOut`: named tables of columns and rows) or, with
`Accept: text/csv` or `?format=csv`, one of its tables as CSV (`?table=`, default the first).
Operators read the whole program; customers and partner firms their own slice (R-ROLE-1).
A long table (the funnel's groups, the retirement impact's organisations) comes a page at a time,
ranked as on the portal, with `?cursor=&limit=` like the lists; its CSV has every row in the same
order (reports/paging.py).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from planserv.api.auth import actor_of
from planserv.api.pagination import offset_cursor, offset_window
from planserv.api.schemas.common import ERRORS
from planserv.api.schemas.reports import (
    ColumnOut,
    ExportQuery,
    FunnelQuery,
    ImpactQuery,
    PagedQuery,
    ReportOut,
    SliceQuery,
    TableOut,
)
from planserv.core import clock
from planserv.core.csv_export import csv_response
from planserv.reports.paging import offset_slice, paged_table_of, ranked
from planserv.reports.selectors import (
    report_customer,
    report_dashboard,
    report_funnel,
    report_partner,
    report_retirement_impact,
    report_retirement_organisation,
    report_table,
)
from planserv.reports.tables import Report, Table, table_csv_lines

router = Router(tags=["reports"])


REPORT_RESPONSES: dict[str, Any] = {
    "responses": {
        "200": {
            "description": "The report as JSON, or one of its tables as CSV.",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ReportOut"}},
                "text/csv": {"schema": {"type": "string"}},
            },
        }
    }
}
RESPONSES: dict[int, Any] = {200: ReportOut, **ERRORS}


def _wants_csv(request: HttpRequest, query: ExportQuery) -> bool:
    if query.format:
        return query.format == "csv"
    return "text/csv" in request.headers.get("Accept", "")


def _answer(request: HttpRequest, report: Report, query: ExportQuery) -> Any:
    paged = paged_table_of(report)
    window = None
    if isinstance(query, PagedQuery) and paged is not None:
        window = offset_window(cursor=query.cursor, limit=query.limit)  # checked for CSV too
    report = ranked(report)
    if _wants_csv(request, query):
        table = report_table(report, query.table)
        name = f"{report.key}-{table.key}-{report.as_of.isoformat()}.csv"
        return csv_response(table_csv_lines(table), filename=name)
    return report_out(report, paged=paged.table if paged else None, window=window)


def _table_out(
    table: Table, *, total: int | None = None, next_cursor: str | None = None
) -> TableOut:
    return TableOut(
        key=table.key,
        title=table.title,
        note=table.note,
        columns=[ColumnOut(key=c.key, label=c.label, numeric=c.numeric) for c in table.columns],
        rows=table.rows,
        total_rows=total,
        next_cursor=next_cursor,
    )


def report_out(
    report: Report, *, paged: str | None = None, window: tuple[int, int] | None = None
) -> ReportOut:
    """The report as JSON; the `paged` table only the rows of `window` (offset, size)."""
    tables = []
    for table in report.tables:
        if table.key == paged and window is not None:
            offset, size = window
            shown, total = offset_slice(table, offset=offset, limit=size)
            more = offset + size < total
            tables.append(
                _table_out(
                    shown, total=total, next_cursor=offset_cursor(offset + size) if more else None
                )
            )
        else:
            tables.append(_table_out(table))
    return ReportOut(
        report=report.key, title=report.title, as_of=report.as_of, meta=report.meta, tables=tables
    )


@router.get(
    "/reports/dashboard",
    response=RESPONSES,
    openapi_extra=REPORT_RESPONSES,
    operation_id="getDashboardReport",
    summary="Program dashboard report",
)
def dashboard(request: HttpRequest, query: Query[ExportQuery]) -> Any:
    """The program dashboard (operators): vouchers by state over time, days flow, payments by
    status and country, partner firms by offering."""
    report = report_dashboard(actor=actor_of(request), today=clock.today())
    return _answer(request, report, query)


@router.get(
    "/reports/funnel",
    response=RESPONSES,
    openapi_extra=REPORT_RESPONSES,
    operation_id="getFunnelReport",
    summary="Days funnel report",
)
def funnel(request: HttpRequest, query: Query[FunnelQuery]) -> Any:
    """Days at each stage (available … paid) by agreement, offering, country or deadline
    bucket; operators all, others their own slice. The `funnel` table comes a page at a time
    (`?cursor=&limit=`; by agreement or country the largest liability first); its CSV has
    every row."""
    report = report_funnel(actor=actor_of(request), today=clock.today(), group_by=query.group_by)
    return _answer(request, report, query)


@router.get(
    "/reports/retirement-impact",
    response=RESPONSES,
    openapi_extra=REPORT_RESPONSES,
    operation_id="getRetirementImpactReport",
    summary="Retirement impact report",
)
def retirement_impact(request: HttpRequest, query: Query[ImpactQuery]) -> Any:
    """What a coming milestone will do, by organisation: days removed, vouchers and payments at
    risk (docs/reports.md: the pace rule). The `organisations` table comes a page at a time
    (`?cursor=&limit=`, the most days at stake first); its CSV has every row."""
    report = report_retirement_impact(
        actor=actor_of(request), today=clock.today(), milestone_key=query.milestone
    )
    return _answer(request, report, query)


@router.get(
    "/reports/retirement-impact/{milestone}/organisations/{organisation}",
    response=RESPONSES,
    openapi_extra=REPORT_RESPONSES,
    operation_id="getRetirementOrganisationReport",
    summary="One organisation's retirement impact",
)
def retirement_organisation(
    request: HttpRequest,
    milestone: str,
    organisation: str,
    query: Query[ExportQuery],
) -> Any:
    """One organisation's drill-down lists and the milestone notice it will get (rendered only)."""
    report = report_retirement_organisation(
        actor=actor_of(request),
        today=clock.today(),
        milestone_key=milestone[:40],
        organisation_id=organisation[:32],
    )
    return _answer(request, report, query)


@router.get(
    "/reports/customer",
    response=RESPONSES,
    openapi_extra=REPORT_RESPONSES,
    operation_id="getCustomerReport",
    summary="A customer's report slice",
)
def customer(request: HttpRequest, query: Query[SliceQuery]) -> Any:
    """A customer's slice: days per agreement, vouchers by state, open vouchers with deadlines."""
    report = report_customer(
        actor=actor_of(request), today=clock.today(), organisation_id=query.organisation
    )
    return _answer(request, report, query)


@router.get(
    "/reports/partner",
    response=RESPONSES,
    openapi_extra=REPORT_RESPONSES,
    operation_id="getPartnerReport",
    summary="A partner firm's report slice",
)
def partner(request: HttpRequest, query: Query[SliceQuery]) -> Any:
    """A partner firm's slice: vouchers it holds with deadlines, and its payment pipeline."""
    report = report_partner(
        actor=actor_of(request), today=clock.today(), organisation_id=query.organisation
    )
    return _answer(request, report, query)
