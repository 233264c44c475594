"""REL-6: the removal killed with SIGKILL at 10 random points and restarted ends with the same ledger
as an uninterrupted run, with no duplicate entry. The removal runs in a subprocess
(`planserv ledger remove`), pausing between batches so the kill lands mid-run."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.db.models import Count

from planserv.customers.models import LedgerEntry
from planserv.customers.selectors import agreement_balances
from tests.customers.ledger_checks import assert_ledger_consistent
from tests.factories import customers as factory

ROOT = Path(__file__).resolve().parents[2]
REMOVAL = "2021-07-01"
KILLS = 10


def database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    password = f":{quote(settings['PASSWORD'])}" if settings.get("PASSWORD") else ""
    return (
        f"postgres://{quote(settings['USER'])}{password}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def start_removal(pause: float) -> subprocess.Popen[str]:
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "planserv.config.settings.test",
        "PLANSERV_TEST_DATABASE_URL": database_url(),
    }
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "ledger",
            "remove",
            "--date",
            REMOVAL,
            "--batch-size",
            "2",
            "--pause-between-batches",
            str(pause),
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_removal_killed_mid_run_and_restarted_ends_like_an_uninterrupted_run_rel_6():
    seed = random.randrange(1_000_000)
    chooser = random.Random(seed)
    agreements = [factory.agreement() for _ in range(80)]
    for number, agreement in enumerate(agreements):
        if number % 5:
            factory.grant(agreement, number + 1)
    expected = {a.pk: agreement_balances(a)["available"] for a in agreements}

    kills = 0
    for _attempt in range(KILLS):
        process = start_removal(pause=0.1)
        line = process.stdout.readline() if process.stdout else ""
        if not line.startswith("batch"):
            process.wait(timeout=30)
            break  # finished (or failed) before a batch: checked below
        time.sleep(chooser.uniform(0.0, 0.25))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        kills += process.returncode == -signal.SIGKILL
        if kills == 1:
            done = LedgerEntry.objects.filter(cause="removal").count()
            assert 0 < done < sum(1 for days in expected.values() if days), f"seed {seed}"
    assert kills >= 1, f"the removal was never interrupted (seed {seed})"

    finished = start_removal(pause=0.0)
    output, errors = finished.communicate(timeout=120)
    assert finished.returncode == 0, errors
    assert "Removal of 2021-07-01 done" in output

    for agreement in agreements:
        balances = agreement_balances(agreement)
        assert (balances["available"], balances["removed"]) == (0, expected[agreement.pk]), seed
    per_agreement = dict(
        LedgerEntry.objects.filter(cause="removal")
        .values_list("agreement_id")
        .annotate(entries=Count("id"))
        .values_list("agreement_id", "entries")
    )
    assert per_agreement == {pk: 1 for pk, days in expected.items() if days > 0}
    assert {e.effective_date for e in LedgerEntry.objects.filter(cause="removal")} == {
        dt.date(2021, 7, 1)
    }
    assert_ledger_consistent()
