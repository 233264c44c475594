"""planserv worker: runs queued tasks (django-tasks-db), delivers due email and webhook events, runs
the daily jobs.

Several workers may run against one PostgreSQL: tasks are claimed with row locks by
django-tasks-db, each email is claimed with SELECT … FOR UPDATE SKIP LOCKED before it is sent
(notifications.delivery), and the daily runner is guarded by a lease (jobs.runner), so each
(job, day) runs once. See docs/operations.md.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections

from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.jobs.runner import run_daily_jobs_through
from planserv.notifications.delivery import BATCH, deliver_due
from planserv.webhooks import delivery as webhooks


class Command(BaseCommand):
    stopping = False
    help = (
        "Run background tasks; every few seconds deliver due email (retries), and every interval "
        "run the daily jobs due by the program clock."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=30.0,
            help="Seconds between checks of the program clock for due daily jobs.",
        )
        parser.add_argument(
            "--mail-interval",
            type=float,
            default=1.0,
            help="Seconds between passes over the outbox for due email (new and retried).",
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="Deliver the due email and run the due daily jobs once, then exit (no task worker).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            self._deliver_due_mail()
            self._deliver_due_webhooks()
            self._run_due_jobs()
            return
        tasks = subprocess.Popen(
            [sys.executable, "-m", "planserv.config.cli", "db_worker", "--interval", "1"]
        )

        def stop(signum: int, frame: object) -> None:
            self.stopping = True

        # SIGTERM or SIGINT: finish the batch in hand (a mail batch, a daily job), then stop
        # the task worker, which finishes its current task (django-tasks-db), and exit.
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        next_jobs = next_mail = 0.0
        try:
            while not self.stopping:
                if time.monotonic() >= next_mail:
                    self._deliver_due_mail()
                    self._deliver_due_webhooks()
                    next_mail = time.monotonic() + options["mail_interval"]
                if time.monotonic() >= next_jobs:
                    self._run_due_jobs()
                    next_jobs = time.monotonic() + options["interval"]
                time.sleep(0.5)
        finally:
            tasks.terminate()
            tasks.wait(timeout=30)
            self.stdout.write("worker: stopped")

    def _deliver_due_mail(self) -> None:
        close_old_connections()
        try:
            while True:
                report = deliver_due(now=clock.real_now())
                if report.sent or report.failed or report.dead:
                    self.stdout.write(f"mail: {report.counts()}")
                handled = len(report.sent) + len(report.failed) + len(report.dead)
                # A full batch may mean more is due; skipped rows are another worker's.
                if report.relay_paused_until is not None or handled < BATCH or report.skipped:
                    return
                if self.stopping:  # asked to stop: the batch just sent was the last
                    return
        except DatabaseError as error:  # the database is unreachable: try again next pass
            self.stderr.write(f"mail: database error: {error}")

    def _deliver_due_webhooks(self) -> None:
        """Passes until nothing more is due: each pass sends the oldest waiting event of every
        object, so the next event of a voucher goes in the next pass (docs/webhooks.md)."""
        close_old_connections()
        try:
            while not self.stopping:
                report = webhooks.deliver_due(now=clock.real_now())
                if report.sent or report.failed or report.dead:
                    self.stdout.write(f"webhooks: {report.counts()}")
                if not report.sent:
                    return
        except DatabaseError as error:
            self.stderr.write(f"webhooks: database error: {error}")

    def _run_due_jobs(self) -> None:
        close_old_connections()
        try:
            report = run_daily_jobs_through(through=clock.today())
        except DomainError as error:
            self.stderr.write(f"{error.code}: {error.message}")
            return
        except DatabaseError as error:  # the database is unreachable: try again next interval
            self.stderr.write(f"jobs: database error: {error}")
            return
        for run in report.runs:
            self.stdout.write(f"{run.program_day} {run.job}: {run.status} {run.counts}")
