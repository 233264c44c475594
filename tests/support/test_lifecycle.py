"""R-SUP-2: the support request transition table, checked over every (from, to) pair."""

from __future__ import annotations

import pytest

from planserv.support import lifecycle
from planserv.support.lifecycle import (
    TRANSITIONS,
    SupportStatus,
    SupportStatusTransitionNotAllowed,
    check_transition,
)
from tests.lifecycles import TransitionTable, every_pair

OPEN, WAITING, RESOLVED = (
    SupportStatus.OPEN,
    SupportStatus.WAITING_ON_REQUESTER,
    SupportStatus.RESOLVED,
)
# The expected table, written out independently of lifecycle.TRANSITIONS.
TABLE = TransitionTable(
    lifecycle=lifecycle,
    refusal=SupportStatusTransitionNotAllowed,
    code="support_status_transition_not_allowed",
    rule="R-SUP-2",
    allowed={
        (OPEN, WAITING),
        (OPEN, RESOLVED),
        (WAITING, OPEN),
        (WAITING, RESOLVED),
        (RESOLVED, OPEN),
    },
)


class TestTransitionTable:
    def test_every_status_has_a_row_r_sup_2(self):
        assert set(TRANSITIONS) == set(SupportStatus)

    @pytest.mark.parametrize(("current", "target"), every_pair(SupportStatus))
    def test_each_pair_is_allowed_exactly_when_the_table_says_r_sup_2(self, current, target):
        TABLE.check_pair(current, target)

    def test_a_resolved_request_cannot_wait_on_the_requester_r_sup_2(self):
        with pytest.raises(SupportStatusTransitionNotAllowed, match="resolved cannot become"):
            check_transition(RESOLVED, WAITING)

    def test_an_unknown_status_is_refused_r_sup_2(self):
        with pytest.raises(SupportStatusTransitionNotAllowed, match="Unknown"):
            check_transition(OPEN, "closed")
