"""Text formatting shared by the portal, the emails, refusals and CSV files: one way each.

- People read dates as "15 June 2021" (day without a leading zero, the month spelled out in English
  whatever the locale, so nobody confuses day and month); where a date stands alone in a message,
  with its weekday: "Tuesday 15 June 2021". A datetime is first converted to the program time zone.
- Machines (the API, CSV files, HTML `datetime` attributes) get ISO 8601: "2021-06-15".
- Day counts carry their plural: "1 day", "2 days".
- A country is named from its ISO 3166 code by django-countries: "DE" → "Germany".
- Money has two decimals, thousands grouped, and its currency code: "1,234.50 EUR"; CSV files get
  the plain amount "1234.50" with the currency in a column of its own.

The template filters in `core/templatetags/text_format.py` call these functions.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django_countries import countries

from planserv.core import clock

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CENT = Decimal("0.01")


def program_date(value: dt.date | dt.datetime) -> dt.date:
    """The calendar day of a date, or of a datetime in the program time zone."""
    if isinstance(value, dt.datetime):
        return value.astimezone(clock.program_zone()).date()
    return value


def long_date(value: dt.date | dt.datetime | None) -> str:
    """15 June 2021 (nothing for no date)."""
    if value is None:
        return ""
    day = program_date(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def weekday_date(value: dt.date | dt.datetime | None) -> str:
    """Tuesday 15 June 2021 (nothing for no date)."""
    if value is None:
        return ""
    day = program_date(value)
    return f"{WEEKDAYS[day.weekday()]} {long_date(day)}"


def iso_date(value: dt.date | dt.datetime | None) -> str:
    """2021-06-15: for the API, CSV files and machine-readable attributes (nothing for no date)."""
    return "" if value is None else program_date(value).isoformat()


def days(count: int) -> str:
    """1 day, 2 days, 0 days."""
    return f"{count} day" if count in (1, -1) else f"{count} days"


def country_name(code: str) -> str:
    """Germany for DE; an unknown code is shown as given."""
    return countries.name(code.strip().upper()) or code


def amount(value: Decimal | int | str) -> str:
    """1234.50: the plain amount with two decimals, for CSV files and machine text."""
    return str(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))


def money(value: Decimal | int | str, currency: str) -> str:
    """1,234.50 EUR."""
    return f"{Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP):,} {currency}"
