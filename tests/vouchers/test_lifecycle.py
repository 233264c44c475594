"""Domain section 5.6: every (from, to) pair of the voucher transition table."""

from __future__ import annotations

import pytest

from planserv.vouchers import lifecycle
from planserv.vouchers.lifecycle import FINAL_STATUSES, InvalidTransition, VoucherStatus
from tests.lifecycles import TransitionTable, every_pair

S = VoucherStatus
TABLE = TransitionTable(
    lifecycle=lifecycle,
    refusal=InvalidTransition,
    code="invalid_transition",
    rule="R-VOU-1",
    allowed={
        (S.ASSIGNED, S.RESERVED),
        (S.ASSIGNED, S.EXPIRED),
        (S.ASSIGNED, S.CANCELLED),
        (S.RESERVED, S.DELIVERED),
        (S.RESERVED, S.ASSIGNED),
        (S.RESERVED, S.EXPIRED),
        (S.DELIVERED, S.REDEEMED),
        (S.DELIVERED, S.ASSIGNED),
        (S.DELIVERED, S.EXPIRED),
    },
)


@pytest.mark.parametrize(("current", "target"), every_pair(S))
def test_every_pair_is_allowed_exactly_when_the_spec_lists_it(current, target):
    TABLE.check_pair(current, target)


def test_redeemed_expired_and_cancelled_are_final_r_red_3():
    assert {S.REDEEMED, S.EXPIRED, S.CANCELLED} == FINAL_STATUSES
