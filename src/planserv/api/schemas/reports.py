"""Request and response schemas of the reports operations (api/routers/reports.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema


class ColumnOut(Schema):
    key: str
    label: str
    numeric: bool


class TableOut(Schema):
    key: str
    title: str
    note: str
    columns: list[ColumnOut]
    rows: list[list[str | int | None]]
    total_rows: int | None = Field(
        None,
        description="A long table (the funnel's groups, the retirement impact's organisations) "
        "is paged: every row it has; null for a table returned whole.",
    )
    next_cursor: str | None = Field(
        None, description="A paged table: the cursor of its next page (null on the last page)."
    )


class ReportOut(Schema):
    report: str
    title: str
    as_of: dt.date
    meta: dict[str, Any]
    tables: list[TableOut]


class ExportQuery(Schema):
    format: str | None = Field(
        None, pattern=r"^(json|csv)$", description="csv: the same as Accept: text/csv."
    )
    table: str | None = Field(
        None, max_length=40, pattern=r"^[a-z_]+$", description="The table to export as CSV."
    )


class PagedQuery(ExportQuery):
    limit: int | None = Field(
        None,
        description="Rows of the long table per page (1–200, default 50); the CSV has every row.",
    )
    cursor: str | None = Field(None, max_length=64, description="next_cursor of the previous page.")


class FunnelQuery(PagedQuery):
    group_by: str = Field(
        "agreement", pattern=r"^(agreement|offering|country|expiry)$", max_length=10
    )


class ImpactQuery(PagedQuery):
    milestone: str | None = Field(
        None, max_length=40, pattern=r"^[a-z_]+$", description="A milestone key; default the next."
    )


class SliceQuery(ExportQuery):
    organisation: str | None = Field(
        None, max_length=32, description="Operators: the organisation's public id."
    )
