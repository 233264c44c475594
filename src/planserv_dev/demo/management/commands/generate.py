"""planserv generate --scale full|medium|small|tiny: the PERF-6 data set, set-based (demo/bulk.py).

Runs on a migrated database: loads the demo program first when the database is empty, then adds
the generated organisations, agreements, vouchers and their ledger with INSERT … SELECT.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planserv.accounts.models import User
from planserv_dev.demo.builder import build_demo
from planserv_dev.demo.bulk import SCALES, Plan, generate
from planserv_dev.demo.context import DEFAULT_DEMO_DATE
from planserv_dev.demo.history import generate_history


class Command(BaseCommand):
    help = "Generate the full-program data set (PERF-6) or a fraction of it, set-based."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=list(SCALES), default="full")
        parser.add_argument("--agreements", type=int, help="override the number of agreements")
        parser.add_argument("--customers", type=int, help="override the number of customers")
        parser.add_argument("--partners", type=int, help="override the number of partner firms")
        parser.add_argument(
            "--vouchers-per-agreement", type=int, default=10, help="default %(default)s"
        )
        parser.add_argument(
            "--history-only",
            action="store_true",
            help="add only the history (audit events, job runs, outbox messages) to a database "
            "that already holds a generated data set",
        )
        parser.add_argument(
            "--without-demo",
            action="store_true",
            help="do not load the demo program first (tests); the largest organisations are "
            "then generated ones, without a login",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.for_scale(options["scale"])
        plan = Plan(
            partners=options["partners"] or plan.partners,
            customers=options["customers"] or plan.customers,
            agreements=options["agreements"] or plan.agreements,
            vouchers_per_agreement=options["vouchers_per_agreement"],
        )
        if plan.vouchers_per_agreement < 0 or min(plan.partners, plan.customers) < 1:
            raise CommandError("Counts must be positive.")
        started = time.perf_counter()
        if options["history_only"]:
            generate_history(plan, progress=self.stdout.write)
            return
        if not options["without_demo"] and not User.objects.exists():
            build_demo(today=DEFAULT_DEMO_DATE)
            self.stdout.write(f"demo program: {time.perf_counter() - started:.1f}s")
        try:
            generate(plan, progress=self.stdout.write)
        except RuntimeError as error:
            raise CommandError(str(error)) from None
        generate_history(plan, progress=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {plan.partners:,} partner firms, {plan.customers:,} customers, "
                f"{plan.agreements:,} agreements, {plan.vouchers:,} vouchers (and "
                f"{plan.redeemed:,} redeemed, {plan.payment_requests:,} with a payment request) in "
                f"{time.perf_counter() - started:.1f}s."
            )
        )
