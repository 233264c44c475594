"""PERF-1: the per-process configuration caches (core.config_cache) serve the calendar, the day
rates and the webhook subscriptions without a read, and a change made anywhere (here by another
process, with a raw UPDATE no Python code sees) takes effect on the next request of every
process: the database triggers set a new token and the next transaction reads it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess  # nosec B404 - our own interpreter
import sys

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from planserv.core.config_cache import current_version
from planserv.program.calendar import calendar_get
from planserv.program.models import Milestone, MilestoneKey
from tests.reliability.processes import ROOT, child_environment

D = dt.date

# The other process: on each line from stdin, one "request" (a transaction) reads the calendar
# and prints the last redemption day and how many statements it took.
CHILD = """
import json, sys
import django
django.setup()
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from planserv.program.calendar import calendar_get
for _line in sys.stdin:
    with CaptureQueriesContext(connection) as captured, transaction.atomic():
        day = calendar_get().last_redemption_date.isoformat()
    sql = [q["sql"].split(" ")[0].upper() for q in captured.captured_queries]
    statements = [s for s in sql if s not in ("BEGIN", "COMMIT", "ROLLBACK")]
    print(json.dumps({"day": day, "statements": len(statements)}), flush=True)
"""


def _ask(child: subprocess.Popen[str]) -> dict[str, object]:
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write("next\n")
    child.stdin.flush()
    return dict(json.loads(child.stdout.readline()))


@pytest.mark.django_db(transaction=True)
def test_a_change_in_one_process_reaches_the_cache_of_another_on_its_next_request():
    child = subprocess.Popen(  # nosec B603
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        env=child_environment(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        first = _ask(child)  # loads the cache: the token, the milestones, the settings
        again = _ask(child)  # nothing changed: the token only
        assert again == {"day": first["day"], "statements": 1}, (first, again)
        moved = D.fromisoformat(str(first["day"])) - dt.timedelta(days=10)
        with connection.cursor() as cursor:  # another process, behind every Python hook
            cursor.execute(
                "UPDATE program_milestone SET date = %s WHERE key = %s",
                [moved + dt.timedelta(days=1), MilestoneKey.LAST_REDEMPTION_DAY],
            )
        after = _ask(child)
        here = calendar_get().last_redemption_date
        assert after["day"] == here.isoformat() != first["day"], (first, after, here)
        assert int(str(after["statements"])) > 1  # rebuilt
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=30)


@pytest.mark.django_db
def test_the_token_changes_with_every_cached_table_and_the_cache_follows():
    before = current_version()
    assert before is not None, "the migration stores the first token"
    calendar_get()
    with CaptureQueriesContext(connection) as captured:
        calendar_get()
    assert len(captured.captured_queries) == 1  # the token: the calendar itself is cached
    milestone = Milestone.objects.get(key=MilestoneKey.REMOVAL)
    milestone.date += dt.timedelta(days=1)
    milestone.save()
    assert current_version() != before
    assert calendar_get().removal_date == milestone.date


@pytest.mark.django_db
def test_a_token_read_with_the_lock_is_used_for_the_rest_of_the_transaction():
    from planserv.core.config_cache import note_version

    with transaction.atomic():
        note_version(current_version())
        calendar_get()
        with CaptureQueriesContext(connection) as captured:
            calendar_get()
        assert captured.captured_queries == []
