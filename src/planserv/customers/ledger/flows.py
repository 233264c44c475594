"""The days-flow summary (`LedgerDayFlow`): days moved per effective date and movement, added to by
the ledger's three writers with one statement each, in the transaction that writes the entries:

- `ledger_move` (one entry): `flows_add` with one row;
- `ledger_move_batch` (a sweep's batch built in Python): `flows_add` with the batch's rows summed;
- `ledger_move_selected` (a sweep's batch in SQL): `flows_add_written`, an INSERT … SELECT over the
  entries the batch just wrote (ids above its watermark on its locked agreements).

Each is an upsert (`INSERT … ON CONFLICT … DO UPDATE SET days = days + excluded.days`, PostgreSQL
and SQLite alike). `flows_recount` recounts from the entries; `flow_mismatches` compares the two
(part of `planserv ledger check`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import connection

from planserv.customers.ledger.models import (
    FLOW_SHARDS,
    LedgerAccount,
    LedgerDayFlow,
    LedgerEntry,
)

FLOW = LedgerDayFlow._meta.db_table
ENTRY = LedgerEntry._meta.db_table
ACCOUNT = LedgerAccount._meta.db_table
COLUMNS = "effective_date, source_kind, destination_kind, shard, days, entries"
ON_CONFLICT = (
    "ON CONFLICT (effective_date, source_kind, destination_kind, shard) DO UPDATE SET "
    f"days = {FLOW}.days + excluded.days, entries = {FLOW}.entries + excluded.entries"
)
SqlParam = int | str | dt.date | dt.datetime | None
# (effective date, source kind, destination kind, shard) → (days, entries)
FlowKey = tuple[dt.date, str, str, int]


def shard_of(agreement_id: int) -> int:
    return agreement_id % FLOW_SHARDS


def flows_add(rows: Iterable[tuple[dt.date, str, str, int, int]]) -> None:
    """Add (effective date, source kind, destination kind, agreement id, days) movements, summed
    per summary row, with one statement."""
    totals: dict[FlowKey, list[int]] = defaultdict(lambda: [0, 0])
    for effective_date, source, destination, agreement_id, days in rows:
        total = totals[(effective_date, source, destination, shard_of(agreement_id))]
        total[0] += days
        total[1] += 1
    if not totals:
        return
    adapt = connection.ops.adapt_datefield_value
    placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(totals))
    params: list[SqlParam] = []
    for (effective_date, source, destination, shard), (days, entries) in sorted(totals.items()):
        params += [adapt(effective_date), source, destination, shard, days, entries]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {FLOW} ({COLUMNS}) VALUES {placeholders} {ON_CONFLICT}",  # noqa: S608  # nosec B608 - table names from models, values bound
            params,
        )


def flows_add_written(
    *,
    watermark: int,
    agreements_sql: str,
    params: Sequence[SqlParam],
    source: str,
    destination: str,
) -> None:
    """Add the entries a set-based batch just wrote: ids above `watermark` on the agreements
    `agreements_sql` selects (locked by the batch, so no other transaction wrote there)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {FLOW} ({COLUMNS}) "  # noqa: S608  # nosec B608 - names from models, values bound
            f"SELECT e.effective_date, %s, %s, e.agreement_id %% {FLOW_SHARDS}, SUM(e.days), "
            f"COUNT(*) FROM {ENTRY} e WHERE e.id > %s AND e.agreement_id IN ({agreements_sql}) "
            f"GROUP BY e.effective_date, e.agreement_id %% {FLOW_SHARDS} {ON_CONFLICT}",
            [source, destination, watermark, *params],
        )


def _recount_sql() -> str:
    return (
        f"SELECT e.effective_date, s.kind, d.kind, e.agreement_id % {FLOW_SHARDS}, "  # noqa: S608  # nosec B608 - names from models
        f"SUM(e.days), COUNT(*) FROM {ENTRY} e "
        f"JOIN {ACCOUNT} s ON s.id = e.source_id JOIN {ACCOUNT} d ON d.id = e.destination_id "
        f"GROUP BY e.effective_date, s.kind, d.kind, e.agreement_id % {FLOW_SHARDS}"
    )


def flows_recount() -> dict[FlowKey, tuple[int, int]]:
    """The summary as the entries say it should be (a full read of the entries)."""
    with connection.cursor() as cursor:
        cursor.execute(_recount_sql().replace("%", "%%"), [])
        return {
            (_date(day), source, destination, int(shard)): (int(days), int(entries))
            for day, source, destination, shard, days, entries in cursor.fetchall()
        }


def flows_stored() -> dict[FlowKey, tuple[int, int]]:
    rows = LedgerDayFlow.objects.exclude(days=0, entries=0).values_list(
        "effective_date", "source_kind", "destination_kind", "shard", "days", "entries"
    )
    return {
        (day, source, destination, shard): (int(days), int(entries))
        for day, source, destination, shard, days, entries in rows
    }


def flow_mismatches() -> list[str]:
    """Every summary row that differs from the recount of the entries, as a sentence."""
    counted, stored = flows_recount(), flows_stored()
    problems = []
    for key in sorted(set(counted) | set(stored)):
        if counted.get(key, (0, 0)) != stored.get(key, (0, 0)):
            day, source, destination, shard = key
            have_days, have_entries = stored.get(key, (0, 0))
            want_days, want_entries = counted.get(key, (0, 0))
            problems.append(
                f"the days flow {source} → {destination} of {day.isoformat()} (shard {shard}) "
                f"holds {have_days} days in {have_entries} entries but the entries sum to "
                f"{want_days} days in {want_entries}"
            )
    return problems


def flows_rebuild() -> int:
    """Replace the summary by the recount (after a restore or a repair); returns its rows."""
    LedgerDayFlow.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {FLOW} ({COLUMNS}) {_recount_sql()}".replace("%", "%%"),  # nosec B608
            [],
        )
    return LedgerDayFlow.objects.count()


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
