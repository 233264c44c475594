"""pytest plugin: plant the bug named by PLANSERV_MUTANT (see tests/model/mutants.py).

PLANSERV_MUTANT=deadline_lt pytest -p tests.model.mutant_plugin tests/vouchers/test_deadlines.py
"""

from __future__ import annotations

import os

import pytest

MUTANT_KEY = pytest.StashKey[str]()


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    name = os.environ.get("PLANSERV_MUTANT", "")
    if not name:
        return
    from tests.model.mutants import apply

    mutant = apply(name)
    config.stash[MUTANT_KEY] = mutant.name


def pytest_report_header(config: pytest.Config) -> str:
    name = config.stash.get(MUTANT_KEY, "")
    return f"PLANTED BUG (REL-4 mutant): {name}" if name else "no planted bug"
