"""The days-flow summary (LedgerDayFlow) that the dashboard reads instead of the entries: whatever
the ledger's three writers do (one movement, a batch, a set-based sweep batch; refused ones too),
the summary equals the recount from the entries, and `planserv ledger check` reports a summary
that does not (issue 22, PERF-7). A property test (Hypothesis) on SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planserv.customers.errors import InsufficientDays
from planserv.customers.ledger.accounts import AccountKind, EntryCause
from planserv.customers.ledger.flows import flow_mismatches, flows_rebuild, flows_recount
from planserv.customers.ledger.sweeps import ledger_move_selected
from planserv.customers.models import LedgerDayFlow, LedgerEntry
from planserv.customers.services import Movement, ledger_move, ledger_move_batch
from planserv.reports.dashboard import FLOW_OF, FLOWS, days_flow
from tests.customers.ledger_checks import assert_ledger_consistent
from tests.factories import customers as factory

pytestmark = pytest.mark.django_db
K = AccountKind
START = dt.date(2020, 3, 2)
MOVES = [
    (K.ISSUED, K.AVAILABLE, EntryCause.MANUAL_GRANT),
    (K.AVAILABLE, K.HELD, EntryCause.VOUCHER),
    (K.HELD, K.CONSUMED, EntryCause.VOUCHER),
    (K.HELD, K.AVAILABLE, EntryCause.EXPIRY),
    (K.AVAILABLE, K.FORFEITED, EntryCause.EXPIRY),
    (K.AVAILABLE, K.REMOVED, EntryCause.REMOVAL),
    (K.HELD, K.AVAILABLE, EntryCause.CORRECTION),
    (K.AVAILABLE, K.HELD, EntryCause.CORRECTION),
]
Step = tuple[str, int, int, int, int]
steps = st.lists(
    st.tuples(
        st.sampled_from(["move", "batch", "selected"]),
        st.integers(0, 2),  # which agreement
        st.integers(0, len(MOVES) - 1),
        st.integers(1, 6),  # days
        st.integers(0, 70),  # effective date: START + n days (several months)
    ),
    min_size=1,
    max_size=12,
)
_counter = iter(range(10**9))


def _selection() -> str:
    return (
        "SELECT CAST(%s AS BIGINT), CAST(%s AS BIGINT), CAST(%s AS VARCHAR(200)), "
        "CAST(%s AS VARCHAR(64))"
    )


def _apply(agreements: list[Any], step: Step) -> None:
    writer, which, move, days, offset = step
    source, destination, cause = MOVES[move]
    agreement = agreements[which]
    day = START + dt.timedelta(days=offset)
    key = f"flow-test:{next(_counter)}"
    at = factory.at(day)
    with transaction.atomic():
        if writer == "move":
            ledger_move(
                agreement=agreement,
                source=source,
                destination=destination,
                days=days,
                cause=cause,
                cause_id="T",
                effective_date=day,
                idempotency_key=key,
                actor=factory.OPERATOR,
                at=at,
            )
        elif writer == "batch":
            ledger_move_batch(
                movements=[
                    Movement(agreement.pk, source, destination, f"{key}:a", days=days),
                    Movement(agreements[(which + 1) % 3].pk, source, destination, f"{key}:b", 1),
                ],
                cause=cause,
                effective_date=day,
                actor=factory.OPERATOR,
                at=at,
            )
        else:
            ledger_move_selected(
                selection=_selection(),
                params=[agreement.pk, days, key, "T"],
                source=source,
                destination=destination,
                cause=cause,
                effective_date=day,
                memo="flow test",
                actor=factory.OPERATOR,
                at=at,
            )


@pytest.fixture
def agreements() -> list[Any]:
    made = [factory.agreement() for _ in range(3)]
    for agreement in made:
        factory.grant(agreement, 20)
    return made


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
def test_the_summary_equals_the_recount_after_any_writes(
    agreements: list[Any], steps: list[Step]
) -> None:
    for step in steps:
        with contextlib.suppress(InsufficientDays):  # refused: entries and summary unchanged
            _apply(agreements, step)
    assert flow_mismatches() == []
    assert_ledger_consistent()
    # The dashboard's all-time flow totals, read from the summary, equal the entries' own sums.
    _, totals = days_flow(as_of=START + dt.timedelta(days=400))
    by_flow = {row[0]: row[2] for row in totals.rows}
    expected = {key: 0 for key, _, _ in FLOWS}
    for (_, source, destination, _), (days, _) in flows_recount().items():
        if (source, destination) in FLOW_OF:
            expected[FLOW_OF[(source, destination)]] += days
        elif (destination, source) in FLOW_OF:  # a correction counts against what it reverses
            expected[FLOW_OF[(destination, source)]] -= days
    assert by_flow == expected


def test_a_refused_movement_leaves_the_summary_unchanged(agreements: list[Any]) -> None:
    before = sorted(LedgerDayFlow.objects.values_list("shard", "days", "entries"))
    with pytest.raises(InsufficientDays):
        _apply(agreements, ("move", 0, 1, 500, 0))
    with pytest.raises(InsufficientDays):
        _apply(agreements, ("selected", 0, 1, 500, 0))
    assert sorted(LedgerDayFlow.objects.values_list("shard", "days", "entries")) == before


def test_each_movement_adds_one_summary_row_per_day_movement_and_shard(
    agreements: list[Any],
) -> None:
    _apply(agreements, ("move", 0, 1, 3, 5))
    _apply(agreements, ("move", 0, 1, 2, 5))
    day = START + dt.timedelta(days=5)
    rows = LedgerDayFlow.objects.filter(effective_date=day, source_kind=K.AVAILABLE)
    assert [(row.destination_kind, row.days, row.entries) for row in rows] == [(K.HELD, 5, 2)]


def test_ledger_check_reports_a_summary_that_disagrees_and_rebuild_repairs_it(
    agreements: list[Any],
) -> None:
    _apply(agreements, ("move", 1, 1, 4, 9))
    row = LedgerDayFlow.objects.filter(source_kind=K.AVAILABLE, destination_kind=K.HELD).get()
    LedgerDayFlow.objects.filter(pk=row.pk).update(days=row.days + 1)
    output = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("ledger", "check", stdout=output)
    assert exited.value.code == 1
    text = output.getvalue()
    assert "days flow available → held of 2020-03-11" in text
    assert "holds 5 days in 1 entries but the entries sum to 4 days in 1" in text
    assert flows_rebuild() == LedgerDayFlow.objects.count()
    assert flow_mismatches() == []
    assert LedgerEntry.objects.exists()
