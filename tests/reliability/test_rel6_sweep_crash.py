"""REL-6: the expiry sweep killed with SIGKILL at 10 random points and restarted ends with the
ledger of an uninterrupted run on an identical data set, with no duplicate entry.

A few thousand due vouchers are built, the database is cloned, the sweep runs in a child process
(`tests.reliability.sweep_runner`, which calls the production `vouchers_expire_due` and pauses
after each committed batch) and is killed 10 times at random moments, then run to the end; the
clone gets one uninterrupted run. Both databases are fingerprinted (every voucher's state, every
expiry entry, every balance) by the same child program and must be equal."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest

from planserv.customers.models import LedgerEntry
from planserv.vouchers.models import Voucher
from tests.customers.ledger_checks import assert_ledger_consistent
from tests.reliability import datasets
from tests.reliability.processes import (
    ROOT,
    child_environment,
    clone_database,
    database_url,
    drop_database,
)

SOAK = os.environ.get("PLANSERV_SOAK") == "1"  # `make soak`: a bigger data set
VOUCHERS, AGREEMENTS, BATCH, KILLS = (20000, 100, 100, 10) if SOAK else (3000, 24, 25, 10)
KILL_WITHIN = 0.6 if SOAK else 0.15  # seconds after the first committed batch


def runner(url: str, *arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.sweep_runner", *arguments],
        cwd=ROOT,
        env=child_environment(url=url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> str:
    output, errors = process.communicate(timeout=600)
    assert process.returncode == 0, errors[-3000:]
    return output


def sweep(url: str, pause: float) -> subprocess.Popen[str]:
    return runner(
        url,
        "sweep",
        "--date",
        datasets.SWEEP_DAY.isoformat(),
        "--batch-size",
        str(BATCH),
        "--pause",
        str(pause),
    )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_expiry_sweep_killed_10_times_ends_like_an_uninterrupted_run_rel_6():
    seed = random.randrange(1_000_000)
    chooser = random.Random(seed)
    started = time.monotonic()
    held = datasets.due_vouchers(count=VOUCHERS, agreements=AGREEMENTS)
    built = time.monotonic() - started
    here = database_url()
    twin = clone_database("rel6twin")
    try:
        kills, expired_at_kills = 0, []
        for _attempt in range(KILLS * 3):
            if kills == KILLS:
                break
            process = sweep(here, pause=0.01)
            first = process.stdout.readline() if process.stdout else ""
            if not first.startswith("batch"):
                finish(process)
                break  # nothing left to sweep
            time.sleep(chooser.uniform(0.0, KILL_WITHIN))
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            if process.returncode == -signal.SIGKILL:
                kills += 1
                expired_at_kills.append(Voucher.objects.filter(status="expired").count())
        assert kills == KILLS, f"only {kills} kills landed mid-run (seed {seed})"
        assert 0 < expired_at_kills[0] < VOUCHERS, (expired_at_kills, seed)
        assert expired_at_kills == sorted(expired_at_kills), (expired_at_kills, seed)

        restarted = finish(sweep(here, pause=0.0))
        clean_start = time.monotonic()
        uninterrupted = finish(sweep(twin, pause=0.0))
        clean_seconds = time.monotonic() - clean_start
        assert json.loads(uninterrupted.split("done: ")[1])["expired"] == VOUCHERS
        assert "done: " in restarted

        crashed, clean = (json.loads(finish(runner(url, "fingerprint"))) for url in (here, twin))
    finally:
        drop_database(twin)

    assert crashed["vouchers"] == clean["vouchers"], f"seed {seed}"
    assert crashed["expiry_entries"] == clean["expiry_entries"], f"seed {seed}"
    assert crashed["balances"] == clean["balances"], f"seed {seed}"
    assert crashed["audited_expired"] == clean["audited_expired"] == VOUCHERS, f"seed {seed}"
    # No duplicate: one expiry entry per voucher, each voucher expired once, all days released.
    per_voucher = Counter(
        LedgerEntry.objects.filter(cause="expiry").values_list("cause_id", flat=True)
    )
    assert len(per_voucher) == VOUCHERS and set(per_voucher.values()) == {1}
    outcomes = Counter(Voucher.objects.values_list("status", "days_outcome"))
    assert sum(outcomes.values()) == VOUCHERS
    assert set(outcomes) == {("expired", "returned"), ("expired", "forfeited")}, outcomes
    assert sum(e.days for e in LedgerEntry.objects.filter(cause="expiry")) == held
    assert_ledger_consistent()
    print(  # noqa: T201
        f"REL-6 sweep ({database_url().split(':')[0]}): {VOUCHERS} vouchers built in {built:.1f} s;"
        f" {kills} SIGKILLs at {expired_at_kills} expired; uninterrupted run {clean_seconds:.1f} s;"
        f" seed {seed}"
    )
