"""R-TIME-1: one program clock, pinned in the sandbox, the program time zone otherwise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine

from planserv.core import clock

pytestmark = pytest.mark.django_db


class TestProgramClock:
    def test_follows_the_real_date_in_the_program_time_zone_r_time_1(self, settings):
        settings.PROGRAM_TIME_ZONE = "America/Los_Angeles"
        # 05:00 UTC on 2 Feb is still 1 Feb in Los Angeles (PST, UTC-8).
        with time_machine.travel(dt.datetime(2020, 2, 2, 5, 0, tzinfo=dt.UTC), tick=False):
            assert clock.today() == dt.date(2020, 2, 1)
        with time_machine.travel(dt.datetime(2020, 2, 2, 8, 0, tzinfo=dt.UTC), tick=False):
            assert clock.today() == dt.date(2020, 2, 2)

    def test_day_boundary_moves_with_daylight_saving_r_time_1(self, settings):
        settings.PROGRAM_TIME_ZONE = "America/Los_Angeles"
        # After the March 2021 DST change Los Angeles is UTC-7: 07:30 UTC is already 00:30.
        with time_machine.travel(dt.datetime(2021, 3, 15, 7, 30, tzinfo=dt.UTC), tick=False):
            assert clock.today() == dt.date(2021, 3, 15)
        # Before it (UTC-8) the same UTC time is still the previous evening.
        with time_machine.travel(dt.datetime(2021, 3, 1, 7, 30, tzinfo=dt.UTC), tick=False):
            assert clock.today() == dt.date(2021, 2, 28)

    def test_pinned_date_wins_in_sandbox_mode_r_time_1(self, settings):
        settings.PLANSERV_SANDBOX = True
        clock.store_pinned_date(dt.date(2020, 1, 6))
        assert clock.today() == dt.date(2020, 1, 6)
        assert clock.now().date() == dt.date(2020, 1, 6)
        assert clock.reading().pinned is True

    def test_pinned_date_is_ignored_outside_sandbox_mode_r_time_1(self, settings):
        clock.store_pinned_date(dt.date(2020, 1, 6))
        settings.PLANSERV_SANDBOX = False
        with time_machine.travel(dt.datetime(2026, 11, 24, 20, 0, tzinfo=dt.UTC), tick=False):
            assert clock.today() == dt.date(2026, 11, 24)
            assert clock.reading().pinned is False


def test_only_the_clock_module_reads_the_real_time_r_time_1():
    """timezone.now(), datetime.now(), date.today() appear nowhere in src/ but core/clock.py."""
    source = Path(__file__).resolve().parents[2] / "src" / "planserv"
    forbidden = (
        "timezone.now(",
        "datetime.now(",
        "date.today(",
        "dt.datetime.now(",
        "dt.date.today(",
        "datetime.utcnow(",
        "time.time()",
    )
    offenders = []
    for path in source.rglob("*.py"):
        if path.name == "clock.py" and path.parent.name == "core":
            continue
        text = path.read_text()
        offenders += [
            f"{path.relative_to(source)}: {pattern}" for pattern in forbidden if pattern in text
        ]
    assert offenders == []


class TestOneReadPerRequest:
    """Issue 23: within a web request the pinned date is read once and shared."""

    def _in_request(self, work):  # type: ignore[no-untyped-def]
        from django.http import HttpResponse

        seen = []

        def view(request):  # type: ignore[no-untyped-def]
            seen.append(work())
            return HttpResponse()

        clock.RequestClockMiddleware(view)(None)  # type: ignore[arg-type]
        return seen[0]

    def test_the_clock_is_read_once_per_request_and_again_in_the_next(self, pin_clock):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        pin_clock(dt.date(2021, 3, 2))
        with CaptureQueriesContext(connection) as captured:
            days = self._in_request(lambda: (clock.today(), clock.now().date(), clock.today()))
        assert days == (dt.date(2021, 3, 2),) * 3
        assert sum("core_programclock" in q["sql"] for q in captured.captured_queries) == 1
        pin_clock(dt.date(2021, 3, 5))
        assert self._in_request(clock.today) == dt.date(2021, 3, 5)

    def test_a_request_that_sets_the_clock_reads_the_date_it_set(self, pin_clock):
        pin_clock(dt.date(2021, 3, 2))

        def set_then_read():  # type: ignore[no-untyped-def]
            before = clock.today()
            clock.store_pinned_date(dt.date(2021, 4, 1))
            return before, clock.today()

        assert self._in_request(set_then_read) == (dt.date(2021, 3, 2), dt.date(2021, 4, 1))
        assert clock.today() == dt.date(2021, 4, 1)  # outside a request: read every time
