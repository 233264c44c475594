"""Retention: the daily jobs that forget what planserv no longer needs (docs/operations.md,
"Retention"). Each is a daily job, so each pass is a JobRun with its counts on the Job runs page.

| job | what goes | after |
|---|---|---|
| `retention.task_results` | finished django-tasks results (the mail tasks' records) | 30 days |
| `retention.sessions` | expired portal sessions | at expiry |
| `retention.mail_bodies` | the text and HTML of sent email; the outbox row stays | `PLANSERV_RETENTION_MAIL_BODY_DAYS` (400) |
| `retention.invitations` | invitations not accepted, expired or revoked (R-PPL-1) | 30 days after |
| `retention.password_reset_links` | password reset links, used or expired (R-PPL-2) | at once |
| `retention.idempotency_keys` | API Idempotency-Key records (api.md keeps them at least 24 hours) | 7 days |

The idempotency job belongs to the api app, above this one: api registers it from its AppConfig
with `registry.register_daily_job()`, the hook for an app above jobs. Invitations and password
reset links belong to accounts, below jobs, so their jobs are listed here and in the registry
directly, calling the accounts selectors that say what has expired.

Cut-offs are real instants (`clock.real_now()`), because the timestamps they compare with are
real (sessions, task results, `sent_at`); the program clock only decides which day's run this is.
Work is set-based, a batch of keys per statement (core.batches), never a loop over rows.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.sessions.models import Session
from django_tasks_db.models import DBTaskResult

from planserv.accounts.invitations import invitations_purge_expired
from planserv.accounts.passwords import reset_links_purge_expired
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.batches import delete_in_batches
from planserv.notifications.services import outbox_bodies_blank_sent_before

TASK_RESULTS_KEPT = dt.timedelta(days=30)
INVITATIONS_KEPT = dt.timedelta(days=30)


def task_results_purge(day: dt.date, actor: Actor) -> dict[str, int]:
    """Delete the task results that finished (succeeded or failed) more than 30 days ago."""
    cutoff = clock.real_now() - TASK_RESULTS_KEPT
    finished = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff)
    return {"deleted": delete_in_batches(finished)}


def sessions_purge(day: dt.date, actor: Actor) -> dict[str, int]:
    """Delete the sessions whose expiry has passed (Django's clearsessions, in batches)."""
    expired = Session.objects.filter(expire_date__lt=clock.real_now())
    return {"deleted": delete_in_batches(expired)}


def mail_bodies_blank(day: dt.date, actor: Actor) -> dict[str, int]:
    """Blank the bodies of email sent more than PLANSERV_RETENTION_MAIL_BODY_DAYS ago."""
    kept = dt.timedelta(days=settings.PLANSERV_RETENTION_MAIL_BODY_DAYS)
    return {"blanked": outbox_bodies_blank_sent_before(before=clock.real_now() - kept)}


def invitations_purge(day: dt.date, actor: Actor) -> dict[str, int]:
    """Delete invitations never accepted that expired or were revoked 30 days ago or more: the
    people page shows an expired invitation (to resend it) for that long."""
    cutoff = clock.real_now() - INVITATIONS_KEPT
    return {"deleted": delete_in_batches(invitations_purge_expired(before=cutoff))}


def reset_links_purge(day: dt.date, actor: Actor) -> dict[str, int]:
    """Delete password reset links that were used or have expired."""
    return {"deleted": delete_in_batches(reset_links_purge_expired(before=clock.real_now()))}
