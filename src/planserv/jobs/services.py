"""Operator actions on the program's machinery: the sandbox clock (R-TIME-1), running the due
daily jobs now, and retrying an email that failed (domain.md section 7)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.errors import SandboxOnly
from planserv.core.types import Role
from planserv.jobs.errors import ClockBackwards
from planserv.jobs.runner import RunnerReport, run_daily_jobs_through, runner_lease
from planserv.notifications.models import OutboxMessage
from planserv.notifications.services import outbox_requeue

# How long a clock move or "run now" waits for a worker that is running the jobs right now.
LEASE_WAIT_SECONDS = 20.0
MAIL_RETRY_ROLES = (Role.PROGRAM_ADMIN, Role.SUPPORT)


def clock_set(
    *, actor: Actor, target: dt.date | None, today: dt.date, at: dt.datetime
) -> RunnerReport:
    """Pin the sandbox clock to `target` (None: follow the real date), then run the daily jobs
    for every day passed. The runner lease is taken first, so a refusal changes nothing.
    Raises SandboxOnly, Forbidden, ClockBackwards, RunnerBusy (R-TIME-1)."""
    actor.require_role(Role.PROGRAM_ADMIN, action=_("move the program clock"))
    if not clock.is_sandbox():
        raise SandboxOnly(
            _("The program clock can only be pinned or advanced in sandbox mode (R-TIME-1).")
        )
    new_today = target if target is not None else clock.real_today()
    if new_today < today:
        raise ClockBackwards(
            _(
                "The program clock cannot go back from %(today)s to %(new_today)s: daily jobs "
                "have already run for those days (R-TIME-1)."
            )
            % {"today": today.isoformat(), "new_today": new_today.isoformat()},
            details={"today": today.isoformat(), "requested": new_today.isoformat()},
        )
    with runner_lease(wait_seconds=LEASE_WAIT_SECONDS) as lease:
        with transaction.atomic():
            clock.store_pinned_date(target)
            audit_record(
                actor=actor,
                action=AuditEventType.CLOCK_MOVED,
                subject=("core.programclock", "1"),
                at=at,
                program_date=today,
                subject_label="Program clock",
                before={"today": today},
                after={"today": new_today, "pinned": target is not None},
            )
        return run_daily_jobs_through(through=new_today, retry_failed_now=True, lease=lease)


def clock_advance(*, actor: Actor, days: int, today: dt.date, at: dt.datetime) -> RunnerReport:
    """Advance the pinned clock by `days` (≥ 0) and run the jobs of each day passed."""
    return clock_set(actor=actor, target=today + dt.timedelta(days=days), today=today, at=at)


def jobs_run_due(*, actor: Actor, today: dt.date, at: dt.datetime) -> RunnerReport:
    """Run the daily jobs due through `today` now, retrying a failed run at once (R-TIME-1).
    Raises Forbidden, RunnerBusy."""
    actor.require_role(Role.PROGRAM_ADMIN, action=_("run the daily jobs"))
    with runner_lease(wait_seconds=LEASE_WAIT_SECONDS) as lease:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action=AuditEventType.JOB_RUN_REQUESTED,
                subject=("jobs.runnerstate", "1"),
                at=at,
                program_date=today,
                subject_label="Daily job runner",
                after={"through": today},
            )
        return run_daily_jobs_through(through=today, retry_failed_now=True, lease=lease)


@transaction.atomic
def outbox_message_retry(
    *, message_id: int, actor: Actor, today: dt.date, at: dt.datetime
) -> OutboxMessage:
    """Queue a failed or dead email for delivery again, now (domain.md section 7). Raises
    Forbidden, OutboxMessageNotFound, MessageNotRetryable (a sent email is never sent again)."""
    actor.require_role(*MAIL_RETRY_ROLES, action=_("retry an email"))
    message, previous = outbox_requeue(message_id=message_id)
    audit_record(
        actor=actor,
        action=AuditEventType.OUTBOX_MESSAGE_RETRIED,
        subject=message,
        at=at,
        program_date=today,
        before={"status": previous, "attempts": message.attempts},
        after={"status": message.status},
        subject_label=f"{message.template} to {message.to_email}",
    )
    return message
