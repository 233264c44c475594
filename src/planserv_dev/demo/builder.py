"""`planserv demo`: a whole demo program on a clean database, built through the services.

Each capability adds a step; steps run in order with a shared DemoContext. History is built by
calling services with past `today` values; finally the sandbox clock is pinned to the demo date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction

from planserv.accounts.models import User
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.jobs.models import RunnerState
from planserv_dev.demo import (
    accounts,
    customers,
    notifications,
    partners,
    payments,
    people,
    reports,
    support,
    vouchers,
    webhooks,
)
from planserv_dev.demo.context import DemoContext

Step = Callable[[DemoContext], None]

STEPS: list[tuple[str, Step]] = [
    ("organisations and logins", accounts.build),
    ("a customer's webhook (written to from here on)", webhooks.subscribe),
    ("partner firms, competencies, enrollments", partners.build),
    ("customer agreements and the days ledger", customers.build),
    ("vouchers in every state", vouchers.build),
    ("payment requests and runs", payments.build),
    ("notifications", notifications.build),
    ("support requests and FAQ", support.build),
    ("reports", reports.build),
    ("the customer's webhook switched off", webhooks.switch_off),
    ("people: an invitation waiting", people.build),
]


class DemoAlreadyLoaded(Exception):
    pass


def build_demo(*, today: dt.date) -> DemoContext:
    if User.objects.exists():
        raise DemoAlreadyLoaded("The database already has users; the demo needs a clean database.")
    context = DemoContext(today=today, operator=Actor.system(label="demo loader"))
    with transaction.atomic():
        for _name, step in STEPS:
            step(context)
        clock.store_pinned_date(today)
        RunnerState.objects.update_or_create(singleton=1, defaults={"completed_through": today})
    return context
