"""Every database test of the customers capability ends with the ledger reconciled (REL-2)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.customers.ledger_checks import ledger_consistent  # noqa: F401  (a fixture)


@pytest.fixture(autouse=True)
def _ledger_checked_after_each_test(request: pytest.FixtureRequest) -> Iterator[None]:
    request.getfixturevalue("ledger_consistent")
    yield
