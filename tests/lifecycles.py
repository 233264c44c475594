"""The transition-table test (STYLE.md principle 3): every (from, to) pair of a lifecycle is allowed
exactly when the spec lists it, and every other pair is refused with the lifecycle's stable code,
its rule id and a 409.

A test module writes the spec's table out by hand, independently of `lifecycle.TRANSITIONS`, and
parametrizes its test over `every_pair(statuses)`:

    TABLE = TransitionTable(
        lifecycle=lifecycle, refusal=InvalidTransition, code="invalid_transition", rule="R-VOU-1",
        allowed={(S.ASSIGNED, S.RESERVED), ...},
    )

    @pytest.mark.parametrize(("current", "target"), every_pair(S))
    def test_every_pair_is_allowed_exactly_when_the_spec_lists_it(current, target):
        TABLE.check_pair(current, target)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import pytest

from planserv.core.errors import DomainError


class Lifecycle(Protocol):
    """What a lifecycle module offers (vouchers, payments, support)."""

    can_transition: Callable[[str, str], bool]
    check_transition: Callable[[str, str], None]


def every_pair(statuses: Iterable[str]) -> list[Any]:
    """Every (from, to) pair of the statuses, including a status to itself, named "from->to"."""
    values = [str(status) for status in statuses]
    return [
        pytest.param(current, target, id=f"{current}->{target}")
        for current, target in itertools.product(values, values)
    ]


@dataclass(frozen=True)
class TransitionTable:
    lifecycle: Lifecycle
    allowed: set[tuple[str, str]]
    refusal: type[DomainError]
    code: str
    rule: str

    def check_pair(self, current: str, target: str) -> None:
        expected = (current, target) in self.allowed
        assert self.lifecycle.can_transition(current, target) is expected
        if expected:
            self.lifecycle.check_transition(current, target)
            return
        with pytest.raises(self.refusal) as refused:
            self.lifecycle.check_transition(current, target)
        assert refused.value.code == self.code
        assert refused.value.rule == self.rule
        assert refused.value.http_status == 409
