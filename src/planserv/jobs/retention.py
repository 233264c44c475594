"""Retention: the daily jobs that forget what planserv no longer needs (docs/operations.md,
"Retention"). Each is a daily job, so each pass is a JobRun with its counts on the Job runs page.

| job | what goes | after |
|---|---|---|
| `retention.task_results` | finished django-tasks results (the mail tasks' records) | 30 days |
| `retention.sessions` | expired portal sessions | at expiry |
| `retention.mail_bodies` | the text and HTML of sent email; the outbox row stays | `PLANSERV_RETENTION_MAIL_BODY_DAYS` (400) |
| `retention.idempotency_keys` | API Idempotency-Key records (api.md keeps them at least 24 hours) | 7 days |

The idempotency job belongs to the api app, above this one: api registers it from its AppConfig
with `registry.register_daily_job()`. That is also the hook for what does not exist yet: when
invitations and password-reset links are stored, the app that owns them registers a job that
deletes the expired ones, the same way.

Cut-offs are real instants (`clock.real_now()`), because the timestamps they compare with are
real (sessions, task results, `sent_at`); the program clock only decides which day's run this is.
Work is set-based, a batch of keys per statement (core.batches), never a loop over rows.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.sessions.models import Session
from django_tasks_db.models import DBTaskResult

from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.batches import delete_in_batches
from planserv.notifications.services import outbox_bodies_blank_sent_before

TASK_RESULTS_KEPT = dt.timedelta(days=30)


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
