"""`planserv demo --date D` replays the program up to D (issue 19, item 8): it loads at any date
from 1 July 2019 to 31 March 2022, holds nothing dated after D (vouchers, ledger entries,
redemptions, payments, emails, audit events, job runs: every date or instant a record was made
on), and what should exist at D does, with a ledger that reconciles.

Two dates run in the fast lane; the other ten are marked slow."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import models

from planserv.core import clock
from planserv.customers.models import LedgerEntry, LicensingAgreement
from planserv.customers.selectors import ledger_reconcile
from planserv.jobs.models import JobRun, RunnerState
from planserv.notifications.models import OutboxMessage
from planserv.partners.models import Enrollment
from planserv.payments.models import PaymentRequest, PaymentRun
from planserv.support.models import SupportRequest
from planserv.vouchers.models import Voucher
from planserv_dev.demo.builder import build_demo

pytestmark = pytest.mark.django_db

D = dt.date
FAST_DATES = [D(2019, 7, 1), D(2021, 3, 1)]
SLOW_DATES = [
    D(2019, 8, 15),  # before the agreements' first activation
    D(2019, 12, 1),
    D(2020, 2, 1),  # cloud retirement, training conversion end
    D(2020, 6, 16),  # the duplicate goodwill grant, not yet corrected
    D(2020, 9, 1),  # the first date the old demo could load
    D(2021, 1, 31),  # the last accrual day
    D(2021, 6, 30),  # the last create/assign day
    D(2021, 7, 1),  # the removal
    D(2022, 1, 2),  # the first day redemption is refused
    D(2022, 3, 31),  # the last date the demo replays
]
DATES = [*FAST_DATES, *(pytest.param(day, marks=pytest.mark.slow) for day in SLOW_DATES)]

# Fields that are not the date something happened: schedules and deadlines (they may lie ahead),
# and real-time bookkeeping (sessions, delivery retries, leases, task queue) that no rule reads.
SCHEDULE_FIELDS = {
    "start_date",
    "end_date",
    "base_expiry_date",
    "expiry_date",
    "previous_expiry_date",
    "expires_on",
    "last_day",
    "previous_last_day",
    "last_request_date",
    "effective_from",
    "effective_to",
    "rate_effective_from",
    "created_before",
    "live_on",
    "month",
}
REAL_TIME_FIELDS = {
    "accounts": None,  # logins and sessions: real time (date_joined, last_login, session expiry)
    "sessions": None,
    "django_tasks_database": None,
    "api": None,  # idempotency keys: real time
    "core": None,  # the clock row itself
}
REAL_TIME_FIELD_NAMES = {
    "sent_at",
    "next_attempt_at",
    "paused_until",
    "last_failure_at",
    "last_success_at",
    "retry_after",
    "lease_until",
    "checked_at",
}


def dated_fields() -> list[tuple[type[models.Model], str]]:
    """Every date or instant field of the product's models that records when something happened."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label in REAL_TIME_FIELDS:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.DateField):  # DateTimeField is one too
                continue
            if field.name in SCHEDULE_FIELDS or field.name in REAL_TIME_FIELD_NAMES:
                continue
            if model._meta.app_label == "program":  # the calendar and catalogue: configuration
                continue
            if model._meta.label == "reports.VoucherCount":  # counters keyed by a deadline day
                continue
            found.append((model, field.name))
    return found


def latest_dates(today: dt.date) -> dict[str, dt.date]:
    """label.field → the latest program date it holds, for every field that holds one after
    `today`."""
    zone = clock.program_zone()
    late = {}
    for model, name in dated_fields():
        for value in model.objects.exclude(**{f"{name}__isnull": True}).values_list(
            name, flat=True
        ):
            day = value.astimezone(zone).date() if isinstance(value, dt.datetime) else value
            if day > today:
                key = f"{model._meta.label}.{name}"
                late[key] = max(late.get(key, day), day)
    return late


@pytest.mark.parametrize("today", DATES, ids=str)
def test_the_demo_loads_at_the_date_and_holds_nothing_dated_after_it(today):
    output = StringIO()
    call_command("demo", "--date", today.isoformat(), stdout=output)

    assert f"pinned to {today.isoformat()}" in output.getvalue()
    assert latest_dates(today) == {}
    assert clock.pinned_date() == today
    assert RunnerState.objects.get(singleton=1).completed_through == today
    assert ledger_reconcile() == []
    # What should exist at the date does: the week's job runs, the agreements from the start.
    assert LicensingAgreement.objects.count() == 5
    assert set(JobRun.objects.values_list("program_day", flat=True)) == {
        today - dt.timedelta(days=back)
        for back in range(7)
        if today - dt.timedelta(back) >= D(2019, 7, 1)
    }
    assert not JobRun.objects.exclude(status="succeeded").exists()


def test_the_history_unfolds_with_the_date():
    """Spot checks of what exists at the fast-lane date 1 March 2021, and not yet."""
    build_demo(today=D(2021, 3, 1))

    # Vouchers created up to the date, in the states they had then.
    woodgrove = Voucher.objects.filter(customer__public_id="C-200001")
    assert woodgrove.filter(status="redeemed").count() == 2  # August and October 2020
    assert not Voucher.objects.filter(assigned_on__gt=D(2021, 3, 1)).exists()
    assert Voucher.objects.filter(status="expired").count() == 1  # the Open Value one: 6 March
    # Accrual ended on 1 February 2021; the removal has not happened.
    assert not LedgerEntry.objects.filter(cause="removal").exists()
    # Payments: the March run is not built yet; no request filed; Contoso not registered.
    assert not PaymentRun.objects.exists() and not PaymentRequest.objects.exists()
    # Fabrikam's AZDPS enrollment was never renewed; the support requests are still to come.
    assert Enrollment.objects.filter(organisation__public_id="P-100002").count() == 4
    assert not SupportRequest.objects.exists()
    assert OutboxMessage.objects.exists()  # the assignment emails and the month's reminders


def test_after_the_removal_every_agreement_has_no_available_day_left():
    build_demo(today=D(2021, 7, 1))

    removed = LedgerEntry.objects.filter(cause="removal")
    assert removed.exists()
    assert {entry.effective_date for entry in removed} == {D(2021, 7, 1)}
    assert ledger_reconcile() == []


def test_a_date_outside_the_replayed_timeline_is_refused_with_the_range():
    with pytest.raises(CommandError, match="from 2019-07-01 to 2022-03-31"):
        call_command("demo", "--date", "2019-06-30", stdout=StringIO())
    assert not LicensingAgreement.objects.exists()
