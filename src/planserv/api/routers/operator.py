"""API operations of the operator domain (api.md): the job runs and the email outbox, twins of
the operator's Job runs and Mail pages. The clock itself is /clock (meta)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from planserv.api.auth import actor_of
from planserv.api.pagination import Page, cursor_paginate
from planserv.api.schemas.common import ERRORS
from planserv.api.schemas.operator import (
    JobRunDetailOut,
    JobsRunOut,
    OutboxMessageDetailOut,
    OutboxMessageOut,
)
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.errors import Forbidden
from planserv.jobs.models import JobRun
from planserv.jobs.runner import RunnerReport
from planserv.jobs.selectors import job_runs_list
from planserv.jobs.services import jobs_run_due, outbox_message_retry
from planserv.notifications.delivery import message_id_for
from planserv.notifications.models import OutboxMessage
from planserv.notifications.selectors import outbox_message_get, outbox_messages_list

router = Router(tags=["operator"])


def _operator(request: HttpRequest) -> Actor:
    actor = actor_of(request)
    if not actor.is_operator:
        raise Forbidden(_("Only the program operator sees the job runs and the outbox (R-ROLE-1)."))
    return actor


def _run_out(run: JobRun) -> JobRunDetailOut:
    return JobRunDetailOut(
        id=run.pk,
        job=run.job,
        program_day=run.program_day,
        status=run.status,
        attempts=run.attempts,
        started_at=run.started_at,
        finished_at=run.finished_at,
        counts=run.counts,
        error=run.error,
        retry_after=run.retry_after,
    )


def _message_out(message: OutboxMessage) -> OutboxMessageOut:
    return OutboxMessageOut(
        id=message.pk,
        template=message.template,
        to_email=message.to_email,
        subject=message.subject,
        subject_ref=message.subject_ref,
        status=message.status,
        attempts=message.attempts,
        last_error=message.last_error,
        created_at=message.created_at,
        next_attempt_at=message.next_attempt_at,
        sent_at=message.sent_at,
        dedup_key=message.dedup_key,
        message_id=message_id_for(message.dedup_key),
    )


def _report_out(report: RunnerReport) -> JobsRunOut:
    return JobsRunOut(
        days_run=report.days,
        job_runs=[_run_out(run) for run in report.runs],
        waiting=_run_out(report.waiting) if report.waiting else None,
    )


@router.get(
    "/operator/job-runs",
    response={200: Page[JobRunDetailOut], **ERRORS},
    operation_id="listJobRuns",
    summary="List the daily job runs",
)
def job_runs(
    request: HttpRequest,
    status: str | None = None,
    job: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> dict[str, object]:
    """Daily job runs, newest program day first (R-TIME-1)."""
    _operator(request)
    return cursor_paginate(
        job_runs_list(status=status, job=job),
        cursor=cursor,
        limit=limit,
        order=("-program_day", "id"),
        serialize=_run_out,
    )


@router.post(
    "/operator/job-runs",
    response={200: JobsRunOut, **ERRORS},
    operation_id="runDueJobs",
    summary="Run the daily jobs that are due",
)
def job_runs_run_due(request: HttpRequest) -> JobsRunOut:
    """Run the daily jobs due through the program date now; a failed run is retried at once."""
    report = jobs_run_due(actor=_operator(request), today=clock.today(), at=clock.now())
    return _report_out(report)


@router.get(
    "/operator/outbox",
    response={200: Page[OutboxMessageOut], **ERRORS},
    operation_id="listOutboxMessages",
    summary="List the emails in the outbox",
)
def outbox(
    request: HttpRequest,
    status: str | None = None,
    q: str = "",
    cursor: str | None = None,
    limit: int | None = None,
) -> dict[str, object]:
    """Every email, newest first, with status, attempts and the last error (section 7)."""
    _operator(request)
    return cursor_paginate(
        outbox_messages_list(status=status, search=q[:100]),
        cursor=cursor,
        limit=limit,
        order=("-id",),
        serialize=_message_out,
    )


@router.get(
    "/operator/outbox/{message_id}",
    response={200: OutboxMessageDetailOut, **ERRORS},
    operation_id="getOutboxMessage",
    summary="Read one outbox email",
)
def outbox_message(request: HttpRequest, message_id: int) -> OutboxMessageDetailOut:
    _operator(request)
    message = outbox_message_get(message_id=message_id)
    return OutboxMessageDetailOut(
        **_message_out(message).model_dump(),
        body_text=message.body_text,
        body_html=message.body_html,
    )


@router.post(
    "/operator/outbox/{message_id}/retry",
    response={200: OutboxMessageOut, **ERRORS},
    operation_id="retryOutboxMessage",
    summary="Queue a failed email again",
)
def outbox_message_retry_op(request: HttpRequest, message_id: int) -> OutboxMessageOut:
    """Queue a failed or dead email again; a sent one is refused (409 message_not_retryable)."""
    message = outbox_message_retry(
        message_id=message_id, actor=_operator(request), today=clock.today(), at=clock.now()
    )
    return _message_out(message)
