"""The daily jobs, in the order they run for each program day (R-TIME-1).

A job is `run(day, actor) -> counts`. It must be idempotent for its day (a second run writes
nothing) and resumable after a crash: the runner records success only after it returns.

Order: jobs that change state first, so the reminders of a day describe the state after them:
1. accrual of coverage years starting that day (customers),
2. the voucher expiry extensions of a policy's live_on day, then the voucher expiry sweep
   (vouchers capability),
3. the removal of remaining days on its milestone (customers capability),
4. the voucher expiry reminders, 30 and 7 days ahead (vouchers capability),
5. the payment-window reminders and the reviewers' daily digest (payments capability),
6. the milestone reminders and enrollment renewal reminders (jobs.reminders),
7. retention (jobs.retention), then the jobs that apps above this one registered with
   `register_daily_job()` (the api's idempotency keys).
Each capability inserts its jobs at its place in this list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from planserv.core import clock
from planserv.core.actor import Actor
from planserv.customers.services import accruals_post_due, removal_job
from planserv.jobs import reminders, retention
from planserv.payments.overdue import review_digest_send
from planserv.payments.services.remind import payments_remind_window
from planserv.vouchers.services import (
    vouchers_expire_job,
    vouchers_extend_expiry_due,
    vouchers_remind_expiry,
)

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


def _vouchers_extensions(day: dt.date, actor: Actor) -> dict[str, int]:
    return vouchers_extend_expiry_due(as_of=day, actor=actor, at=job_instant(day))


def _vouchers_expiry(day: dt.date, actor: Actor) -> dict[str, int]:
    return vouchers_expire_job(day=day, actor=actor, at=job_instant(day))


def _vouchers_reminders(day: dt.date, actor: Actor) -> dict[str, int]:
    return vouchers_remind_expiry(day=day, actor=actor, at=job_instant(day))


def _payments_reminders(day: dt.date, actor: Actor) -> dict[str, int]:
    return payments_remind_window(day=day, actor=actor, at=job_instant(day))


def _payments_review_digest(day: dt.date, actor: Actor) -> dict[str, int]:
    return review_digest_send(day=day, actor=actor, at=job_instant(day))


_REGISTERED: dict[str, DailyJob] = {}


def register_daily_job(job: DailyJob) -> None:
    """Add a job from an app above this one (from its AppConfig.ready); it runs after the jobs
    listed here. Registering the same name again replaces it."""
    _REGISTERED[job.name] = job


def daily_jobs() -> list[DailyJob]:
    """The jobs of one program day, in order. Each capability adds its own here."""
    return [
        DailyJob(
            name="customers.accrual",
            run=_customers_accrual,
            description="Grant the days of every coverage year starting this day (R-ACC-1).",
        ),
        DailyJob(
            name="vouchers.expiry_extensions",
            run=_vouchers_extensions,
            description="On a policy's live_on day, extend the expiry of the vouchers it covers "
            "(R-EXT-1).",
        ),
        DailyJob(
            name="vouchers.expiry_sweep",
            run=_vouchers_expiry,
            description="Record vouchers whose expiry date has passed as expired; return or "
            "forfeit their days (R-EXP-1). Before the removal, so the day's returns are removed.",
        ),
        DailyJob(
            name="customers.removal",
            run=_customers_removal,
            description="On the removal date, move every agreement's available days to removed.",
        ),
        DailyJob(
            name="vouchers.expiry_reminders",
            run=_vouchers_reminders,
            description="Remind customers and reserving partners 30 and 7 days before a voucher "
            "expires.",
        ),
        DailyJob(
            name="payments.window_reminders",
            run=_payments_reminders,
            description="Remind partner admins 14 and 3 days before the payment window of a "
            "redeemed voucher without a payment request closes (R-PAY-2).",
        ),
        DailyJob(
            name="payments.review_digest",
            run=_payments_review_digest,
            description="Email payment reviewers the requests validating or held longer than "
            "the configured business days, and the runs still open after their month.",
        ),
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
        DailyJob(
            name="retention.task_results",
            run=retention.task_results_purge,
            description="Delete background task results finished more than 30 days ago.",
        ),
        DailyJob(
            name="retention.sessions",
            run=retention.sessions_purge,
            description="Delete expired sign-in sessions.",
        ),
        DailyJob(
            name="retention.mail_bodies",
            run=retention.mail_bodies_blank,
            description="Blank the text of email sent longer ago than the retention period; "
            "the record of who was sent what, and when, stays.",
        ),
        DailyJob(
            name="retention.invitations",
            run=retention.invitations_purge,
            description="Delete invitations not accepted whose link expired, or that were "
            "revoked, more than 30 days ago (R-PPL-1).",
        ),
        DailyJob(
            name="retention.password_reset_links",
            run=retention.reset_links_purge,
            description="Delete password reset links that were used or expired (R-PPL-2).",
        ),
        *_REGISTERED.values(),
    ]
