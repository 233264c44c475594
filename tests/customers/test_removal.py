"""The removal of remaining days on 2021-07-01: set-based, once, resumable (REL-5, REL-6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from planserv.audit.models import AuditEvent
from planserv.core.actor import Actor
from planserv.customers.errors import RemovalNotDue
from planserv.customers.ledger.accounts import AccountKind, EntryCause
from planserv.customers.models import LedgerEntry
from planserv.customers.selectors import agreement_balances
from planserv.customers.services import ledger_move, removal_run
from planserv.jobs.models import JobRun
from planserv.jobs.services import clock_set
from tests.factories import customers as factory

pytestmark = pytest.mark.django_db
REMOVAL = dt.date(2021, 7, 1)
JOB = Actor.system(label="job:customers.removal")


def with_days(available, held=0):
    agreement = factory.agreement()
    if available + held:
        factory.grant(agreement, available + held)
    if held:
        with transaction.atomic():
            ledger_move(
                agreement=agreement,
                source=AccountKind.AVAILABLE,
                destination=AccountKind.HELD,
                days=held,
                cause=EntryCause.VOUCHER,
                cause_id="V-1",
                effective_date=dt.date(2021, 3, 1),
                idempotency_key=f"hold:{agreement.pk}",
                actor=factory.OPERATOR,
                at=factory.at(dt.date(2021, 3, 1)),
            )
    return agreement


class TestRemovalRun:
    def test_moves_every_available_day_to_removed_and_leaves_held_days_alone(self):
        rich, holding, empty = with_days(12), with_days(5, held=3), with_days(0)
        report = removal_run(as_of=REMOVAL, actor=JOB, at=factory.at(REMOVAL), batch_size=2)
        assert (report.entries, report.agreements) == (2, 2)
        assert [agreement_balances(a)["removed"] for a in (rich, holding, empty)] == [12, 5, 0]
        assert [agreement_balances(a)["available"] for a in (rich, holding, empty)] == [0, 0, 0]
        assert agreement_balances(holding)["held"] == 3
        entry = LedgerEntry.objects.get(agreement=rich, cause="removal")
        assert (entry.effective_date, entry.idempotency_key) == (
            REMOVAL,
            f"removal:2021-07-01:{rich.pk}",
        )

    def test_a_second_run_writes_nothing(self):
        with_days(4)
        removal_run(as_of=REMOVAL, actor=JOB, at=factory.at(REMOVAL))
        entries, events = LedgerEntry.objects.count(), AuditEvent.objects.count()
        report = removal_run(as_of=REMOVAL, actor=JOB, at=factory.at(REMOVAL))
        assert report.entries == 0
        assert (LedgerEntry.objects.count(), AuditEvent.objects.count()) == (entries, events)

    def test_writes_one_audit_event_per_batch(self):
        for days in (1, 2, 3, 4, 5):
            with_days(days)
        report = removal_run(as_of=REMOVAL, actor=JOB, at=factory.at(REMOVAL), batch_size=2)
        assert report.batches == 3
        events = AuditEvent.objects.filter(action="customers.ledger.removal_batch").order_by("id")
        assert [event.after["entries"] for event in events] == [2, 2, 1]

    def test_refuses_to_run_before_the_removal_date(self):
        agreement = with_days(4)
        with pytest.raises(RemovalNotDue):
            removal_run(as_of=REMOVAL - dt.timedelta(days=1), actor=JOB, at=factory.at(REMOVAL))
        assert agreement_balances(agreement)["available"] == 4


class TestRemovalMilestoneRel5:
    @pytest.mark.parametrize(
        ("day", "removed"),
        [
            (REMOVAL - dt.timedelta(days=1), False),
            (REMOVAL, True),
            (REMOVAL + dt.timedelta(days=1), True),
        ],
    )
    def test_the_daily_jobs_remove_the_days_on_the_removal_date_once(self, clock_at, day, removed):
        agreement = with_days(7)
        clock_at(REMOVAL - dt.timedelta(days=2))
        clock_set(
            actor=factory.OPERATOR,
            target=day,
            today=REMOVAL - dt.timedelta(days=2),
            at=factory.at(day),
        )
        balances = agreement_balances(agreement)
        assert (balances["available"], balances["removed"]) == ((0, 7) if removed else (7, 0))
        assert LedgerEntry.objects.filter(cause="removal").count() == (1 if removed else 0)
        runs = {
            run.program_day: run.counts for run in JobRun.objects.filter(job="customers.removal")
        }
        assert all(counts["entries"] == 0 for d, counts in runs.items() if d != REMOVAL)

    def test_moving_the_clock_past_the_removal_twice_removes_once(self, clock_at):
        agreement = with_days(7)
        clock_at(REMOVAL - dt.timedelta(days=1))
        clock_set(
            actor=factory.OPERATOR,
            target=REMOVAL,
            today=REMOVAL - dt.timedelta(days=1),
            at=factory.at(REMOVAL),
        )
        factory.grant(agreement, 2, today=REMOVAL)  # a grant after the removal is not removed again
        clock_set(
            actor=factory.OPERATOR,
            target=REMOVAL + dt.timedelta(days=5),
            today=REMOVAL,
            at=factory.at(REMOVAL),
        )
        assert LedgerEntry.objects.filter(cause="removal").count() == 1
        assert agreement_balances(agreement)["available"] == 2
