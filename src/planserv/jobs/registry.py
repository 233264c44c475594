"""The daily jobs, in the order they run for each program day (R-TIME-1).

A job is `run(day, actor) -> counts`. It must be idempotent for its day (a second run writes
nothing) and resumable after a crash: the runner records success only after it returns.

Order: jobs that change state first, so the reminders of a day describe the state after them:
1. the voucher expiry sweep (vouchers capability),
2. the removal of remaining days on its milestone (customers capability),
3. the voucher expiry reminders, 30 and 7 days ahead (vouchers capability),
4. the payment-window reminders (payments capability),
5. the milestone reminders and enrollment renewal reminders (jobs.reminders).
Each capability inserts its jobs at its place in this list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from planserv.core.actor import Actor
from planserv.jobs import reminders

JobFunction = Callable[[dt.date, Actor], dict[str, int]]


@dataclass(frozen=True)
class DailyJob:
    name: str
    run: JobFunction
    description: str


def daily_jobs() -> list[DailyJob]:
    """The jobs of one program day, in order. Each capability adds its own here."""
    return [
        DailyJob(
            name="milestone_reminders",
            run=reminders.milestone_reminders,
            description="Retirement milestone reminders, 30 and 7 days before each milestone.",
        ),
        DailyJob(
            name="enrollment_renewal_reminders",
            run=reminders.enrollment_renewal_reminders,
            description="Enrollment renewal reminders to global admins, 30 days before.",
        ),
    ]
