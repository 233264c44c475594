"""planserv demo [--date YYYY-MM-DD]: load the demo program and print the logins."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planserv_dev.demo.builder import DemoAlreadyLoaded, DemoDateOutOfRange, build_demo
from planserv_dev.demo.context import (
    DEFAULT_DEMO_DATE,
    DEMO_PASSWORD,
    FIRST_DEMO_DATE,
    LAST_DEMO_DATE,
)


class Command(BaseCommand):
    help = "Load the demo program (organisations, logins, data in every state) on a clean database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=dt.date.fromisoformat,
            default=DEFAULT_DEMO_DATE,
            help="The program date the demo is played to and the sandbox clock pinned to, from "
            f"{FIRST_DEMO_DATE} to {LAST_DEMO_DATE} (default %(default)s).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) when the database already has data.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            context = build_demo(today=options["date"])
        except DemoAlreadyLoaded as error:
            if options["if_empty"]:
                self.stdout.write("Demo already loaded; keeping the existing data.")
                return
            raise CommandError(str(error)) from None
        except DemoDateOutOfRange as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo program loaded; the sandbox clock is pinned to {context.today.isoformat()}."
            )
        )
        self.stdout.write(f"Every demo login uses the password: {DEMO_PASSWORD}")
        width = max(len(email) for email, _, _ in context.logins)
        for email, organisation, role in context.logins:
            self.stdout.write(f"  {email.ljust(width)}  {role.ljust(16)}  {organisation}")
        self.stdout.write(
            "Operator logins set up a second factor on their first sign-in: scan the QR code "
            "with any authenticator app (or type the key shown), then enter its code "
            "(docs/people.md)."
        )
