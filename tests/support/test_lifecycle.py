"""R-SUP-2: the support request transition table, checked over every (from, to) pair."""

from __future__ import annotations

import itertools

import pytest

from planserv.support.lifecycle import (
    TRANSITIONS,
    SupportStatus,
    SupportStatusTransitionNotAllowed,
    can_transition,
    check_transition,
)

OPEN, WAITING, RESOLVED = (
    SupportStatus.OPEN,
    SupportStatus.WAITING_ON_REQUESTER,
    SupportStatus.RESOLVED,
)
# The expected table, written out independently of lifecycle.TRANSITIONS.
ALLOWED = {
    (OPEN, WAITING),
    (OPEN, RESOLVED),
    (WAITING, OPEN),
    (WAITING, RESOLVED),
    (RESOLVED, OPEN),
}
PAIRS = list(itertools.product(SupportStatus, SupportStatus))


class TestTransitionTable:
    def test_every_status_has_a_row_r_sup_2(self):
        assert set(TRANSITIONS) == set(SupportStatus)

    @pytest.mark.parametrize(("current", "target"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
    def test_each_pair_is_allowed_exactly_when_the_table_says_r_sup_2(self, current, target):
        expected = (current, target) in ALLOWED
        assert can_transition(current, target) is expected
        if expected:
            check_transition(current, target)
        else:
            with pytest.raises(SupportStatusTransitionNotAllowed) as refused:
                check_transition(current, target)
            assert refused.value.code == "support_status_transition_not_allowed"
            assert refused.value.rule == "R-SUP-2"
            assert refused.value.http_status == 409

    def test_a_resolved_request_cannot_wait_on_the_requester_r_sup_2(self):
        with pytest.raises(SupportStatusTransitionNotAllowed, match="resolved cannot become"):
            check_transition(RESOLVED, WAITING)

    def test_an_unknown_status_is_refused_r_sup_2(self):
        with pytest.raises(SupportStatusTransitionNotAllowed, match="Unknown"):
            check_transition(OPEN, "closed")
