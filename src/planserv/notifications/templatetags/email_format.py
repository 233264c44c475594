"""Filters for email templates: dates nobody can misread, in the program's time zone."""

from __future__ import annotations

import datetime as dt

from django import template

from planserv.core import clock

register = template.Library()
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


@register.filter
def long_date(value: dt.date | dt.datetime | None) -> str:
    """Tuesday 15 June 2021 (a datetime is first converted to the program time zone), spelled
    out in English whatever the locale, so no reader confuses day and month."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.astimezone(clock.program_zone()).date()
    return f"{WEEKDAYS[value.weekday()]} {value.day} {MONTHS[value.month - 1]} {value.year}"


@register.filter
def days(value: int | None) -> str:
    """1 day, 5 days."""
    if value is None:
        return ""
    return f"{value} day" if value == 1 else f"{value} days"
