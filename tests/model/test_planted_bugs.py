"""REL-4 sensitivity in `make test`: every planted bug makes its narrow catching tests fail.

Each case runs the mutant's deterministic catching tests (tests/model/mutants.py) in a subprocess
with the bug planted by tests/model/mutant_plugin.py and requires a failure. The state machine's
own sensitivity is shown by `make mutants` (it adds the REL-4 state machine for each bug and
writes var/mutants-report.txt); it takes several minutes, so `make test` runs this short form.
"""

from __future__ import annotations

import pytest
from django.db import connection

from tests.model.mutants import MUTANTS
from tests.model.run_mutants import run_tests

pytestmark = pytest.mark.slow  # a subprocess per bug: not in `make test-fast`


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_each_planted_bug_is_caught_by_its_tests_rel_4(name: str) -> None:
    mutant = MUTANTS[name]
    if mutant.postgres_only and connection.vendor != "postgresql":
        pytest.skip(
            "a missing row lock is only observable on PostgreSQL (SQLite serialises writers)"
        )
    runs = [run_tests(mutant, target, examples=0) for target in mutant.tests]
    report = "\n".join(f"{run.outcome} {run.target}\n{run.evidence}" for run in runs)
    print(report)  # noqa: T201
    assert any(run.outcome.startswith("FAILED") for run in runs), (
        f"planted bug {name!r} ({mutant.bug}) survived its tests:\n{report}"
    )
