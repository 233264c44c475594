"""`planserv demo --date D`: the demo program on a clean database, played forward to D through the
services and the program clock, so the database holds what the program would hold on D and
nothing dated after it.

How it is built:
1. Each step (one module per capability, STEPS below) runs in order with a shared DemoContext.
   What exists from the start of the demo's history (HISTORY_START, 1 July 2019: organisations,
   logins, queue agents) a step creates at once; everything dated it puts on the timeline with
   `context.on(day, label, act)`, where `act(day)` calls the services with `today=day`.
2. The timeline plays day by day from HISTORY_START to D. Each day starts with the daily jobs of
   the registry (jobs/registry.py), as the daily runner would run them: the jobs that change state
   (accrual, voucher expiry extensions and sweep, the removal) on every day they have work; every
   job (reminders and retention too) on the last REMINDER_DAYS days, so the Mail page shows that
   month's reminders; on the last RUNNER_DAYS days the runner itself runs them with the sandbox
   clock pinned to the day, so the Job runs page shows its week. Then the day's events run in the
   order the steps put them on. Events after D never run.
3. The sandbox clock is pinned to D; the runner has completed D.

To add a step: write `build(context)` in a new module that puts its dated actions on the timeline
(`context.on(...)`; objects made by an earlier day's event are found then, inside the act), and
add it to STEPS. `tests/demo/test_timeline.py` loads the demo at a dozen dates and checks that
nothing is dated after the demo date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from django.db import transaction

from planserv.accounts.models import User
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.customers.accrual import coverage_year_starts
from planserv.customers.models import LicensingAgreement
from planserv.jobs import registry
from planserv.jobs.models import RunnerState
from planserv.jobs.runner import run_daily_jobs_through
from planserv.program.calendar import calendar_get
from planserv.program.models import PolicyExtension, PolicyKind
from planserv_dev.demo import (
    accounts,
    customers,
    partners,
    payments,
    people,
    reports,
    support,
    vouchers,
    webhooks,
)
from planserv_dev.demo.context import (
    FIRST_DEMO_DATE,
    HISTORY_START,
    LAST_DEMO_DATE,
    DemoContext,
    Event,
)

Step = Callable[[DemoContext], None]

STEPS: list[tuple[str, Step]] = [
    ("organisations and logins", accounts.build),
    ("a customer's webhook (written to from here on)", webhooks.subscribe),
    ("partner firms, competencies, enrollments", partners.build),
    ("customer agreements and the days ledger", customers.build),
    ("vouchers in every state", vouchers.build),
    ("payment requests and runs", payments.build),
    ("support requests and FAQ", support.build),
    ("reports", reports.build),
    ("the customer's webhook switched off", webhooks.switch_off),
    ("people: an invitation waiting", people.build),
]

# The daily jobs that change state run on every day of the history that they have work (below);
# every job of the registry (reminders, retention too) runs on the last REMINDER_DAYS days up to
# the demo date, and on the last RUNNER_DAYS of them through the runner itself, with the sandbox
# clock pinned to the day (so the Job runs page shows them).
STATE_JOBS = (
    "customers.accrual",
    "vouchers.expiry_extensions",
    "vouchers.expiry_sweep",
    "customers.removal",
)
REMINDER_DAYS = 31
RUNNER_DAYS = 7
ONE_DAY = dt.timedelta(days=1)


class DemoAlreadyLoaded(Exception):
    pass


class DemoDateOutOfRange(ValueError):
    pass


class DemoJobFailed(RuntimeError):
    pass


def build_demo(*, today: dt.date) -> DemoContext:
    if not FIRST_DEMO_DATE <= today <= LAST_DEMO_DATE:
        raise DemoDateOutOfRange(
            f"The demo replays the program from {FIRST_DEMO_DATE.isoformat()} to "
            f"{LAST_DEMO_DATE.isoformat()}; choose a date in that range."
        )
    if User.objects.exists():
        raise DemoAlreadyLoaded("The database already has users; the demo needs a clean database.")
    context = DemoContext(today=today, operator=Actor.system(label="demo loader"))
    with transaction.atomic():
        run_steps(context, [step for _name, step in STEPS])
    return context


def run_steps(context: DemoContext, steps: list[Step]) -> None:
    """Run the steps, play their timeline up to the demo date, pin the clock there."""
    for step in steps:
        step(context)
    play(context)
    clock.store_pinned_date(context.today)
    RunnerState.objects.update_or_create(singleton=1, defaults={"completed_through": context.today})


def play(context: DemoContext) -> None:
    """Play the timeline from HISTORY_START to the demo date: each day its daily jobs, then its
    events in the order the steps put them on."""
    by_day: dict[dt.date, list[Event]] = defaultdict(list)
    for event in context.events:
        by_day[event.day].append(event)
    today = context.today
    every_job_from = max(HISTORY_START, today - dt.timedelta(days=REMINDER_DAYS - 1))
    runner_from = max(HISTORY_START, today - dt.timedelta(days=RUNNER_DAYS - 1))
    jobs = registry.daily_jobs()
    state_jobs = [job for job in jobs if job.name in STATE_JOBS]
    has_work = _StateJobDays()
    RunnerState.objects.update_or_create(
        singleton=1, defaults={"completed_through": runner_from - ONE_DAY}
    )
    day = HISTORY_START
    while day <= today:
        if day >= runner_from:
            _run_the_runner(day)
        else:
            for job in jobs if day >= every_job_from else state_jobs:
                if has_work(job.name, day):
                    job.run(day, context.operator)
        for event in by_day.get(day, []):
            event.act(day)
        day += ONE_DAY


class _StateJobDays:
    """Whether a state-changing daily job has work on a day, so the long history skips the days
    it would do nothing: accrual on a coverage year's first day, expiry extensions on a policy's
    live-on day, the removal on its milestone. The expiry sweep and every other job: every day."""

    def __init__(self) -> None:
        self.removal = calendar_get().removal_date
        self.live_on = set(
            PolicyExtension.objects.filter(
                kind=PolicyKind.EXPIRY_EXTENSION, live_on__isnull=False
            ).values_list("live_on", flat=True)
        )

    def __call__(self, job: str, day: dt.date) -> bool:
        if job == "customers.accrual":
            return any(
                day in coverage_year_starts(start, end)
                for start, end in LicensingAgreement.objects.values_list("start_date", "end_date")
            )
        if job == "vouchers.expiry_extensions":
            return day in self.live_on
        if job == "customers.removal":
            return day == self.removal
        return True


def _run_the_runner(day: dt.date) -> None:
    clock.store_pinned_date(day)
    report = run_daily_jobs_through(through=day, retry_failed_now=True)
    if report.failed:
        failed = report.failed[0]
        raise DemoJobFailed(f"The daily job {failed.job} failed on {day}: {failed.error}")
