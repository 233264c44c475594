"""The one shape every report has: named tables of columns and rows, shown as HTML, JSON and CSV.

A report is computed once (aggregate SQL in the report modules) into `Table`s; the portal draws
them (and charts from them), the API returns them as JSON, and `table_csv` writes the very same
rows as CSV, so an export always matches the screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

from planserv.core import formatting
from planserv.core.csv_export import csv_lines

Cell = str | int | None
StrOrPromise = str | Promise


@dataclass(frozen=True)
class Column:
    """`label_text` may be a lazy translation (module-level columns): `label` is the text in the
    language active when it is read."""

    key: str
    label_text: StrOrPromise
    numeric: bool = False

    @property
    def label(self) -> str:
        return str(self.label_text)


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""

    def as_dicts(self) -> list[dict[str, Cell]]:
        keys = [column.key for column in self.columns]
        return [dict(zip(keys, row, strict=True)) for row in self.rows]

    def column(self, key: str) -> list[Cell]:
        index = [column.key for column in self.columns].index(key)
        return [row[index] for row in self.rows]


@dataclass
class Report:
    key: str
    title: str
    as_of: dt.date
    tables: list[Table]
    meta: dict[str, Any] = field(default_factory=dict)

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)


TOP_N = 50


@dataclass(frozen=True)
class Page:
    """Which slice of a ranked table a page shows (1-based `number`)."""

    number: int
    size: int
    total: int
    ranked: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def first(self) -> int:
        return min(self.total, (self.number - 1) * self.size + 1)

    @property
    def last(self) -> int:
        return min(self.total, self.number * self.size)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def table_page(
    table: Table, *, rank_by: tuple[str, ...] = (), page: int = 1, size: int = TOP_N
) -> tuple[Table, Page]:
    """One page of the table's rows, the largest first by the sum of the `rank_by` columns (their
    own order when none): an HTML page shows the top N and pages on; the complete table is its
    CSV. A page number past the end shows the last page."""
    rows = table.rows
    if rank_by:
        indexes = [[column.key for column in table.columns].index(key) for key in rank_by]
        rows = sorted(rows, key=lambda row: -sum(int(row[index] or 0) for index in indexes))
    total = len(rows)
    number = min(max(1, page), max(1, -(-total // size)))
    start = (number - 1) * size
    shown = Table(
        table.key, table.title, table.columns, rows=rows[start : start + size], note=table.note
    )
    return shown, Page(number=number, size=size, total=total, ranked=bool(rank_by))


def cell(value: Any) -> Cell:
    """A value as a table cell: ints stay ints, decimals and dates become strings."""
    if value is None or isinstance(value, int | str):
        return value
    if isinstance(value, Decimal):
        return formatting.amount(value)
    if isinstance(value, dt.date):
        return formatting.iso_date(value)
    return str(value)


def table_csv_lines(table: Table) -> Iterator[str]:
    """The table as CSV lines (the one formula-safe writer, REL-11): a header of column keys, then
    the rows exactly as in JSON."""
    return csv_lines([column.key for column in table.columns], table.rows)


def table_csv(table: Table) -> str:
    """The table as one CSV string (tests, small tables)."""
    return "".join(table_csv_lines(table))
