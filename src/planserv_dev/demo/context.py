"""What every demo step receives: the operator actor, the organisations, the demo dates, and the
timeline the step puts its dated actions on (`context.on(day, act)`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from planserv.accounts.models import Organisation, User
from planserv.core.actor import Actor

DEMO_PASSWORD = "planserv-demo"  # noqa: S105 - printed for the demo; never used in production
DEFAULT_DEMO_DATE = dt.date(2021, 6, 15)
# The demo's history starts here: organisations, logins, firms and agreements exist from this day;
# `planserv demo --date D` replays any D from FIRST_DEMO_DATE to LAST_DEMO_DATE.
HISTORY_START = dt.date(2019, 7, 1)
FIRST_DEMO_DATE = HISTORY_START
LAST_DEMO_DATE = dt.date(2022, 3, 31)

Act = Callable[[dt.date], object]


@dataclass(frozen=True)
class Event:
    """One dated action of a demo step: `act(day)` calls the services with `today=day`."""

    day: dt.date
    label: str
    act: Act


@dataclass
class DemoContext:
    today: dt.date
    operator: Actor
    organisations: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (email, org, role)
    events: list[Event] = field(default_factory=list)

    def at(self, day: dt.date) -> dt.datetime:
        """A timestamp on a demo day (09:00 UTC) for services that record `at`."""
        return dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC)

    def on(self, day: dt.date, label: str, act: Act) -> None:
        """Put `act` on the timeline for `day`. The builder plays the timeline up to the demo
        date: each day's daily jobs first, then that day's events in the order they were put on;
        events after the demo date never run."""
        self.events.append(Event(day, label, act))
