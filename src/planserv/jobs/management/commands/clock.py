"""planserv clock [show | set YYYY-MM-DD | advance N | real]: the sandbox program clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.errors import DomainError
from planserv.core.types import Role
from planserv.jobs.services import clock_set


class Command(BaseCommand):
    help = "Show, pin or advance the program clock; moving it runs the daily jobs of each day."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action", nargs="?", default="show", choices=["show", "set", "advance", "real"]
        )
        parser.add_argument("value", nargs="?")

    def handle(self, *args: Any, **options: Any) -> None:
        action, value = options["action"], options["value"]
        if action != "show":
            today = clock.today()
            try:
                if action == "set":
                    target: dt.date | None = dt.date.fromisoformat(value or "")
                elif action == "advance":
                    target = today + dt.timedelta(days=int(value or "1"))
                else:
                    target = None
            except ValueError as error:
                raise CommandError(f"Bad value {value!r}: {error}") from None
            actor = Actor(
                user_id=None,
                email="cli",
                organisation_id=None,
                organisation_kind="operator",
                organisation_name="planserv",
                role=Role.PROGRAM_ADMIN,
            )
            try:
                report = clock_set(actor=actor, target=target, today=today, at=clock.now())
            except DomainError as error:
                raise CommandError(f"{error.code}: {error.message}") from None
            for run in report.runs:
                self.stdout.write(f"  {run.program_day}  {run.job}: {run.status} {run.counts}")
        reading = clock.reading()
        state = "pinned (sandbox)" if reading.pinned else "real date"
        self.stdout.write(
            f"Program date {reading.today.isoformat()} ({state}, {reading.time_zone})"
        )
