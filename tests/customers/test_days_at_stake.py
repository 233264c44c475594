"""What each customer stands to lose at each milestone, per agreement (section 7 reminders)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from planserv.customers.ledger.accounts import AccountKind, EntryCause
from planserv.customers.selectors import DaysAtStake, days_at_stake
from planserv.customers.services import ledger_move, training_grant
from tests.factories import customers as factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(customer_org):
    agreement = factory.agreement(
        customer_org,
        licensing_id="EA-STAKE-1",
        start_date=dt.date(2019, 7, 1),
        end_date=dt.date(2022, 6, 30),
        coverage={"applications": 800, "servers": 150},  # 8 days a coverage year
    )
    factory.grant(agreement, 10)
    training_grant(
        agreement=agreement,
        training_days=3,
        reason="training vouchers",
        actor=factory.OPERATOR,
        today=dt.date(2019, 9, 2),
        at=factory.at(dt.date(2019, 9, 2)),
    )
    with transaction.atomic():
        ledger_move(
            agreement=agreement,
            source=AccountKind.AVAILABLE,
            destination=AccountKind.HELD,
            days=4,
            cause=EntryCause.VOUCHER,
            cause_id="V-1",
            effective_date=dt.date(2021, 3, 1),
            idempotency_key="stake:hold",
            actor=factory.OPERATOR,
            at=factory.at(dt.date(2021, 3, 1)),
        )
    return agreement


@pytest.mark.parametrize(
    ("milestone", "quantity", "fragment"),
    [
        ("training_conversion_end", 3, "not yet converted on agreement EA-STAKE-1"),
        ("accrual_end", 8, "would have accrued on agreement EA-STAKE-1 from 1 February 2021"),
        ("last_create_day", 6, "available on agreement EA-STAKE-1, not in a voucher"),
        ("removal", 6, "available on agreement EA-STAKE-1, not in a voucher"),
        ("last_redemption_day", 4, "in vouchers on agreement EA-STAKE-1 not yet redeemed"),
    ],
)
def test_each_milestone_names_the_days_at_stake_per_agreement(
    agreement, customer_org, milestone, quantity, fragment
):
    (stake,) = days_at_stake(milestone_key=milestone)
    assert isinstance(stake, DaysAtStake)
    assert (stake.customer_id, stake.quantity) == (customer_org.pk, quantity)
    assert fragment in stake.detail


def test_the_cloud_retirement_is_not_about_days(agreement):
    assert days_at_stake(milestone_key="cloud_retirement") is None
