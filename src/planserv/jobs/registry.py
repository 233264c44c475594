"""The daily jobs, in the order they run for each program day.

A job is `run(day, actor) -> counts`. It must be idempotent for its day (a second run writes
nothing) and resumable after a crash: the runner records success only after it returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from planserv.core import clock
from planserv.core.actor import Actor
from planserv.customers.services import accruals_post_due, removal_job

JobFunction = Callable[[dt.date, Actor], dict[str, int]]


@dataclass(frozen=True)
class DailyJob:
    name: str
    run: JobFunction
    description: str


def job_instant(day: dt.date) -> dt.datetime:
    """The `at` of a job run for `day`: that program day at the current time of day."""
    return dt.datetime.combine(day, clock.now().timetz())


def _customers_accrual(day: dt.date, actor: Actor) -> dict[str, int]:
    return accruals_post_due(day=day, actor=actor, at=job_instant(day))


def _customers_removal(day: dt.date, actor: Actor) -> dict[str, int]:
    return removal_job(day=day, actor=actor, at=job_instant(day))


def _enrollment_renewal_reminders(day: dt.date, actor: Actor) -> dict[str, int]:
    from planserv.partners.services import enrollments_remind_renewal_due

    return enrollments_remind_renewal_due(as_of=day, at=job_instant(day))


def daily_jobs() -> list[DailyJob]:
    """The jobs of one program day, in order. Each capability adds its own here."""
    return [
        DailyJob(
            "customers.accrual",
            _customers_accrual,
            "Grant the days of every coverage year starting this day (R-ACC-1).",
        ),
        DailyJob(
            "customers.removal",
            _customers_removal,
            "On the removal date, move every agreement's available days to removed.",
        ),
        DailyJob(
            name="partners_enrollment_renewal_reminders",
            run=_enrollment_renewal_reminders,
            description="Email firms' global admins when an enrollment's renewal window opens "
            "(30 days before its last day), once per term (R-ENR-1, domain.md section 7).",
        ),
    ]
