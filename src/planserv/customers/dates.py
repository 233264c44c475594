"""Dates in sentences: '1 February 2020' (refusals name the date involved)."""

from __future__ import annotations

import datetime as dt


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"
