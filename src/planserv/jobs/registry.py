"""The daily jobs, in the order they run for each program day.

A job is `run(day, actor) -> counts`. It must be idempotent for its day (a second run writes
nothing) and resumable after a crash: the runner records success only after it returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from planserv.core.actor import Actor

JobFunction = Callable[[dt.date, Actor], dict[str, int]]


@dataclass(frozen=True)
class DailyJob:
    name: str
    run: JobFunction
    description: str


def _enrollment_renewal_reminders(day: dt.date, actor: Actor) -> dict[str, int]:
    from planserv.core import clock
    from planserv.partners.services import enrollments_remind_renewal_due

    return enrollments_remind_renewal_due(as_of=day, at=clock.now())


def daily_jobs() -> list[DailyJob]:
    """The jobs of one program day, in order. Each capability adds its own here."""
    return [
        DailyJob(
            name="partners_enrollment_renewal_reminders",
            run=_enrollment_renewal_reminders,
            description="Email firms' global admins when an enrollment's renewal window opens "
            "(30 days before its last day), once per term (R-ENR-1, domain.md section 7).",
        ),
    ]
