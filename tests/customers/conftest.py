"""Every database test of the customers capability ends with the ledger reconciled (REL-2)."""

from __future__ import annotations

import pytest

from tests.customers.ledger_checks import ledger_consistent  # noqa: F401  (a fixture)


@pytest.fixture(autouse=True)
def _ledger_checked_after_each_test(request: pytest.FixtureRequest) -> None:
    request.getfixturevalue("ledger_consistent")


@pytest.fixture
def clock_at(pin_clock):  # type: ignore[no-untyped-def]
    """clock_at(day): pin the program clock to `day` with the daily jobs done through it, so a
    later clock move runs the jobs of exactly the days passed."""
    from planserv.jobs.models import RunnerState

    def pin(day):  # type: ignore[no-untyped-def]
        pin_clock(day)
        RunnerState.objects.update_or_create(singleton=1, defaults={"completed_through": day})
        return day

    return pin
