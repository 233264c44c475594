"""planserv ledger check | remove --date YYYY-MM-DD: reconcile the days ledger; run the removal.

`check` proves R-LED-1, R-LED-2 and R-LED-3 for every agreement and exits 1 if anything is wrong.
`remove` runs the removal of remaining days (normally the daily job does it on the removal date);
it is safe to run again, and to restart after a crash (REL-6).
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.errors import DomainError
from planserv.customers.selectors import ledger_reconcile_report
from planserv.customers.services import RemovalBatch, removal_run


class Command(BaseCommand):
    help = "Reconcile the days ledger (check) or run the removal of remaining days (remove)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["check", "remove"])
        parser.add_argument("--date", help="remove: the removal date (YYYY-MM-DD)")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument(
            "--pause-between-batches",
            type=float,
            default=0.0,
            help="remove: seconds to wait after each committed batch (crash tests)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "check":
            self._check()
        else:
            self._remove(options)

    def _check(self) -> None:
        report = ledger_reconcile_report()
        scope = (
            f"{report.agreements} agreements, {report.accounts} accounts, {report.entries} entries"
        )
        if report.clean:
            self.stdout.write(
                f"Ledger clean: {scope} checked; every balance equals the sum of its entries "
                "(R-LED-3), days are conserved (R-LED-1), no account is negative (R-LED-2); the days-flow summary and the voucher counters equal their recount."
            )
            return
        self.stdout.write(f"Ledger problems in {scope}:")
        for problem in report.problems:
            self.stdout.write(f"  {problem.licensing_id}: {problem.rule} {problem.message}")
        sys.exit(1)

    def _remove(self, options: dict[str, Any]) -> None:
        try:
            as_of = dt.date.fromisoformat(options["date"] or "")
        except ValueError:
            raise CommandError("remove needs --date YYYY-MM-DD (the removal date).") from None
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        pause = max(0.0, options["pause_between_batches"])

        def progress(batch: RemovalBatch) -> None:
            self.stdout.write(
                f"batch {batch.number}: {batch.agreements} agreements, {batch.entries} entries"
            )
            self.stdout.flush()
            if pause:
                time.sleep(pause)

        try:
            report = removal_run(
                as_of=as_of,
                actor=Actor.system(label="cli:ledger remove"),
                at=clock.now(),
                batch_size=options["batch_size"],
                after_batch=progress,
            )
        except DomainError as error:
            raise CommandError(f"{error.code}: {error.message}") from None
        self.stdout.write(
            f"Removal of {report.removal_date.isoformat()} done: {report.entries} entries in "
            f"{report.batches} batches."
        )
