"""What every demo step receives: the operator actor, the organisations, the demo dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planserv.accounts.models import Organisation, User
from planserv.core.actor import Actor

DEMO_PASSWORD = "planserv-demo"  # noqa: S105 - printed for the demo; never used in production
DEFAULT_DEMO_DATE = dt.date(2021, 6, 15)
HISTORY_START = dt.date(2019, 9, 2)


@dataclass
class DemoContext:
    today: dt.date
    operator: Actor
    organisations: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (email, org, role)

    def at(self, day: dt.date) -> dt.datetime:
        """A timestamp on a demo day (09:00 UTC) for services that record `at`."""
        return dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC)
