# ruff: noqa: S608
"""The history part of the PERF-6 data set, for the operator pages PERF-7 measures: audit events
(one per generated voucher: 1,000,000 at full scale), a year of daily job runs, and outbox
messages (one per ten vouchers: 100,000 at full scale). Set-based, one INSERT … SELECT each.
The payment requests at volume (54,000 across monthly runs) come with the redeemed vouchers in
demo/bulk.py.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from django.db import connection, transaction

from planserv_dev.demo.bulk import LABEL, Plan, Sql

HISTORY_START = dt.date(2020, 1, 1)
JOBS = (
    "accrual",
    "expiry",
    "reminders",
    "removal",
    "payment_window",
    "retention",
    "outbox_retention",
    "calendar_notices",
)
ACTIONS = (
    "'vouchers.voucher.created'",
    "'vouchers.voucher.reserved'",
    "'vouchers.voucher.delivered'",
    "'vouchers.voucher.redeemed'",
    "'customers.agreement.accrued'",
    "'payments.payment_request.filed'",
)
DAYS = 365


def generate_history(plan: Plan, *, progress: Callable[[str], None] = print) -> dict[str, int]:
    """Add the history rows; returns the rows per table."""
    sql = Sql()
    day = sql.date_plus(HISTORY_START, f"n %% {DAYS * 3}")
    steps = {
        "audit events": sql.series(plan.vouchers)
        + "INSERT INTO audit_auditevent (occurred_at, program_date, action, actor_user_id, "
        "actor_label, actor_role, organisation_id, organisation_label, job_run_id, "
        "subject_type, subject_id, subject_label, request_id, reason) "
        f"SELECT {sql.at_nine(day)}, {day}, {_case('n', ACTIONS)}, NULL, "
        f"'{LABEL}', 'program_admin', NULL, '', NULL, 'vouchers.voucher', "
        f"'GEN-' || {sql.pad7('n')}, '', '', '' FROM g",
        "job runs": sql.series(DAYS * len(JOBS))
        + "INSERT INTO jobs_jobrun (job, program_day, status, attempts, started_at, "
        "finished_at, counts, error) "
        f"SELECT {_case('n', [repr(job) for job in JOBS])}, "
        f"{sql.date_plus(HISTORY_START, f'(n - 1) / {len(JOBS)}')}, 'succeeded', 1, "
        f"{sql.at_nine(sql.date_plus(HISTORY_START, f'(n - 1) / {len(JOBS)}'))}, "
        f"{sql.at_nine(sql.date_plus(HISTORY_START, f'(n - 1) / {len(JOBS)}'))}, "
        f"{sql.json('{}')}, '' FROM g",
        "outbox messages": sql.series(max(1, plan.vouchers // 10))
        + "INSERT INTO notifications_outboxmessage (dedup_key, template, to_email, "
        "organisation_id, subject, body_text, body_html, subject_ref, status, attempts, "
        "next_attempt_at, last_error, created_at, sent_at) "
        f"SELECT 'generated:' || n, 'voucher_assigned', 'user' || n || '@generated.invalid', "
        f"NULL, 'Your voucher GEN-' || {sql.pad7('n')}, '', '', 'GEN-' || {sql.pad7('n')}, "
        f"'sent', 1, NULL, '', {sql.at_nine(day)}, {sql.at_nine(day)} FROM g",
    }
    counts: dict[str, int] = {}
    for name, statement in steps.items():
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [0])
            counts[name] = int(cursor.rowcount)
        progress(f"{name}: {counts[name]:,} rows in {time.perf_counter() - started:.1f}s")
    return counts


def _case(expr: str, values: list[str] | tuple[str, ...]) -> str:
    whens = " ".join(f"WHEN {i} THEN {value}" for i, value in enumerate(values))
    return f"(CASE ({expr}) %% {len(values)} {whens} END)"
