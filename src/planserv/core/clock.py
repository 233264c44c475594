"""The program clock (R-TIME-1): the only module that reads the real date or time.

`today()` is the program date in the program time zone. In sandbox mode an operator may pin the
date (stored in ProgramClock); time of day keeps running, so `now()` is the pinned date at the
real time of day. Services never call this module: interfaces, jobs and commands read it once and
pass `today` in (STYLE.md principle 7).

Within one web request the pinned date is read at most once (`RequestClockMiddleware`): the
request's clock reads (today, now, the token's real time aside) share one database read, and a
clock change made by the request itself clears it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from planserv.core.models import ProgramClock


@dataclass(frozen=True)
class ClockReading:
    today: dt.date
    pinned: bool
    sandbox: bool
    time_zone: str


def program_zone() -> ZoneInfo:
    return ZoneInfo(settings.PROGRAM_TIME_ZONE)


def real_now() -> dt.datetime:
    """The real instant, aware, in UTC."""
    return timezone.now()


def real_today() -> dt.date:
    return real_now().astimezone(program_zone()).date()


def is_sandbox() -> bool:
    return bool(settings.PLANSERV_SANDBOX)


# The pinned date as read in the current request: None outside a request, [] until read.
_REQUEST_READING: ContextVar[list[dt.date | None] | None] = ContextVar(
    "planserv_clock_reading", default=None
)


def pinned_date() -> dt.date | None:
    if not is_sandbox():
        return None
    memo = _REQUEST_READING.get()
    if memo:
        return memo[0]
    rows = ProgramClock.objects.filter(singleton=1).values_list("pinned_date", flat=True)
    value = next(iter(rows), None)
    if memo is not None:
        memo.append(value)
    return value


class RequestClockMiddleware:
    """One clock read per request: the pinned date is read once and shared by every reader
    of the request (the interfaces, the answer, the audit)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _REQUEST_READING.set([])
        try:
            return self.get_response(request)
        finally:
            _REQUEST_READING.reset(token)


def today() -> dt.date:
    """The program date every rule reads (R-TIME-1)."""
    return pinned_date() or real_today()


def now() -> dt.datetime:
    """The program instant: the program date at the real time of day, aware."""
    real_local = real_now().astimezone(program_zone())
    pinned = pinned_date()
    if pinned is None:
        return real_local
    return dt.datetime.combine(pinned, real_local.timetz())


def reading() -> ClockReading:
    pinned = pinned_date()
    return ClockReading(
        today=pinned or real_today(),
        pinned=pinned is not None,
        sandbox=is_sandbox(),
        time_zone=settings.PROGRAM_TIME_ZONE,
    )


def store_pinned_date(value: dt.date | None) -> None:
    """Low-level write, called only by jobs.services.clock_set, which audits and runs the jobs."""
    memo = _REQUEST_READING.get()
    if memo is not None:
        memo.clear()  # the request reads the clock it set (or, if rolled back, the stored one)
    ProgramClock.objects.update_or_create(
        singleton=1, defaults={"pinned_date": value, "updated_at": real_now()}
    )
