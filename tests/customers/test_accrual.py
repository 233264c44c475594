"""R-ACC-1 accrual: the daily job, single postings, and the accrual end (REL-5)."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.audit.models import AuditEvent
from planserv.core.actor import Actor
from planserv.customers.errors import AccrualEnded, NotACoverageYear
from planserv.customers.models import LedgerEntry
from planserv.customers.selectors import agreement_balances
from planserv.customers.services import accrual_post, accruals_post_due
from planserv.jobs.services import clock_set
from tests.factories import customers as factory

pytestmark = pytest.mark.django_db
JOB = Actor.system(label="job:customers.accrual")
ACCRUAL_END = dt.date(2021, 2, 1)
COVERAGE = {"applications": 800, "servers": 150}  # 24 days a term → 8 a year


def run_day(day):
    return accruals_post_due(day=day, actor=JOB, at=factory.at(day))


class TestDailyAccrual:
    def test_grants_a_third_of_the_term_on_each_coverage_year_start_r_acc_1(self):
        agreement = factory.agreement(start_date=dt.date(2019, 7, 1), coverage=COVERAGE)
        assert run_day(dt.date(2019, 7, 1)) == {
            "agreements": 1,
            "entries": 1,
            "after_accrual_end": 0,
        }
        assert run_day(dt.date(2019, 7, 2))["entries"] == 0
        assert run_day(dt.date(2020, 7, 1))["entries"] == 1
        entries = LedgerEntry.objects.filter(agreement=agreement).order_by("id")
        assert [(e.cause, e.days, e.effective_date) for e in entries] == [
            ("accrual", 8, dt.date(2019, 7, 1)),
            ("accrual", 8, dt.date(2020, 7, 1)),
        ]
        assert agreement_balances(agreement)["available"] == 16
        assert AuditEvent.objects.filter(action="customers.ledger.accruals_posted").count() == 2

    def test_running_a_day_twice_writes_nothing_the_second_time(self):
        factory.agreement(start_date=dt.date(2019, 7, 1), coverage=COVERAGE)
        run_day(dt.date(2019, 7, 1))
        events = AuditEvent.objects.count()
        assert run_day(dt.date(2019, 7, 1)) == {
            "agreements": 1,
            "entries": 0,
            "after_accrual_end": 0,
        }
        assert LedgerEntry.objects.count() == 1
        assert AuditEvent.objects.count() == events

    def test_batches_cover_every_agreement_due(self):
        agreements = [factory.agreement(start_date=dt.date(2019, 7, 1)) for _ in range(7)]
        counts = accruals_post_due(
            day=dt.date(2019, 7, 1), actor=JOB, at=factory.at(dt.date(2019, 7, 1)), batch_size=3
        )
        assert counts["entries"] == 7
        assert {agreement_balances(a)["available"] for a in agreements} == {3}

    def test_a_coverage_that_reaches_no_band_accrues_nothing(self):
        agreement = factory.agreement(start_date=dt.date(2019, 7, 1), coverage={"dynamics": 5})
        assert run_day(dt.date(2019, 7, 1))["entries"] == 0
        assert agreement_balances(agreement)["available"] == 0

    def test_an_agreement_that_has_ended_accrues_nothing(self):
        factory.agreement(start_date=dt.date(2019, 7, 1), end_date=dt.date(2020, 6, 30))
        assert run_day(dt.date(2020, 7, 1))["entries"] == 0

    def test_a_29_february_start_accrues_on_28_february_in_other_years(self):
        agreement = factory.agreement(
            start_date=dt.date(2016, 2, 29),
            end_date=dt.date(2022, 2, 27),
            today=dt.date(2016, 2, 1),
        )
        assert run_day(dt.date(2019, 2, 28))["entries"] == 1
        assert LedgerEntry.objects.get(agreement=agreement).effective_date == dt.date(2019, 2, 28)


class TestAccrualEndRel5:
    @pytest.mark.parametrize(
        ("year_start", "granted"),
        [
            (ACCRUAL_END - dt.timedelta(days=1), True),
            (ACCRUAL_END, False),
            (ACCRUAL_END + dt.timedelta(days=1), False),
        ],
    )
    def test_no_accrual_is_effective_on_or_after_the_accrual_end_r_acc_1(self, year_start, granted):
        agreement = factory.agreement(
            start_date=year_start.replace(year=2020), end_date=year_start.replace(year=2023)
        )
        counts = run_day(year_start)
        assert counts["entries"] == (1 if granted else 0)
        assert counts["after_accrual_end"] == (0 if granted else 1)
        assert agreement_balances(agreement)["available"] == (3 if granted else 0)

    def test_days_accrued_before_the_accrual_end_stay(self):
        agreement = factory.agreement(start_date=dt.date(2019, 7, 1))
        run_day(dt.date(2019, 7, 1))
        run_day(dt.date(2020, 7, 1))
        run_day(dt.date(2021, 7, 1))
        assert agreement_balances(agreement)["available"] == 6

    def test_a_single_posting_after_the_accrual_end_is_refused_with_the_date(self):
        agreement = factory.agreement(start_date=dt.date(2019, 7, 1))
        day = dt.date(2021, 7, 1)
        with pytest.raises(AccrualEnded) as refused:
            accrual_post(
                agreement=agreement,
                year_start=day,
                actor=factory.OPERATOR,
                today=day,
                at=factory.at(day),
            )
        assert refused.value.code == "after_accrual_end"
        assert "31 January 2021" in refused.value.message
        assert not LedgerEntry.objects.exists()

    def test_the_daily_jobs_grant_through_the_clock_the_day_before_the_accrual_end(self, clock_at):
        agreement = factory.agreement(
            start_date=dt.date(2020, 1, 31), end_date=dt.date(2023, 1, 30)
        )
        factory.agreement(start_date=dt.date(2020, 2, 1), end_date=dt.date(2023, 1, 30))
        clock_at(dt.date(2021, 1, 29))
        clock_set(
            actor=factory.OPERATOR,
            target=dt.date(2021, 2, 2),
            today=dt.date(2021, 1, 29),
            at=factory.at(dt.date(2021, 1, 29)),
        )
        entries = LedgerEntry.objects.all()
        assert [(e.agreement_id, e.effective_date, e.days) for e in entries] == [
            (agreement.pk, dt.date(2021, 1, 31), 3)
        ]


class TestAccrualPost:
    def test_posts_one_coverage_year_and_a_repeat_returns_the_same_entry(self):
        agreement = factory.agreement(start_date=dt.date(2019, 7, 1), coverage=COVERAGE)
        day = dt.date(2019, 8, 1)
        first = accrual_post(
            agreement=agreement,
            year_start=dt.date(2019, 7, 1),
            actor=factory.OPERATOR,
            today=day,
            at=factory.at(day),
        )
        again = accrual_post(
            agreement=agreement,
            year_start=dt.date(2019, 7, 1),
            actor=factory.OPERATOR,
            today=day,
            at=factory.at(day),
        )
        assert first is not None and again is not None and first.pk == again.pk
        assert agreement_balances(agreement)["available"] == 8
        assert AuditEvent.objects.filter(action="customers.ledger.accrual_posted").count() == 1

    @pytest.mark.parametrize("year_start", [dt.date(2019, 7, 2), dt.date(2020, 7, 1)])
    def test_refuses_a_day_that_starts_no_begun_coverage_year(self, year_start):
        agreement = factory.agreement(start_date=dt.date(2019, 7, 1))
        day = dt.date(2019, 8, 1)
        with pytest.raises(NotACoverageYear):
            accrual_post(
                agreement=agreement,
                year_start=year_start,
                actor=factory.OPERATOR,
                today=day,
                at=factory.at(day),
            )
