"""Domain section 5.6: every (from, to) pair of the voucher transition table."""

from __future__ import annotations

import itertools

import pytest

from planserv.vouchers.lifecycle import (
    FINAL_STATUSES,
    InvalidTransition,
    VoucherStatus,
    can_transition,
    check_transition,
)

S = VoucherStatus
ALLOWED = {
    (S.ASSIGNED, S.RESERVED),
    (S.ASSIGNED, S.EXPIRED),
    (S.ASSIGNED, S.CANCELLED),
    (S.RESERVED, S.DELIVERED),
    (S.RESERVED, S.ASSIGNED),
    (S.RESERVED, S.EXPIRED),
    (S.DELIVERED, S.REDEEMED),
    (S.DELIVERED, S.ASSIGNED),
    (S.DELIVERED, S.EXPIRED),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(S.values, S.values)))
def test_every_pair_is_allowed_exactly_when_the_spec_lists_it(current, target):
    expected = (current, target) in ALLOWED
    assert can_transition(current, target) is expected
    if expected:
        check_transition(current, target)
    else:
        with pytest.raises(InvalidTransition) as refused:
            check_transition(current, target)
        assert refused.value.code == "invalid_transition"
        assert refused.value.http_status == 409


def test_redeemed_expired_and_cancelled_are_final_r_red_3():
    assert {S.REDEEMED, S.EXPIRED, S.CANCELLED} == FINAL_STATUSES
