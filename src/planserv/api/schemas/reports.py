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


class FunnelQuery(ExportQuery):
    group_by: str = Field(
        "agreement", pattern=r"^(agreement|offering|country|expiry)$", max_length=10
    )


class ImpactQuery(ExportQuery):
    milestone: str | None = Field(
        None, max_length=40, pattern=r"^[a-z_]+$", description="A milestone key; default the next."
    )


class SliceQuery(ExportQuery):
    organisation: str | None = Field(
        None, max_length=32, description="Operators: the organisation's public id."
    )
