"""PERF-4: query budgets. Runs the test suite's own assertions and reports them:

- tests/performance/test_query_budgets.py: every list endpoint of the API and every portal list
  page makes the same number of queries for 1 row as for 100;
- tests/vouchers/test_lookup_index.py: the voucher lookup by public id uses an index (EXPLAIN).

On PostgreSQL when PLANSERV_BENCH_POSTGRES_URL is set (the tests make their own database on that
server), on SQLite otherwise.
"""

from __future__ import annotations

import os
import re
import subprocess  # nosec B404 - our own test runner
import sys

from bench.common import ROOT, Context, Result

ID = "PERF-4"
BUDGETS = "tests/performance/test_query_budgets.py"
EXPLAIN = "tests/vouchers/test_lookup_index.py"


def _pytest(ctx: Context, *paths: str) -> dict[str, int | str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(ROOT / "src") + os.pathsep + str(ROOT),
        DJANGO_SETTINGS_MODULE="planserv.config.settings.test",
    )
    if ctx.postgres_url:
        env["PLANSERV_TEST_DATABASE_URL"] = ctx.postgres_url
    done = subprocess.run(  # nosec B603 - our own interpreter and test paths
        [sys.executable, "-m", "pytest", "-n", "0", "-q", "-p", "no:cacheprovider", *paths],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    tail = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
    counts = {word: int(n) for n, word in re.findall(r"(\d+) (passed|failed|error|skipped)", tail)}
    failed = [line for line in done.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
    return {
        "passed": counts.get("passed", 0),
        "failed": counts.get("failed", 0) + counts.get("error", 0),
        "skipped": counts.get("skipped", 0),
        "returncode": done.returncode,
        "summary": tail,
        "failures": "\n".join(failed[:20]),
    }


def run(ctx: Context) -> list[Result]:
    budgets = _pytest(ctx, BUDGETS)
    ctx.log(f"query budgets: {budgets['summary']}")
    explain = _pytest(ctx, EXPLAIN)
    ctx.log(f"voucher lookup EXPLAIN: {explain['summary']}")
    lists_ok = budgets["returncode"] == 0 and budgets["failed"] == 0 and budgets["passed"] > 0
    explain_ok = explain["returncode"] == 0 and explain["failed"] == 0 and explain["passed"] > 0
    return [
        Result(
            id="PERF-4",
            measure="list endpoints and portal list pages with more queries for 100 rows than 1",
            value=float(budgets["failed"]),
            baseline=None,
            ratio=None,
            target="every list: same number of queries for 1 and 100 rows",
            passed=lists_ok,
            unit="lists",
            details={"budgets": budgets, "test_module": BUDGETS},
        ),
        Result(
            id="PERF-4-explain",
            measure="voucher lookup by public id: EXPLAIN shows an index scan (failing checks)",
            value=float(explain["failed"]),
            baseline=None,
            ratio=None,
            target="voucher lookup by id uses an index (EXPLAIN asserted)",
            passed=explain_ok,
            unit="checks",
            details={"explain": explain, "test_module": EXPLAIN},
        ),
    ]
