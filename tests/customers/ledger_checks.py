"""REL-2: after every test that moves days, each stored balance equals the sum of its entries
(R-LED-3) and days are conserved (R-LED-1). Reused by every capability that moves days:

    from tests.customers.ledger_checks import assert_ledger_consistent, ledger_consistent

`assert_ledger_consistent()` checks the whole database now; the `ledger_consistent` fixture checks
it after the test (import it into a conftest.py and use it autouse, or with usefixtures).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from planserv.customers.selectors import ledger_reconcile


def assert_ledger_consistent() -> None:
    """Fail with every problem `ledger_reconcile()` finds (R-LED-1, R-LED-2, R-LED-3)."""
    problems = ledger_reconcile()
    assert not problems, "The days ledger is inconsistent:\n" + "\n".join(
        f"  {problem.licensing_id}: {problem.rule} {problem.message}" for problem in problems
    )


def _uses_database(request: pytest.FixtureRequest) -> bool:
    fixtures = set(request.fixturenames)
    return request.node.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server"} & fixtures
    )


@pytest.fixture
def ledger_consistent(request: pytest.FixtureRequest) -> Iterator[None]:
    """Check the ledger after the test (before the database is rolled back or flushed)."""
    if not _uses_database(request):
        yield
        return
    request.getfixturevalue("_django_db_helper")
    yield
    assert_ledger_consistent()
