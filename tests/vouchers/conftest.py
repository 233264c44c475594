"""Every database test of the vouchers capability ends with the ledger reconciled (REL-2)."""

from __future__ import annotations

import pytest

from tests.customers.ledger_checks import ledger_consistent  # noqa: F401  (a fixture)


@pytest.fixture(autouse=True)
def _ledger_checked_after_each_test(request: pytest.FixtureRequest) -> None:
    request.getfixturevalue("ledger_consistent")
