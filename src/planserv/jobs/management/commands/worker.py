"""planserv worker: runs queued tasks (django-tasks-db) and the daily job runner.

Several workers may run against one PostgreSQL: tasks are claimed with row locks by
django-tasks-db, and the daily runner is guarded by a lease (jobs.runner), so each (job, day)
runs once.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.jobs.runner import run_daily_jobs_through


class Command(BaseCommand):
    help = "Run background tasks and, every interval, the daily jobs due by the program clock."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=30.0,
            help="Seconds between checks of the program clock.",
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run the due daily jobs once and exit (no task worker).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            self._run_due()
            return
        tasks = subprocess.Popen(
            [sys.executable, "-m", "planserv.config.cli", "db_worker", "--interval", "1"]
        )
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while not stopping:
                self._run_due()
                deadline = time.monotonic() + options["interval"]
                while not stopping and time.monotonic() < deadline:
                    time.sleep(0.5)
        finally:
            tasks.terminate()
            tasks.wait(timeout=30)

    def _run_due(self) -> None:
        close_old_connections()
        try:
            report = run_daily_jobs_through(through=clock.today())
        except DomainError as error:
            self.stderr.write(f"{error.code}: {error.message}")
            return
        for run in report.runs:
            self.stdout.write(f"{run.program_day} {run.job}: {run.status} {run.counts}")
