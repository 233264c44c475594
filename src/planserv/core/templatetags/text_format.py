"""Template filters over `core.formatting`, installed as template builtins (config/settings/base.py):
every portal page and email uses them without `{% load %}`. Like Django's own `date` filter, a
missing or non-date value renders as ""."""

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
def days(value: int | None) -> str:
    return "" if value is None or value == "" else formatting.days(int(value))


@register.filter
def country_name(value: object) -> str:
    return formatting.country_name(str(value)) if value else ""


@register.filter
def money(value: Decimal | int | str | None, currency: str) -> str:
    return "" if value is None or value == "" else formatting.money(value, currency)
