"""The accrual calculator (R-ACC-1): pure functions, no ORM, no clock.

A coverage year starts on the agreement's start date and on each anniversary while the agreement
is active (a 29 February start has its anniversary on 28 February in other years). The accrual
scale gives, per product pool, the days for a 3-year term for the highest band the pool's SA
quantity reaches; the agreement's term days are the sum over its pools. Each coverage year grants
one third of the term days, in whole days: year k of a term (k = 1, 2, 3) grants
floor(term * k / 3) - floor(term * (k - 1) / 3), so every 3-year term grants exactly its days and
any remainder lands in the later years (docs/decisions.md). Years 4, 5, ... start a new term.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from collections.abc import Iterable, Mapping


def anniversary(start: dt.date, years: int) -> dt.date:
    """`start` plus whole years; 29 February falls back to 28 February in other years."""
    year = start.year + years
    if start.month == 2 and start.day == 29 and not month_calendar.isleap(year):
        return dt.date(year, 2, 28)
    return start.replace(year=year)


def coverage_year_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every coverage year of an agreement active from `start` to `end`."""
    starts = []
    for years in range(end.year - start.year + 1):
        day = anniversary(start, years)
        if day <= end:
            starts.append(day)
    return starts


def coverage_year_index(start: dt.date, end: dt.date, day: dt.date) -> int | None:
    """0 for the first coverage year, 1 for the second, ...; None if `day` starts none."""
    starts = coverage_year_starts(start, end)
    return starts.index(day) if day in starts else None


def band_days(quantity: int, bands: Iterable[tuple[int, int]]) -> int:
    """Days per 3-year term of the highest band (minimum quantity, days) the quantity reaches."""
    reached = [days for minimum, days in bands if quantity >= minimum]
    return max(reached, default=0)


def term_days(
    coverage: Mapping[str, int], bands_by_pool: Mapping[str, list[tuple[int, int]]]
) -> int:
    """The agreement's days over a 3-year term: the sum of its pools' band days."""
    return sum(
        band_days(quantity, bands_by_pool.get(pool, [])) for pool, quantity in coverage.items()
    )


def year_grant(term: int, year_index: int) -> int:
    """The whole days coverage year `year_index` (0-based) grants out of a 3-year `term`."""
    third = year_index % 3
    return (term * (third + 1)) // 3 - (term * third) // 3
