"""Parsing the operators' agreement CSV (no ORM): one row per agreement, one column per pool.

    customer,licensing_id,agreement_type,start_date,end_date,applications,systems,servers,dynamics
    C-200001,EA-WG-2019-01,enterprise,2019-01-01,2021-12-31,2500,1200,600,

A pool column holds the SA-covered quantity; empty means no coverage in that pool.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from planserv.core.csv_export import csv_lines
from planserv.customers.errors import ImportFileInvalid
from planserv.program.models import ProductPool

BASE_COLUMNS = ["customer", "licensing_id", "agreement_type", "start_date", "end_date"]
COLUMNS = BASE_COLUMNS + list(ProductPool.values)
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000


@dataclass(frozen=True)
class AgreementDraft:
    customer: str
    licensing_id: str
    agreement_type: str
    start_date: dt.date | None
    end_date: dt.date | None
    coverage: dict[str, int]


@dataclass
class ParsedRow:
    line: int
    values: dict[str, str]
    draft: AgreementDraft
    problems: list[str] = field(default_factory=list)


def decode_upload(data: bytes) -> str:
    """The upload as text; raises ImportFileInvalid for an oversize or non-UTF-8 file."""
    if len(data) > MAX_BYTES:
        raise ImportFileInvalid(
            _("The file has %(data)s bytes; at most %(MAX_BYTES)s are accepted.")
            % {"data": format(len(data), ","), "MAX_BYTES": format(MAX_BYTES, ",")}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileInvalid(_("The file is not UTF-8 text; save it as CSV (UTF-8).")) from None
    if "\x00" in text:
        raise ImportFileInvalid(_("The file holds NUL characters; it is not a CSV text file."))
    return text


def _date(value: str, name: str, problems: list[str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        problems.append(f"{name} {value.strip()!r} is not a date (YYYY-MM-DD)")
        return None


def _coverage(values: dict[str, str], problems: list[str]) -> dict[str, int]:
    coverage = {}
    for pool in ProductPool.values:
        raw = (values.get(pool) or "").strip()
        if not raw:
            continue
        if not raw.isdigit() or int(raw) <= 0:
            problems.append(f"{pool} quantity {raw!r} is not a whole number above zero")
            continue
        coverage[pool] = int(raw)
    return coverage


def parse_agreements_csv(content: str) -> list[ParsedRow]:
    """Every data row with its draft and its own problems; raises ImportFileInvalid when the
    header is wrong or the file has too many rows."""
    reader = csv.DictReader(io.StringIO(content))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in BASE_COLUMNS if name not in header]
    unknown = [name for name in header if name not in COLUMNS]
    if missing or unknown:
        raise ImportFileInvalid(
            _("The header must name the columns %(columns)s; %(problems)s.")
            % {
                "columns": ", ".join(COLUMNS),
                "problems": "; ".join(
                    [_("missing: %(names)s") % {"names": ", ".join(missing)}] * bool(missing)
                    + [_("unknown: %(names)s") % {"names": ", ".join(unknown)}] * bool(unknown)
                ),
            }
        )
    reader.fieldnames = header
    rows: list[ParsedRow] = []
    for record in reader:
        if len(rows) >= MAX_ROWS:
            raise ImportFileInvalid(
                _("The file has more than %(MAX_ROWS)s rows; split it.")
                % {"MAX_ROWS": format(MAX_ROWS, ",")}
            )
        values = {name: (record.get(name) or "").strip() for name in COLUMNS}
        if not any(values.values()):
            continue
        problems: list[str] = []
        draft = AgreementDraft(
            customer=values["customer"].upper(),
            licensing_id=values["licensing_id"].upper(),
            agreement_type=values["agreement_type"].lower(),
            start_date=_date(values["start_date"], "start_date", problems),
            end_date=_date(values["end_date"], "end_date", problems),
            coverage=_coverage(values, problems),
        )
        if None in record:  # csv puts surplus cells under the key None
            problems.append("the row has more cells than the header")
        rows.append(ParsedRow(line=reader.line_num, values=values, draft=draft, problems=problems))
    return rows


def error_csv(rows: list[ParsedRow], errors: dict[int, str]) -> Iterator[str]:
    """The rows whose line is in `errors`, as they were, with an `error` column, as CSV lines
    (the REL-11 writer: a formula typed into the upload comes back neutralised)."""
    return csv_lines(
        ["line", *COLUMNS, "error"],
        (
            [row.line, *(row.values[name] for name in COLUMNS), errors[row.line]]
            for row in rows
            if row.line in errors
        ),
    )
