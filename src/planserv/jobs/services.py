"""Moving the sandbox program clock (R-TIME-1): pin, advance, or return to the real date."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from planserv.audit.services import audit_record
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.errors import SandboxOnly
from planserv.core.types import Role
from planserv.jobs.errors import ClockBackwards
from planserv.jobs.runner import RunnerReport, run_daily_jobs_through


def clock_set(
    *, actor: Actor, target: dt.date | None, today: dt.date, at: dt.datetime
) -> RunnerReport:
    """Pin the sandbox clock to `target` (None: follow the real date), then run the daily jobs
    for every day passed. Raises SandboxOnly, Forbidden, ClockBackwards (R-TIME-1)."""
    actor.require_role(Role.PROGRAM_ADMIN, action="move the program clock")
    if not clock.is_sandbox():
        raise SandboxOnly(
            "The program clock can only be pinned or advanced in sandbox mode (R-TIME-1)."
        )
    new_today = target if target is not None else clock.real_today()
    if new_today < today:
        raise ClockBackwards(
            f"The program clock cannot go back from {today.isoformat()} to "
            f"{new_today.isoformat()}: daily jobs have already run for those days (R-TIME-1).",
            details={"today": today.isoformat(), "requested": new_today.isoformat()},
        )
    with transaction.atomic():
        clock.store_pinned_date(target)
        audit_record(
            actor=actor,
            action="core.clock.moved",
            subject=("core.programclock", "1"),
            at=at,
            program_date=today,
            subject_label="Program clock",
            before={"today": today},
            after={"today": new_today, "pinned": target is not None},
        )
    return run_daily_jobs_through(through=new_today)


def clock_advance(*, actor: Actor, days: int, today: dt.date, at: dt.datetime) -> RunnerReport:
    """Advance the pinned clock by `days` (≥ 0) and run the jobs of each day passed."""
    return clock_set(actor=actor, target=today + dt.timedelta(days=days), today=today, at=at)
