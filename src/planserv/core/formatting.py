"""Text formatting shared by the portal, the emails, refusals and CSV files: one way each.

- People read dates as "15 June 2021" (day without a leading zero, the month spelled out in English
  whatever the locale, so nobody confuses day and month); where a date stands alone in a message,
  with its weekday: "Tuesday 15 June 2021". A datetime is first converted to the program time zone.
- Machines (the API, CSV files, HTML `datetime` attributes) get ISO 8601: "2021-06-15".
- Day counts carry their plural: "1 day", "2 days".
- A country is named from its ISO 3166 code by django-countries: "DE" → "Germany".
- Money is written by locale through Babel: "€1,234.50" in English (`money_locale` to change the
  locale); CSV files and the API get the plain amount "1234.50" with the currency in a column of
  its own.
- Counted things carry their plural: "1 voucher", "3 vouchers" (`count`).
- Portal text is plain words (docs/portal.md): refusals lose their rule id ("R-ENR-1"), which goes
  to a "For support" disclosure (`plain`, `rule_refs`); roles, statuses and codes are shown by
  name (`role_name`, `code_words`).

The template filters in `core/templatetags/text_format.py` call these functions.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency
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


MONEY_LOCALE = "en"  # English: "€1,234.50", "$1,234.50"


def money(value: Decimal | int | str, currency: str, locale: str | None = None) -> str:
    """€1,234.50 (English), 1.234,50 € (de_DE): the amount and currency by locale through Babel."""
    rounded = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    return format_currency(rounded, currency.upper(), locale=locale or MONEY_LOCALE)


def count(number: int, singular: str, plural: str | None = None) -> str:
    """1 voucher, 0 vouchers, 3 vouchers (plural defaults to singular + "s")."""
    word = singular if number in (1, -1) else (plural or f"{singular}s")
    return f"{number:,} {word}"


def days_ago(day: dt.date, today: dt.date) -> str:
    """today, yesterday, 3 days ago; in 2 days, tomorrow for a later day."""
    delta = (today - day).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if delta == -1:
        return "tomorrow"
    return f"{days(delta)} ago" if delta > 0 else f"in {days(-delta)}"


def window_left(days_left: int) -> str:
    """A window's remaining time: "12 days left", "last day today", "closed 150 days ago"."""
    if days_left > 0:
        return f"{days(days_left)} left"
    if days_left == 0:
        return "last day today"
    return f"closed {days(-days_left)} ago"


# Rule ids ("R-ENR-1", "R-PAY-2a") and the parentheses or separators around them in a sentence.
RULE_ID = re.compile(r"\bR-[A-Z]{2,5}-\d+[a-z]?\b")
_RULE_REF = re.compile(
    r"\s*\((?:see\s+)?R-[A-Z]{2,5}-\d+[a-z]?(?:\s*(?:,|and|/)\s*R-[A-Z]{2,5}-\d+[a-z]?)*\)"
    r"|\bR-[A-Z]{2,5}-\d+[a-z]?:\s*"
)
_SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def plain(message: object) -> str:
    """A refusal or notice as people read it: rule ids taken out ("… (R-ENR-1)." → "….")."""
    text = _RULE_REF.sub("", str(message))
    text = RULE_ID.sub("", text)
    return re.sub(r"\s+([.,;:])", r"\1", text).strip()


def words(text: str) -> str:
    """plain(), and snake_case codes written as words: "in_payment_run" → "in payment run"."""
    return _SNAKE.sub(lambda match: match.group(0).replace("_", " "), plain(text))


def rule_refs(message: object, *extra: str | None) -> list[str]:
    """The rule ids and codes a message names, for support ("R-ENR-1"), in order, once each."""
    found = RULE_ID.findall(str(message)) + [e for e in extra if e]
    return list(dict.fromkeys(found))


ROLE_NAMES = {
    "program_admin": "Program admin",
    "payment_reviewer": "Payment reviewer",
    "support": "Support agent",
    "auditor": "Auditor",
    "global_admin": "Global admin",
    "partner_admin": "MPN partner admin",
    "profile_admin": "Profile admin",
    "member": "Partner member",
    "benefits_admin": "Benefits admin",
    "project_manager": "Project manager",
}


def role_name(role: object) -> str:
    """MPN partner admin for partner_admin: a role as people say it."""
    return ROLE_NAMES.get(str(role), code_words(role))


def code_words(code: object) -> str:
    """in_payment_run → "In payment run": a status or code shown in words where no label exists."""
    text = str(code).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def internal_codes(text: str) -> list[str]:
    """The internal codes a visible text shows: rule ids and snake_case codes (not in emails)."""
    without_mail = re.sub(r"\S+@\S+", " ", text)
    return RULE_ID.findall(without_mail) + _SNAKE.findall(without_mail)
