"""The R-PAY-5 transition table, over every (from, to) pair."""

from __future__ import annotations

import pytest

from planserv.payments import lifecycle
from planserv.payments.lifecycle import (
    TIMESTAMP_OF,
    TRANSITIONS,
    InvalidPaymentTransition,
    PaymentRequestStatus,
)
from tests.lifecycles import TransitionTable, every_pair

S = PaymentRequestStatus
TABLE = TransitionTable(
    lifecycle=lifecycle,
    refusal=InvalidPaymentTransition,
    code="invalid_transition",
    rule="R-PAY-5",
    allowed={
        (S.SUBMITTED, S.VALIDATING),
        (S.VALIDATING, S.APPROVED),
        (S.VALIDATING, S.HELD),
        (S.VALIDATING, S.DENIED),
        (S.HELD, S.VALIDATING),
        (S.APPROVED, S.IN_PAYMENT_RUN),
        (S.IN_PAYMENT_RUN, S.PAID),
    },
)


@pytest.mark.parametrize(("current", "target"), every_pair(S))
def test_every_pair_is_allowed_only_if_in_the_table_r_pay_5(current: str, target: str) -> None:
    TABLE.check_pair(current, target)


def test_every_status_has_a_row_and_a_timestamp_r_pay_5() -> None:
    assert set(TRANSITIONS) == set(S.values) == set(TIMESTAMP_OF)
    assert TRANSITIONS[S.PAID] == frozenset() and TRANSITIONS[S.DENIED] == frozenset()
