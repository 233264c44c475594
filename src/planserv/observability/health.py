"""Liveness and readiness (docs/operations.md, "Health, metrics and logs").

`/health` says the process answers; it touches nothing else, so a load balancer or a supervisor
never restarts a server because the database or the mail relay is slow.
`/ready` says the installation can do all of its work: each check below gives ok and a reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from planserv.core import clock
from planserv.jobs.selectors import runner_state_get
from planserv.notifications.selectors import outbox_backlog, outbox_relay_get


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    reason: str


@dataclass(frozen=True)
class Readiness:
    checks: list[Check]

    @property
    def ready(self) -> bool:
        return all(check.ok for check in self.checks)

    def as_json(self) -> dict[str, object]:
        return {
            "status": "ready" if self.ready else "not_ready",
            "checks": {
                check.name: {"ok": check.ok, "reason": check.reason} for check in self.checks
            },
        }


_migrations_seen_applied = False  # once applied they stay applied: read the graph only until then


def check_database() -> Check:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return Check("database", True, f"The {connection.vendor} database answers.")


def check_migrations() -> Check:
    global _migrations_seen_applied
    if not _migrations_seen_applied:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            names = ", ".join(f"{migration.app_label}.{migration.name}" for migration, _ in pending)
            return Check(
                "migrations", False, f"{len(pending)} migrations are not applied: {names[:300]}."
            )
        _migrations_seen_applied = True
    return Check("migrations", True, "Every migration is applied.")


def check_job_runner() -> Check:
    state = runner_state_get()
    now = clock.real_now()
    stale_after = dt.timedelta(seconds=settings.PLANSERV_READY_RUNNER_STALE_SECONDS)
    if state is None or state.checked_at is None:
        return Check("job_runner", False, "No worker has run the daily jobs yet.")
    if state.lease_owner and state.lease_until is not None and state.lease_until < now:
        return Check(
            "job_runner",
            False,
            f"The lease of {state.lease_owner} expired at {state.lease_until.isoformat()}: that "
            "runner stopped in the middle of a job; another worker takes over.",
        )
    age = now - state.checked_at
    if age > stale_after:
        return Check(
            "job_runner",
            False,
            f"No worker has checked for due daily jobs for {int(age.total_seconds())} s "
            f"(limit {int(stale_after.total_seconds())} s): is `planserv worker` running?",
        )
    through = state.completed_through.isoformat() if state.completed_through else "no day yet"
    return Check(
        "job_runner",
        True,
        f"A worker checked {int(age.total_seconds())} s ago; daily jobs completed through "
        f"{through}.",
    )


def check_outbox() -> Check:
    backlog = outbox_backlog()
    limit = settings.PLANSERV_READY_OUTBOX_BACKLOG_MAX
    oldest_limit = settings.PLANSERV_READY_OUTBOX_OLDEST_SECONDS
    age = (
        int((clock.now() - backlog.oldest_created_at).total_seconds())
        if backlog.oldest_created_at is not None
        else 0
    )
    if backlog.undelivered > limit:
        return Check(
            "outbox",
            False,
            f"{backlog.undelivered} emails wait to be delivered (limit {limit}).",
        )
    if age > oldest_limit:
        return Check(
            "outbox",
            False,
            f"The oldest undelivered email is {age} s old (limit {oldest_limit} s).",
        )
    return Check("outbox", True, f"{backlog.undelivered} emails wait; the oldest is {age} s old.")


def check_mail_relay() -> Check:
    relay = outbox_relay_get()
    now = clock.real_now()
    if relay is not None and relay.paused_until is not None and relay.paused_until > now:
        return Check(
            "mail_relay",
            False,
            f"Delivery is paused until {relay.paused_until.isoformat()} after "
            f"{relay.consecutive_failures} relay failures: {relay.last_error[:200]}",
        )
    return Check("mail_relay", True, "Delivery is not paused.")


def readiness() -> Readiness:
    """Every check; when the database does not answer, the checks that read it say so."""
    try:
        database = check_database()
    except DatabaseError as error:
        reason = f"The database does not answer: {type(error).__name__}."
        unreachable = "Not checked: the database does not answer."
        names = ("migrations", "job_runner", "outbox", "mail_relay")
        return Readiness(
            [Check("database", False, reason), *(Check(name, False, unreachable) for name in names)]
        )
    checks = [database]
    for check in (check_migrations, check_job_runner, check_outbox, check_mail_relay):
        try:
            checks.append(check())
        except DatabaseError as error:
            reason = f"The database refused the check: {type(error).__name__}."
            checks.append(Check(check.__name__.removeprefix("check_"), False, reason))
    return Readiness(checks)
