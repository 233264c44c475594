"""Text formatting shared by the portal, the emails, refusals and CSV files: one way each, in the
active language (docs/i18n.md) through Babel.

- People read dates as "15 June 2021" in English (day without a leading zero, the month spelled
  out, so nobody confuses day and month) and by the locale's long format elsewhere ("15. Juni
  2021", "15 juin 2021", "2021年6月15日"); where a date stands alone in a message, with its
  weekday: "Tuesday 15 June 2021", "Dienstag, 15. Juni 2021". A datetime is first converted to
  the program time zone: rule dates are program dates.
- Timestamps (sent, created, recorded) are shown in the person's time zone (the active one, set
  per request from the profile, else the program's): "15 June 2021 14:05" (`timestamp`).
- Machines (the API, CSV files, HTML `datetime` attributes) get ISO 8601: "2021-06-15".
- Day counts carry their plural: "1 day", "2 days" ("1 Tag", "2 Tage").
- A country is named from its ISO 3166 code by django-countries, in the active language.
- Money and numbers are written by the active locale through Babel: "€4,750.00" in English,
  "4.750,00 €" in German, "4 750,00 €" in French (`money`, `number`); CSV files and the API get
  the plain amount "1234.50" with the currency in a column of its own.
- Counted things carry their plural: "1 voucher", "3 vouchers" (`count`; the words are the
  caller's, so translated callers use ngettext instead).
- Portal text is plain words (docs/portal.md): refusals lose their rule id ("R-ENR-1"), which goes
  to a "For support" disclosure (`plain`, `rule_refs`); roles, statuses and codes are shown by
  name (`role_name`, `code_words`).

The template filters in `core/templatetags/text_format.py` call these functions.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date, format_time
from babel.numbers import format_currency, format_decimal
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
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
# Babel locales of the shipped languages (settings.LANGUAGES): a region where the language's
# conventions differ by country (money keeps the locale's own pattern).
BABEL_LOCALES = {"en": "en", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "ja": "ja_JP"}


def babel_locale(language: str | None = None) -> str:
    """The Babel locale of a language code, else of the active language ("de" → "de_DE")."""
    code = (language or translation.get_language() or "en").lower()
    base = code.split("-")[0].split("_")[0]
    return BABEL_LOCALES.get(code) or BABEL_LOCALES.get(base) or "en"


def _english() -> bool:
    return babel_locale() == "en"


def program_date(value: dt.date | dt.datetime) -> dt.date:
    """The calendar day of a date, or of a datetime in the program time zone."""
    if isinstance(value, dt.datetime):
        return value.astimezone(clock.program_zone()).date()
    return value


def _day_text(day: dt.date) -> str:
    if _english():
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return format_date(day, format="long", locale=babel_locale())


def long_date(value: dt.date | dt.datetime | None) -> str:
    """15 June 2021, 15. Juni 2021, 2021年6月15日 (nothing for no date)."""
    if value is None:
        return ""
    return _day_text(program_date(value))


def weekday_date(value: dt.date | dt.datetime | None) -> str:
    """Tuesday 15 June 2021, Dienstag, 15. Juni 2021 (nothing for no date)."""
    if value is None:
        return ""
    day = program_date(value)
    if _english():
        return f"{WEEKDAYS[day.weekday()]} {_day_text(day)}"
    return format_date(day, format="full", locale=babel_locale())


def timestamp(value: dt.datetime | None) -> str:
    """15 June 2021 14:05: an instant in the active time zone (the person's, else the program's),
    for audit times, sent and created times; nothing for no value."""
    if value is None:
        return ""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    local = value.astimezone(timezone.get_current_timezone())
    return f"{_day_text(local.date())} {format_time(local, 'HH:mm', locale=babel_locale())}"


def time_zone_name() -> str:
    """The active time zone's name (the person's, else the program's): "Europe/Berlin"."""
    return str(timezone.get_current_timezone_name())


def iso_date(value: dt.date | dt.datetime | None) -> str:
    """2021-06-15: for the API, CSV files and machine-readable attributes (nothing for no date)."""
    return "" if value is None else program_date(value).isoformat()


def days(count: int) -> str:
    """1 day, 2 days, 0 days (1 Tag, 2 Tage)."""
    return ngettext("%(count)s day", "%(count)s days", abs(count)) % {"count": count}


def country_name(code: str) -> str:
    """Germany for DE; an unknown code is shown as given."""
    return countries.name(code.strip().upper()) or code


def amount(value: Decimal | int | str) -> str:
    """1234.50: the plain amount with two decimals, for CSV files and machine text."""
    return str(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))


def money(value: Decimal | int | str, currency: str, locale: str | None = None) -> str:
    """€4,750.00 (English), 4.750,00 € (German), 4 750,00 € (French): the amount and currency
    by the active language's locale (or `locale`) through Babel."""
    rounded = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    return format_currency(rounded, currency.upper(), locale=locale or babel_locale())


def number(value: Decimal | int | float | str) -> str:
    """12,345.5 (English), 12.345,5 (German): a number by the active locale."""
    return format_decimal(Decimal(str(value)), locale=babel_locale())


def count(number: int, singular: str, plural: str | None = None) -> str:
    """1 voucher, 0 vouchers, 3 vouchers (plural defaults to singular + "s"); the number by the
    active locale, the words as given (translated text uses ngettext)."""
    word = singular if number in (1, -1) else (plural or f"{singular}s")
    shown = f"{number:,}" if _english() else format_decimal(number, locale=babel_locale())
    return f"{shown} {word}"


def days_ago(day: dt.date, today: dt.date) -> str:
    """today, yesterday, 3 days ago; in 2 days, tomorrow for a later day."""
    delta = (today - day).days
    if delta == 0:
        return _("today")
    if delta == 1:
        return _("yesterday")
    if delta == -1:
        return _("tomorrow")
    if delta > 0:
        return ngettext("%(count)s day ago", "%(count)s days ago", delta) % {"count": delta}
    return ngettext("in %(count)s day", "in %(count)s days", -delta) % {"count": -delta}


def window_left(days_left: int) -> str:
    """A window's remaining time: "12 days left", "last day today", "closed 150 days ago"."""
    if days_left > 0:
        return ngettext("%(count)s day left", "%(count)s days left", days_left) % {
            "count": days_left
        }
    if days_left == 0:
        return _("last day today")
    return ngettext("closed %(count)s day ago", "closed %(count)s days ago", -days_left) % {
        "count": -days_left
    }


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
    "program_admin": gettext_lazy("Program admin"),
    "payment_reviewer": gettext_lazy("Payment reviewer"),
    "support": gettext_lazy("Support agent"),
    "auditor": gettext_lazy("Auditor"),
    "global_admin": gettext_lazy("Global admin"),
    "partner_admin": gettext_lazy("MPN partner admin"),
    "profile_admin": gettext_lazy("Profile admin"),
    "member": gettext_lazy("Partner member"),
    "benefits_admin": gettext_lazy("Benefits admin"),
    "project_manager": gettext_lazy("Project manager"),
}


def role_name(role: object) -> str:
    """MPN partner admin for partner_admin: a role as people say it, in the active language."""
    name = ROLE_NAMES.get(str(role))
    return str(name) if name is not None else code_words(role)


def code_words(code: object) -> str:
    """in_payment_run → "In payment run": a status or code shown in words where no label exists."""
    text = str(code).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def internal_codes(text: str) -> list[str]:
    """The internal codes a visible text shows: rule ids and snake_case codes (not in emails)."""
    without_mail = re.sub(r"\S+@\S+", " ", text)
    return RULE_ID.findall(without_mail) + _SNAKE.findall(without_mail)
