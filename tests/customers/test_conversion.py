"""R-TRN-1 training conversion: at the operator-set ratio, never overdrawing, refused from the
conversion end (REL-5)."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.accounts.selectors import actor_for_membership
from planserv.audit.models import AuditEvent
from planserv.core.errors import Forbidden
from planserv.customers.errors import (
    AgreementNotFound,
    ConversionEnded,
    ConversionNotWhole,
    InsufficientDays,
    InvalidDays,
)
from planserv.customers.models import LedgerEntry, TrainingConversion
from planserv.customers.selectors import agreement_balances
from planserv.customers.services import training_convert, training_grant
from planserv.program.models import ProgramSettings
from tests.factories import accounts as account_factory
from tests.factories import customers as factory
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
CONVERSION_END = dt.date(2020, 2, 1)
BEFORE = dt.date(2020, 1, 15)


@pytest.fixture
def admin(persona, customer_org):
    return actor_for_membership(persona("benefits_admin").membership)


@pytest.fixture
def agreement(customer_org):
    return trained_agreement(customer_org)


def trained_agreement(organisation):
    """An agreement of the organisation with 10 training days granted in 2019."""
    agreement = factory.agreement(organisation)
    training_grant(
        agreement=agreement,
        training_days=10,
        reason="training vouchers of 2019",
        actor=factory.OPERATOR,
        today=dt.date(2019, 9, 2),
        at=factory.at(dt.date(2019, 9, 2)),
    )
    return agreement


def convert(agreement, actor, days, today=BEFORE, **extra):
    return training_convert(
        agreement=agreement,
        training_days=days,
        actor=actor,
        today=today,
        at=factory.at(today),
        **extra,
    )


class TestTrainingConvert:
    def test_converts_training_days_into_available_days_with_two_entries_r_trn_1(
        self, agreement, admin
    ):
        conversion = convert(agreement, admin, 6)
        assert (conversion.training_days, conversion.planning_days) == (6, 6)
        balances = agreement_balances(agreement)
        assert (balances["training"], balances["training_converted"], balances["available"]) == (
            4,
            6,
            6,
        )
        entries = LedgerEntry.objects.filter(cause="conversion").order_by("id")
        assert [(e.source.kind, e.destination.kind, e.days) for e in entries] == [
            ("training", "training_converted", 6),
            ("issued", "available", 6),
        ]
        assert {e.cause_id for e in entries} == {str(conversion.pk)}
        event = AuditEvent.objects.get(action="customers.training_conversion.created")
        assert event.after["planning_days"] == 6 and event.before["training"] == 10

    def test_converts_at_the_operator_set_ratio_r_trn_1(self, agreement, admin):
        ProgramSettings.objects.filter(singleton=1).update(training_days_per_planning_day=2)
        conversion = convert(agreement, admin, 8)
        assert conversion.planning_days == 4
        balances = agreement_balances(agreement)
        assert (balances["training"], balances["available"]) == (2, 4)

    def test_refuses_days_that_do_not_make_whole_planning_days(self, agreement, admin):
        ProgramSettings.objects.filter(singleton=1).update(training_days_per_planning_day=2)
        with pytest.raises(ConversionNotWhole, match="convert 4 or 6"):
            convert(agreement, admin, 5)
        assert not TrainingConversion.objects.exists()

    def test_refuses_more_training_days_than_the_pool_holds_r_trn_1(self, agreement, admin):
        with pytest.raises(InsufficientDays) as refused:
            convert(agreement, admin, 11)
        assert refused.value.details["account"] == "training"
        assert refused.value.details["balance"] == 10
        assert not TrainingConversion.objects.exists()
        assert agreement_balances(agreement)["available"] == 0

    @pytest.mark.parametrize("days", [0, -1])
    def test_refuses_a_non_positive_number(self, agreement, admin, days):
        with nothing_changes(), pytest.raises(InvalidDays):
            convert(agreement, admin, days)

    def test_a_repeat_with_the_same_key_returns_the_first_conversion(self, agreement, admin):
        first = convert(agreement, admin, 3, key="form-1")
        again = convert(agreement, admin, 3, key="form-1")
        assert first.pk == again.pk
        assert agreement_balances(agreement)["available"] == 3

    def test_a_project_manager_may_not_convert(self, agreement, persona):
        manager = actor_for_membership(persona("project_manager").membership)
        with nothing_changes(), pytest.raises(Forbidden):
            convert(agreement, manager, 2)
        assert agreement_balances(agreement)["available"] == 0

    def test_another_customers_agreement_is_not_found(self, admin):
        foreign = trained_agreement(account_factory.organisation("customer"))
        with nothing_changes(), pytest.raises(AgreementNotFound):
            convert(foreign, admin, 2)
        assert agreement_balances(foreign)["available"] == 0


class TestConversionEndRel5:
    @pytest.mark.parametrize(
        ("today", "allowed"),
        [
            (CONVERSION_END - dt.timedelta(days=1), True),
            (CONVERSION_END, False),
            (CONVERSION_END + dt.timedelta(days=1), False),
        ],
    )
    def test_conversion_is_refused_from_the_conversion_end_r_trn_1(
        self, agreement, admin, today, allowed
    ):
        if allowed:
            convert(agreement, admin, 2, today=today)
            assert agreement_balances(agreement)["available"] == 2
            return
        with pytest.raises(ConversionEnded) as refused:
            convert(agreement, admin, 2, today=today)
        assert refused.value.code == "after_conversion_end"
        assert refused.value.rule == "R-TRN-1"
        assert "1 February 2020" in refused.value.message
        assert "31 January 2020" in refused.value.message
        assert agreement_balances(agreement)["training"] == 10
