"""Report pages of every side (domain.md section 9): the operator's reports index, dashboard,
funnel and retirement impact (with a drill-down per organisation), and the customer's and the
partner's own slices. Each page shows the `Report` a reports selector computed: charts drawn by
static/portal/reports.js from JSON data islands (CSP: no inline script), a table beside each
chart with the same numbers, and a CSV link (`?format=csv&table=<key>`) that exports exactly
those rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponseBadRequest, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from planserv.core import clock
from planserv.core.csv_export import csv_response
from planserv.core.errors import InvalidInput
from planserv.core.types import OrganisationKind
from planserv.portal.decorators import actor_of, portal_view
from planserv.program.selectors import milestone_next, milestones_list
from planserv.reports.paging import paged_table_of, ranked
from planserv.reports.scope import OPERATOR_READERS
from planserv.reports.selectors import (
    FUNNEL_GROUPS,
    report_customer,
    report_dashboard,
    report_funnel,
    report_partner,
    report_retirement_impact,
    report_retirement_organisation,
    report_table,
)
from planserv.reports.tables import TOP_N, Page, Report, Table, table_csv_lines, table_page

OPERATOR = (OrganisationKind.OPERATOR,)
CUSTOMER = (OrganisationKind.CUSTOMER,)
PARTNER = (OrganisationKind.PARTNER,)
Links = dict[str, Callable[[list[Any]], str | None]]
PAGE_SIZE = TOP_N  # rows of a ranked report table per page; the CSV has them all


def _csv_or_none(request: HttpRequest, report: Report) -> HttpResponseBase | None:
    if request.GET.get("format") != "csv":
        return None
    try:
        table = report_table(ranked(report), request.GET.get("table"))  # the pages' order
    except InvalidInput as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    name = f"{report.key}-{table.key}-{report.as_of.isoformat()}.csv"
    return csv_response(table_csv_lines(table), filename=name)


def _page_number(request: HttpRequest) -> int:
    text = request.GET.get("page", "1")
    return int(text) if text.isdigit() and len(text) < 7 else 1


def _pager(request: HttpRequest, page: Page, keep: tuple[str, ...]) -> dict[str, Any]:
    params = {key: request.GET[key] for key in keep if request.GET.get(key)}

    def link(number: int) -> str:
        return f"{request.path}?{urlencode({**params, 'page': number})}"

    return {
        "page": page,
        "previous_url": link(page.number - 1) if page.has_previous else None,
        "next_url": link(page.number + 1) if page.has_next else None,
    }


def table_view(
    request: HttpRequest,
    table: Table,
    *,
    links: Links | None = None,
    keep: tuple[str, ...] = (),
    page: Page | None = None,
) -> dict[str, Any]:
    """A table for the template: header, rows of cells (value, numeric, link), its CSV link (the
    complete table, every page) and, for a ranked table shown a page at a time, the pager."""
    params = {key: request.GET[key] for key in keep if request.GET.get(key)}
    params.update(format="csv", table=table.key)
    rows = []
    for row in table.rows:
        cells = []
        for column, value in zip(table.columns, row, strict=True):
            href = (links or {}).get(column.key)
            cells.append(
                {
                    "value": "—" if value is None else value,
                    "numeric": column.numeric,
                    "href": href(row) if href else None,
                }
            )
        rows.append(cells)
    return {
        "key": table.key,
        "title": table.title,
        "note": table.note,
        "columns": table.columns,
        "rows": rows,
        "csv_url": f"{request.path}?{urlencode(params)}",
        "pager": _pager(request, page, keep) if page is not None else None,
    }


def chart(
    table: Table,
    *,
    label: str | Callable[[list[Any]], str],
    series: list[str],
    kind: str = "bar",
    stacked: bool = False,
    horizontal: bool = False,
    y_title: str = "",
) -> dict[str, Any]:
    """A Chart.js spec from a table's columns (the chart shows exactly the table's numbers)."""
    keys = [column.key for column in table.columns]
    labels = [label(row) if callable(label) else str(row[keys.index(label)]) for row in table.rows]
    columns = {column.key: column for column in table.columns}
    return {
        "id": f"chart-{table.key}",
        "data_id": f"chart-{table.key}-data",
        "type": kind,
        "labels": labels,
        "stacked": stacked,
        "horizontal": horizontal,
        "y_title": y_title,
        "series": [
            {"key": key, "label": columns[key].label, "values": table.column(key)} for key in series
        ],
    }


def _panel(
    request: HttpRequest,
    table: Table,
    chart_spec: dict[str, Any] | None = None,
    *,
    links: Links | None = None,
    keep: tuple[str, ...] = (),
    wide: bool = False,
    page: Page | None = None,
) -> dict[str, Any]:
    """A chart with its table: side by side, or (wide tables) the chart above the table."""
    return {
        "table": table_view(request, table, links=links, keep=keep, page=page),
        "chart": chart_spec,
        "wide": wide,
    }


@portal_view(kinds=OPERATOR, roles=OPERATOR_READERS)
def reports_index(request: HttpRequest) -> HttpResponseBase:
    return render(request, "portal/operator/reports_index.html", {})


@portal_view(kinds=OPERATOR, roles=OPERATOR_READERS)
def dashboard(request: HttpRequest) -> HttpResponseBase:
    report = report_dashboard(actor=actor_of(request), today=clock.today())
    csv = _csv_or_none(request, report)
    if csv is not None:
        return csv
    t = report.table
    states = ["assigned", "reserved", "delivered", "redeemed", "expired", "cancelled"]
    flows = list(report.meta["flows"])
    panels = [
        _panel(
            request,
            t("vouchers_by_state"),
            chart(
                t("vouchers_by_state"),
                label="month",
                series=states,
                stacked=True,
                y_title=_("vouchers"),
            ),
            wide=True,
        ),
        _panel(
            request,
            t("days_flow_by_month"),
            chart(t("days_flow_by_month"), label="month", series=flows, y_title=_("days")),
            wide=True,
        ),
        _panel(
            request,
            t("payments_by_status"),
            chart(
                t("payments_by_status"),
                label=lambda r: f"{r[0]} ({r[1]})",
                series=["requests"],
                y_title=_("requests"),
            ),
        ),
        _panel(
            request,
            t("payments_by_country"),
            chart(
                t("payments_by_country"),
                label=lambda r: f"{r[0]} ({r[1]})",
                series=["amount", "paid", "open_amount"],
                y_title=_("amount"),
            ),
            wide=True,
        ),
        _panel(
            request,
            t("partners_by_offering"),
            chart(
                t("partners_by_offering"),
                label="offering",
                series=["enrolled", "ever"],
                horizontal=True,
                y_title=_("firms"),
            ),
            wide=True,  # four columns with the offerings' names: beside the chart it was clipped
        ),
    ]
    side_tables = [
        table_view(request, t("vouchers_now")),
        table_view(request, t("days_flow")),
        table_view(request, t("days_by_account")),
    ]
    return render(
        request,
        "portal/operator/reports_dashboard.html",
        {"report": report, "panels": panels, "side_tables": side_tables},
    )


@portal_view(kinds=OPERATOR, roles=OPERATOR_READERS)
def funnel(request: HttpRequest) -> HttpResponseBase:
    group_by = request.GET.get("group_by") or "agreement"
    if group_by not in FUNNEL_GROUPS:
        group_by = "agreement"
    report = report_funnel(actor=actor_of(request), today=clock.today(), group_by=group_by)
    csv = _csv_or_none(request, report)
    if csv is not None:
        return csv
    totals = report.table("funnel_totals")
    # Many groups (an agreement each): the page ranks them by liability and shows the top N.
    paged = paged_table_of(report)
    assert paged is not None
    main, page = table_page(
        report.table(paged.table), rank_by=paged.rank_by, page=_page_number(request), size=PAGE_SIZE
    )
    return render(
        request,
        "portal/operator/reports_funnel.html",
        {
            "report": report,
            "group_by": group_by,
            "groups": FUNNEL_GROUPS,
            "main": _panel(request, main, keep=("group_by",), wide=True, page=page),
            "totals": _panel(
                request,
                totals,
                chart(totals, label="label", series=["days"], horizontal=True, y_title=_("days")),
                keep=("group_by",),
            ),
        },
    )


@portal_view(kinds=OPERATOR, roles=OPERATOR_READERS)
def retirement_impact(request: HttpRequest) -> HttpResponseBase:
    milestone = request.GET.get("milestone") or None
    today = clock.today()
    all_passed = milestone_next(today=today) is None
    if milestone is None and all_passed:
        last = milestones_list().last()  # every milestone has passed: show the last one
        milestone = last.key if last is not None else None
    report = report_retirement_impact(actor=actor_of(request), today=today, milestone_key=milestone)
    csv = _csv_or_none(request, report)
    if csv is not None:
        return csv
    key = report.meta["milestone"]
    paged = paged_table_of(report)
    assert paged is not None
    organisations, page = table_page(
        report.table(paged.table), rank_by=paged.rank_by, page=_page_number(request), size=PAGE_SIZE
    )

    def drill(row: list[Any]) -> str:
        return reverse("portal:operator_report_retirement_org", args=[key, row[0]])

    return render(
        request,
        "portal/operator/reports_retirement.html",
        {
            "report": report,
            "milestones": report.table("milestones").as_dicts(),
            "all_passed": all_passed,
            "main": _panel(
                request,
                organisations,
                chart(
                    organisations,
                    label="name",
                    series=["days_removed", "voucher_days_at_risk", "payment_days_at_risk"],
                    stacked=True,
                    horizontal=True,
                    y_title=_("days"),
                )
                if organisations.rows
                else None,
                links={"organisation": drill, "name": drill},
                keep=("milestone",),
                wide=True,
                page=page,
            ),
        },
    )


@portal_view(kinds=OPERATOR, roles=OPERATOR_READERS)
def retirement_organisation(
    request: HttpRequest, milestone: str, organisation: str
) -> HttpResponseBase:
    report = report_retirement_organisation(
        actor=actor_of(request),
        today=clock.today(),
        milestone_key=milestone,
        organisation_id=organisation,
    )
    csv = _csv_or_none(request, report)
    if csv is not None:
        return csv
    return render(
        request,
        "portal/operator/reports_retirement_org.html",
        {"report": report, "tables": [table_view(request, table) for table in report.tables]},
    )


@portal_view(kinds=CUSTOMER)
def customer_reports(request: HttpRequest) -> HttpResponseBase:
    report = report_customer(actor=actor_of(request), today=clock.today())
    csv = _csv_or_none(request, report)
    if csv is not None:
        return csv
    agreements = report.table("agreement_days")
    return render(
        request,
        "portal/customer/reports.html",
        {
            "report": report,
            "agreements": _panel(
                request,
                agreements,
                chart(
                    agreements,
                    label="agreement",
                    series=["available", "held", "consumed", "forfeited", "removed"],
                    stacked=True,
                    horizontal=True,
                    y_title=_("days"),
                ),
                wide=True,
            ),
            "tables": [
                table_view(request, report.table(k)) for k in ("vouchers_by_state", "open_vouchers")
            ],
        },
    )


@portal_view(kinds=PARTNER)
def partner_reports(request: HttpRequest) -> HttpResponseBase:
    report = report_partner(actor=actor_of(request), today=clock.today())
    csv = _csv_or_none(request, report)
    if csv is not None:
        return csv
    return render(
        request,
        "portal/partner/reports.html",
        {"report": report, "tables": [table_view(request, table) for table in report.tables]},
    )
