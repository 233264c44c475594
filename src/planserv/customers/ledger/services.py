"""The only writers of the days ledger: `ledger_move` (one entry) and `ledger_move_batch` (sweeps).

Lock order every caller relies on (STYLE.md principle 8): the agreement's ledger account rows in
primary-key order, then whatever the caller locks next (e.g. the voucher).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.db.models import Case, F, Value, When
from django.utils.translation import gettext as _

from planserv.core.actor import Actor
from planserv.customers.ledger.accounts import AccountKind, check_move, is_source
from planserv.customers.ledger.errors import InsufficientDays, InvalidDays, LedgerKeyReused
from planserv.customers.ledger.flows import flows_add
from planserv.customers.ledger.models import LedgerAccount, LedgerEntry

if TYPE_CHECKING:
    from planserv.customers.models import LicensingAgreement


def _require_transaction(name: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{name}() must run inside a transaction (transaction.atomic).")


def check_days(days: object) -> int:
    if isinstance(days, bool) or not isinstance(days, int) or days <= 0:
        raise InvalidDays(
            _("Days are moved in whole positive numbers; %(days)r is not one (R-LED-1).")
            % {"days": days},
            details={"days": str(days)},
        )
    return days


def insufficient_days(*, licensing_id: str, kind: str, balance: int, days: int) -> InsufficientDays:
    return InsufficientDays(
        _(
            "Agreement %(licensing_id)s has %(balance)s %(label)s days; %(days)s are needed, "
            "and no account may go below zero (R-LED-2)."
        )
        % {
            "licensing_id": licensing_id,
            "balance": balance,
            "label": AccountKind(kind).label.lower(),
            "days": days,
        },
        details={
            "licensing_id": licensing_id,
            "account": kind,
            "balance": balance,
            "days": days,
        },
    )


def ledger_move(
    *,
    agreement: LicensingAgreement,
    source: str,
    destination: str,
    days: int,
    cause: str,
    cause_id: str,
    effective_date: dt.date,
    idempotency_key: str,
    actor: Actor,
    at: dt.datetime,
    memo: str = "",
    reverses: LedgerEntry | None = None,
) -> LedgerEntry:
    """Move `days` from one account of the agreement to another as one immutable entry (R-LED-1..3).

    Locks both account rows in pk order, re-reads the balance under the lock, and raises
    InsufficientDays if a non-source account would go negative (the CHECK constraint backs it).
    A repeat with the same idempotency key returns the first entry and moves nothing; the same
    key with other parameters raises LedgerKeyReused. Raises InvalidDays for days <= 0.
    """
    _require_transaction("ledger_move")
    check_move(source, destination, cause=cause)
    amount = check_days(days)
    if not idempotency_key:
        raise ValueError("ledger_move() needs an idempotency key.")
    locked = _lock_pair(agreement, source, destination)
    if len(locked) != 2:
        raise RuntimeError(
            f"Agreement {agreement.licensing_id} has no {source}/{destination} accounts."
        )
    existing = (
        LedgerEntry.objects.select_related("source", "destination")
        .filter(idempotency_key=idempotency_key)
        .order_by("pk")
        .first()
    )
    if existing is not None:
        _same_or_raise(existing, agreement.pk, source, destination, amount)
        return existing
    debit, credit = locked[source], locked[destination]
    if not is_source(source) and debit.balance < amount:
        raise insufficient_days(
            licensing_id=agreement.licensing_id, kind=source, balance=debit.balance, days=amount
        )
    # Both balances in one UPDATE (PERF-1); the CHECK constraint still backs every row.
    LedgerAccount.objects.filter(pk__in=[debit.pk, credit.pk]).update(
        balance=F("balance") + Case(When(pk=debit.pk, then=Value(-amount)), default=Value(amount))
    )
    flows_add([(effective_date, source, destination, agreement.pk, amount)])
    return LedgerEntry.objects.create(
        agreement_id=agreement.pk,
        source=debit,
        destination=credit,
        days=amount,
        cause=cause,
        cause_id=cause_id[:64],
        effective_date=effective_date,
        idempotency_key=idempotency_key,
        reverses=reverses,
        memo=memo[:300],
        actor_user_id=actor.user_id,
        actor_label=actor.email,
        job_run_id=actor.job_run_id,
        created_at=at,
    )


def _same_or_raise(
    entry: LedgerEntry, agreement_id: int, source: str, destination: str, days: int | None
) -> None:
    same = (
        entry.agreement_id == agreement_id
        and entry.source.kind == source
        and entry.destination.kind == destination
        and (days is None or entry.days == days)
    )
    if not same:
        raise LedgerKeyReused(
            _(
                "The ledger idempotency key %(idempotency_key)r already names another movement; "
                "a new movement needs a new key."
            )
            % {"idempotency_key": entry.idempotency_key},
            details={"idempotency_key": entry.idempotency_key},
        )


@dataclass(frozen=True)
class Movement:
    """One movement of a batch. `days=None` moves the source's whole balance at lock time."""

    agreement_id: int
    source: str
    destination: str
    idempotency_key: str
    days: int | None = None
    cause_id: str = ""
    memo: str = ""


def ledger_move_batch(
    *,
    movements: Sequence[Movement],
    cause: str,
    effective_date: dt.date,
    actor: Actor,
    at: dt.datetime,
) -> int:
    """Write many movements with a few SQL statements; returns the number of entries written.

    Locks every involved account row in pk order, skips movements whose idempotency key already
    has an entry (so a re-run after a crash writes nothing twice), inserts the new entries in bulk
    and updates the balances by aggregate. Raises InsufficientDays (nothing is written) if a
    non-source account would go negative. Call it once per batch inside its own transaction.
    """
    _require_transaction("ledger_move_batch")
    if not movements:
        return 0
    _validate(movements, cause)
    balances = _lock_accounts(movements)
    existing = _existing_entries([m.idempotency_key for m in movements])
    entries: list[LedgerEntry] = []
    flows: list[tuple[dt.date, str, str, int, int]] = []
    deltas: dict[int, int] = defaultdict(int)
    for movement in movements:
        if movement.idempotency_key in existing:
            agreement_id, source, destination, days = existing[movement.idempotency_key]
            if (agreement_id, source, destination) != (
                movement.agreement_id,
                movement.source,
                movement.destination,
            ) or (movement.days is not None and movement.days != days):
                raise LedgerKeyReused(
                    _(
                        "The ledger idempotency key %(idempotency_key)r already names another movement."
                    )
                    % {"idempotency_key": movement.idempotency_key},
                    details={"idempotency_key": movement.idempotency_key},
                )
            continue
        debit = balances[(movement.agreement_id, movement.source)]
        credit = balances[(movement.agreement_id, movement.destination)]
        amount = movement.days if movement.days is not None else debit[1]
        if amount <= 0:
            continue  # a whole-balance movement of an empty account moves nothing
        if not is_source(movement.source) and debit[1] < amount:
            raise insufficient_days(
                licensing_id=licensing_id_of(movement.agreement_id),
                kind=movement.source,
                balance=debit[1],
                days=amount,
            )
        debit[1] -= amount
        credit[1] += amount
        deltas[debit[0]] -= amount
        deltas[credit[0]] += amount
        flows.append(
            (effective_date, movement.source, movement.destination, movement.agreement_id, amount)
        )
        entries.append(
            LedgerEntry(
                agreement_id=movement.agreement_id,
                source_id=debit[0],
                destination_id=credit[0],
                days=amount,
                cause=cause,
                cause_id=movement.cause_id[:64],
                effective_date=effective_date,
                idempotency_key=movement.idempotency_key,
                memo=movement.memo[:300],
                actor_user_id=actor.user_id,
                actor_label=actor.email,
                job_run_id=actor.job_run_id,
                created_at=at,
            )
        )
    LedgerEntry.objects.bulk_create(entries, batch_size=500)
    _apply_deltas(deltas)
    flows_add(flows)
    return len(entries)


def licensing_id_of(agreement_id: int) -> str:
    from planserv.customers.models import LicensingAgreement

    rows = LicensingAgreement.objects.filter(pk=agreement_id).values_list("licensing_id", flat=True)
    return next(iter(rows), str(agreement_id))


def _validate(movements: Sequence[Movement], cause: str) -> None:
    keys = set()
    for movement in movements:
        check_move(movement.source, movement.destination, cause=cause)
        if movement.days is not None:
            check_days(movement.days)
        if not movement.idempotency_key or movement.idempotency_key in keys:
            raise ValueError(f"Missing or repeated idempotency key {movement.idempotency_key!r}.")
        keys.add(movement.idempotency_key)


def _chunks(items: Sequence[object], size: int) -> Iterator[Sequence[object]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _lock_accounts(movements: Sequence[Movement]) -> dict[tuple[int, str], list[int]]:
    """SELECT ... FOR UPDATE the involved accounts in pk order: {(agreement, kind): [pk, balance]}."""
    agreement_ids = sorted({m.agreement_id for m in movements})
    kinds = sorted({m.source for m in movements} | {m.destination for m in movements})
    rows = (
        LedgerAccount.objects.select_for_update()
        .filter(agreement_id__in=agreement_ids, kind__in=kinds)
        .order_by("pk")
        .values_list("pk", "agreement_id", "kind", "balance")
    )
    balances = {(agreement_id, kind): [pk, balance] for pk, agreement_id, kind, balance in rows}
    for movement in movements:
        for kind in (movement.source, movement.destination):
            if (movement.agreement_id, kind) not in balances:
                raise RuntimeError(f"Agreement {movement.agreement_id} has no {kind} account.")
    return balances


def _existing_entries(keys: list[str]) -> dict[str, tuple[int, str, str, int]]:
    found: dict[str, tuple[int, str, str, int]] = {}
    for chunk in _chunks(keys, 900):
        rows = LedgerEntry.objects.filter(idempotency_key__in=chunk).values_list(
            "idempotency_key", "agreement_id", "source__kind", "destination__kind", "days"
        )
        for key, agreement_id, source, destination, days in rows:
            found[key] = (agreement_id, source, destination, days)
    return found


def _apply_deltas(deltas: dict[int, int]) -> None:
    """One aggregated UPDATE ... FROM (VALUES ...) per chunk of accounts (PostgreSQL and SQLite)."""
    table = connection.ops.quote_name(LedgerAccount._meta.db_table)
    items = sorted((pk, delta) for pk, delta in deltas.items() if delta)
    with connection.cursor() as cursor:
        for chunk in _chunks(items, 400):
            placeholders = ", ".join(["(%s, %s)"] * len(chunk))
            params = [value for pair in chunk for value in pair]  # type: ignore[attr-defined]
            cursor.execute(
                f"UPDATE {table} SET balance = {table}.balance + v.column2 "  # noqa: S608  # nosec B608 - table name from the model, values bound
                f"FROM (VALUES {placeholders}) AS v WHERE {table}.id = v.column1",
                params,
            )


def _lock_pair(
    agreement: LicensingAgreement, source: str, destination: str
) -> dict[str, LedgerAccount]:
    """ledger_move's lock: both accounts, FOR UPDATE, in pk order (the ledger's lock order)."""
    return {
        account.kind: account
        for account in LedgerAccount.objects.select_for_update()
        .filter(agreement_id=agreement.pk, kind__in=[source, destination])
        .order_by("pk")
    }


def ledger_lock(
    *,
    kinds: Sequence[str],
    agreement: LicensingAgreement | None = None,
    agreement_id: int | None = None,
) -> dict[str, LedgerAccount]:
    """Lock the named accounts of one agreement (given or by its id) in pk order (the ledger's
    lock order) and return them by kind; for a service that moves days more than once in one
    transaction, or locks the accounts before the voucher row (vouchers' lock order)."""
    _require_transaction("ledger_lock")
    if agreement is not None:
        agreement_id = agreement.pk
    return {
        account.kind: account
        for account in LedgerAccount.objects.select_for_update()
        .filter(agreement_id=agreement_id, kind__in=list(kinds))
        .order_by("pk")
    }
