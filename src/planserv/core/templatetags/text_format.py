"""Template filters over `core.formatting`, installed as template builtins (config/settings/base.py):
every portal page and email uses them without `{% load %}`, in the active language and time zone
(docs/i18n.md). Like Django's own `date` filter, a missing or non-date value renders as ""."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django import template

from planserv.core import formatting

register = template.Library()


def _dates_only(function: Callable[[dt.date], str]) -> Callable[[object], str]:
    def date_filter(value: object) -> str:
        return function(value) if isinstance(value, dt.date) else ""

    return date_filter


register.filter("long_date", _dates_only(formatting.long_date))
register.filter("weekday_date", _dates_only(formatting.weekday_date))
register.filter("iso_date", _dates_only(formatting.iso_date))


@register.filter
def timestamp(value: object) -> str:
    """{{ event.at|timestamp }} → "15 June 2021 14:05" in the person's time zone (audit times,
    sent and created times); rule dates use long_date (program dates)."""
    return formatting.timestamp(value) if isinstance(value, dt.datetime) else ""


@register.simple_tag
def time_zone_name() -> str:
    """{% time_zone_name %} → "Europe/Berlin": the zone timestamps are shown in."""
    return formatting.time_zone_name()


@register.filter
def number(value: object) -> str:
    """{{ total|number }} → "12,345.5" (English), "12.345,5" (German)."""
    if value is None or value == "" or isinstance(value, bool):
        return ""
    try:
        return formatting.number(value)  # type: ignore[arg-type]
    except (ArithmeticError, ValueError):
        return str(value)


@register.filter
def days(value: int | None) -> str:
    return "" if value is None or value == "" else formatting.days(int(value))


@register.filter
def country_name(value: object) -> str:
    return formatting.country_name(str(value)) if value else ""


@register.filter
def money(value: Decimal | int | str | None, currency: str) -> str:
    return "" if value is None or value == "" else formatting.money(value, currency)


@register.filter
def count(value: int | None, words: str) -> str:
    """{{ n|count:"voucher" }} → "1 voucher", "3 vouchers"; {{ n|count:"entry,entries" }}."""
    if value is None or value == "":
        return ""
    singular, _, plural = words.partition(",")
    return formatting.count(int(value), singular, plural or None)


@register.filter
def plain(value: object) -> str:
    """A refusal or notice without its rule ids (they go in the "For support" disclosure)."""
    return "" if value is None else formatting.plain(value)


@register.filter
def words(value: object) -> object:
    """Text with rule ids taken out and snake_case codes written as words; other values as given."""
    return formatting.words(value) if isinstance(value, str) else value


@register.filter
def rule_refs(value: object, extra: str | None = None) -> list[str]:
    return [] if value is None else formatting.rule_refs(value, extra)


@register.filter
def role_name(value: object) -> str:
    return "" if not value else formatting.role_name(value)


@register.filter
def code_words(value: object) -> str:
    return "" if value is None or value == "" else formatting.code_words(value)


@register.filter
def window_left(value: int | None) -> str:
    """{{ row.days_left|window_left }} → "12 days left", "closed 150 days ago"."""
    return "" if value is None or value == "" else formatting.window_left(int(value))


@register.filter
def refusal(value: object) -> dict[str, object]:
    """A refusal (a DomainError or a text) as {text, refs}: the sentence in plain words, and the
    rule ids and code kept for support (portal/common/_refusal.html)."""
    message = getattr(value, "message", value)
    extra = [getattr(value, "rule", None), getattr(value, "code", None)]
    return {
        "text": formatting.plain(message),
        "refs": formatting.rule_refs(message, *[e for e in extra if isinstance(e, str)]),
    }


@register.filter
def action_words(value: object) -> str:
    """An audit action in words: "vouchers.voucher.expiry_extended" → "Voucher expiry extended"."""
    parts = str(value or "").split(".")
    return formatting.code_words(" ".join(parts[1:] if len(parts) > 1 else parts).replace("_", " "))
