"""The one CSV writer of every export (REL-11, STYLE.md "one way to do each shared thing").

Reports, voucher lists, the audit log, remittance files and the imports' error files all write
through `csv_lines` (a generator: one line at a time, so a response can stream whatever the row
count, PERF-8) or `csv_text` (the same lines joined, for small files kept whole). Every text cell
passes `safe_cell`: a cell a spreadsheet would read as a formula (one starting with `=`, `+`, `-`,
`@`, a tab or a carriage return) is prefixed with an apostrophe, unless it is a plain number
(a negative amount stays a number).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation

from django.http import StreamingHttpResponse

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPE = "text/csv; charset=utf-8"
CsvValue = str | int | Decimal | dt.date | None


def safe_cell(value: object) -> str | int:
    """A value as a cell nothing can execute: None is empty, ints stay, text leading with a formula
    character gets an apostrophe (a plain number such as "-12.50" is left as it is)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if text.startswith(FORMULA_LEADS) and not _plain_number(text):
        return "'" + text
    return text


def _plain_number(text: str) -> bool:
    if text != text.strip():
        return False
    try:
        number = Decimal(text)
    except InvalidOperation:
        return False
    return number.is_finite()


class _Line:
    """A file-like object whose write() hands the formatted line back (csv.writer returns it)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable[str], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """The header, then each row, as CSV lines ("\\n" endings), one at a time, every cell safe."""
    writer = csv.writer(_Line(), lineterminator="\n")
    yield writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])


def csv_text(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """The whole file as one string (small files only: an import's error rows, a payment run)."""
    return "".join(csv_lines(header, rows))


def csv_response(lines: Iterable[str], *, filename: str) -> StreamingHttpResponse:
    """A streaming download of `lines` (from `csv_lines`): nothing is held beyond the current
    batch of rows, so a million-row export costs a worker no more memory than ten rows."""
    response = StreamingHttpResponse(lines, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
