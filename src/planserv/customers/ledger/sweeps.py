"""Set-based ledger movements for sweeps over many agreements (STYLE.md principle 9).

`ledger_move_selected` moves days for every row a SQL selection yields, with a fixed number of
statements whatever the number of rows: lock the involved accounts (pk order), refuse an overdraft,
insert the entries (skipping idempotency keys that already have one), then update the balances by
aggregate from the entries just written. Used by the removal of remaining days and by the voucher
expiry sweep; call it once per batch, each batch in its own transaction (crash-safe, REL-6).

The selection is a SQL query (with %s parameters) yielding, in this order:

    agreement_id, days, idempotency_key, cause_id

`days` NULL moves the source account's whole balance at lock time (write `CAST(NULL AS BIGINT)`
so PostgreSQL knows the type). It is evaluated several times in the transaction, so it must select
the same rows each time: select by ids or an id range, not by something the movement changes
(a whole-balance selection may filter on `balance > 0` of the source account, as the removal does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import connection, transaction
from django.utils.translation import gettext as _

from planserv.core.actor import Actor
from planserv.customers.ledger.accounts import check_move, is_source
from planserv.customers.ledger.errors import InvalidDays
from planserv.customers.ledger.flows import flows_add_written
from planserv.customers.ledger.models import LedgerAccount, LedgerEntry
from planserv.customers.ledger.services import insufficient_days, licensing_id_of

SqlParam = int | str | dt.date | dt.datetime | None
ACCOUNT = LedgerAccount._meta.db_table
ENTRY = LedgerEntry._meta.db_table


def _fetch(sql: str, params: Sequence[SqlParam]) -> list[tuple[object, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return list(cursor.fetchall())


def _run(sql: str, params: Sequence[SqlParam]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return int(cursor.rowcount)


def sweep_batch_planning() -> None:
    """Call first in each sweep batch's transaction (expiry, removal). A batch touches a bounded
    set of rows by key, so index probes are the right plan; PostgreSQL's default cost model
    (random_page_cost = 4, tuned for spinning disks) picks whole-table hash joins instead, whose
    cost grows with the tables, so a sweep over a million rows went quadratic (PERF-2: 0.2 to
    0.8 ms per voucher at full scale, 0.12 with this). SET LOCAL ends with the transaction."""
    if connection.vendor == "postgresql":
        _run("SET LOCAL random_page_cost = 1.1", [])


def ledger_move_selected(
    *,
    selection: str,
    params: Sequence[SqlParam],
    source: str,
    destination: str,
    cause: str,
    effective_date: dt.date,
    memo: str,
    actor: Actor,
    at: dt.datetime,
) -> int:
    """Move days `source` → `destination` for every row of `selection`; returns the number of
    entries written. Raises InvalidDays (a row with days <= 0) or InsufficientDays (a non-source
    account would go negative; nothing is written). Must run inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ledger_move_selected() must run inside a transaction.")
    check_move(source, destination, cause=cause)
    selected = f"({selection}) AS m(agreement_id, days, idempotency_key, cause_id)"
    if connection.vendor == "sqlite":  # SQLite names a subquery's columns itself
        selected = (
            "(SELECT * FROM (SELECT NULL AS agreement_id, NULL AS days, NULL AS idempotency_key, "  # noqa: S608 - the caller's selection, values bound
            f"NULL AS cause_id WHERE 0 UNION ALL SELECT * FROM ({selection}))) AS m"
        )
    _lock(selected, params, source, destination)
    _refuse_bad_days(selected, params, source)
    # Entries written below have ids above this mark; the accounts are locked, so no other
    # transaction can add an entry to them until this one commits.
    watermark = _fetch(f"SELECT COALESCE(MAX(id), 0) FROM {ENTRY}", [])[0][0]  # noqa: S608
    assert isinstance(watermark, int)
    written = _insert(selected, params, source, destination, cause, effective_date, memo, actor, at)
    if written:
        # Before the balances change: a whole-balance selection reads them (balance > 0).
        flows_add_written(
            watermark=watermark,
            agreements_sql=f"SELECT m.agreement_id FROM {selected}",  # noqa: S608 - the caller's selection
            params=params,
            source=source,
            destination=destination,
        )
        # Only this transaction can have written entries above the mark on the locked accounts.
        for column, sign, kind in (
            ("destination_id", "+", destination),
            ("source_id", "-", source),
        ):
            _run(
                f"UPDATE {ACCOUNT} SET balance = {ACCOUNT}.balance {sign} x.total "  # noqa: S608 - names from models, values bound
                f"FROM (SELECT e.{column} AS account_id, SUM(e.days) AS total FROM {ENTRY} e "
                f"WHERE e.id > %s AND e.agreement_id IN (SELECT m.agreement_id FROM {selected}) "
                f"GROUP BY e.{column}) AS x WHERE {ACCOUNT}.id = x.account_id AND {ACCOUNT}.kind = %s",
                [watermark, *params, kind],
            )
    return written


def _lock(selected: str, params: Sequence[SqlParam], source: str, destination: str) -> None:
    """Lock the involved accounts in pk order (the ledger's lock order)."""
    suffix = " FOR UPDATE" if connection.features.has_select_for_update else ""
    _fetch(
        f"SELECT a.id FROM {ACCOUNT} a WHERE a.kind IN (%s, %s) "  # noqa: S608 - names from models
        f"AND a.agreement_id IN (SELECT m.agreement_id FROM {selected}) ORDER BY a.id{suffix}",
        [source, destination, *params],
    )


def _refuse_bad_days(selected: str, params: Sequence[SqlParam], source: str) -> None:
    bad = _fetch(
        f"SELECT m.days FROM {selected} WHERE m.days IS NOT NULL AND m.days <= 0",  # noqa: S608
        list(params),
    )
    if bad:
        raise InvalidDays(
            _("Days are moved in whole positive numbers; %(bad)s is not one.") % {"bad": bad[0][0]}
        )
    if is_source(source):
        return
    over = _fetch(
        f"SELECT s.agreement_id, s.balance, SUM(m.days) FROM {selected} "  # noqa: S608
        f"JOIN {ACCOUNT} s ON s.agreement_id = m.agreement_id AND s.kind = %s "
        f"WHERE m.days IS NOT NULL AND NOT EXISTS "
        f"(SELECT 1 FROM {ENTRY} e WHERE e.idempotency_key = m.idempotency_key) "
        "GROUP BY s.agreement_id, s.balance HAVING SUM(m.days) > s.balance",
        [*params, source],
    )
    if over:
        agreement_id, balance, days = over[0]
        assert isinstance(agreement_id, int) and isinstance(balance, int)
        raise insufficient_days(
            licensing_id=licensing_id_of(agreement_id),
            kind=source,
            balance=balance,
            days=int(str(days)),
        )


def _insert(
    selected: str,
    params: Sequence[SqlParam],
    source: str,
    destination: str,
    cause: str,
    effective_date: dt.date,
    memo: str,
    actor: Actor,
    at: dt.datetime,
) -> int:
    operations = connection.ops
    return _run(
        f"INSERT INTO {ENTRY} (agreement_id, source_id, destination_id, days, cause, cause_id, "  # noqa: S608 - names from models, values bound
        "effective_date, idempotency_key, memo, actor_user_id, actor_label, job_run_id, "
        "created_at) "
        "SELECT m.agreement_id, s.id, d.id, COALESCE(m.days, s.balance), %s, m.cause_id, %s, "
        "m.idempotency_key, %s, %s, %s, %s, %s "
        f"FROM {selected} "
        f"JOIN {ACCOUNT} s ON s.agreement_id = m.agreement_id AND s.kind = %s "
        f"JOIN {ACCOUNT} d ON d.agreement_id = m.agreement_id AND d.kind = %s "
        "WHERE COALESCE(m.days, s.balance) > 0 AND NOT EXISTS "
        f"(SELECT 1 FROM {ENTRY} e WHERE e.idempotency_key = m.idempotency_key) "
        "ORDER BY m.agreement_id",
        [
            cause,
            operations.adapt_datefield_value(effective_date),
            memo[:300],
            actor.user_id,
            actor.email,
            actor.job_run_id,
            operations.adapt_datetimefield_value(at),
            *params,
            source,
            destination,
        ],
    )
