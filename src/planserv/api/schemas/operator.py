"""Request and response schemas of the operator operations (api/routers/operator.py)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class JobRunDetailOut(Schema):
    id: int
    job: str
    program_day: dt.date
    status: str
    attempts: int
    started_at: dt.datetime
    finished_at: dt.datetime | None
    counts: dict[str, int]
    error: str
    retry_after: dt.datetime | None


class JobsRunOut(Schema):
    days_run: list[dt.date]
    job_runs: list[JobRunDetailOut]
    waiting: JobRunDetailOut | None


class OutboxMessageOut(Schema):
    id: int
    template: str
    to_email: str
    subject: str
    subject_ref: str
    status: str
    attempts: int
    last_error: str
    created_at: dt.datetime
    next_attempt_at: dt.datetime | None
    sent_at: dt.datetime | None
    dedup_key: str
    message_id: str


class OutboxMessageDetailOut(OutboxMessageOut):
    body_text: str
    body_html: str
