"""The daily expiry sweep (R-EXP-1, R-EXP-2): it records what the dates already decided.

Set-based and resumable: keyset batches over the vouchers that `expiry_passed(as_of)` selects
(the same predicate every online rule uses), each batch one transaction: lock the involved
agreements' ledger accounts in primary-key order (the ledger's order), re-select the due vouchers
under the lock, move their days with `ledger_move_batch` (held → available when the agreement was
active on the expiry date and the expiry date is before the removal date, otherwise held →
forfeited), mark them expired with two UPDATE statements, and write one audit event per batch.
Entry keys are `voucher:<id>:expiry`, so a run killed mid-way and started again writes nothing
twice; a second run finds nothing due (R-EXP-2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.customers.ledger.accounts import AccountKind, EntryCause
from planserv.customers.ledger.services import Movement, ledger_move_batch
from planserv.customers.models import LedgerAccount
from planserv.program.calendar import ProgramCalendar, calendar_get
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import DaysOutcome, Voucher
from planserv.vouchers.rules import days_return_on, expiry_passed

KINDS = [AccountKind.AVAILABLE, AccountKind.HELD, AccountKind.FORFEITED]


@dataclass(frozen=True)
class ExpiryBatch:
    number: int
    expired: int
    returned: int
    forfeited: int
    last_pk: int


@dataclass
class ExpiryReport:
    as_of: dt.date
    batches: int = 0
    expired: int = 0
    returned: int = 0
    forfeited: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "batches": self.batches,
            "expired": self.expired,
            "returned": self.returned,
            "forfeited": self.forfeited,
        }


def expiry_key(voucher_id: str) -> str:
    return f"voucher:{voucher_id}:expiry"


def vouchers_due_for_expiry(as_of: dt.date):  # type: ignore[no-untyped-def]
    """The vouchers the sweep of `as_of` records as expired (R-EXP-2's one predicate)."""
    return Voucher.objects.filter(expiry_passed(as_of))


def vouchers_expire_due(
    *,
    as_of: dt.date,
    actor: Actor,
    at: dt.datetime,
    batch_size: int = 1000,
    after_batch: Callable[[ExpiryBatch], None] | None = None,
) -> ExpiryReport:
    """Record every voucher whose expiry date is before `as_of` as expired, returning or
    forfeiting its days (R-EXP-1). Idempotent and resumable. `after_batch` is called after each
    committed batch (progress; crash tests pause there)."""
    report = ExpiryReport(as_of=as_of)
    if not vouchers_due_for_expiry(as_of).exists():
        return report  # most days: one indexed query
    calendar = calendar_get()
    last_pk = 0
    while True:
        batch = _expire_batch(
            as_of=as_of,
            after_pk=last_pk,
            batch_size=batch_size,
            number=report.batches + 1,
            calendar=calendar,
            actor=actor,
            at=at,
        )
        if batch is None:
            return report
        report.batches += 1
        report.expired += batch.expired
        report.returned += batch.returned
        report.forfeited += batch.forfeited
        last_pk = batch.last_pk
        if after_batch is not None:
            after_batch(batch)


@transaction.atomic
def _expire_batch(
    *,
    as_of: dt.date,
    after_pk: int,
    batch_size: int,
    number: int,
    calendar: ProgramCalendar,
    actor: Actor,
    at: dt.datetime,
) -> ExpiryBatch | None:
    candidates = list(
        vouchers_due_for_expiry(as_of)
        .filter(pk__gt=after_pk)
        .order_by("pk")
        .values_list("pk", "agreement_id")[:batch_size]
    )
    if not candidates:
        return None
    last_pk = candidates[-1][0]
    agreement_ids = sorted({agreement_id for _, agreement_id in candidates})
    # The ledger's lock order first (accounts by pk), then the voucher rows.
    list(
        LedgerAccount.objects.select_for_update()
        .filter(agreement_id__in=agreement_ids, kind__in=KINDS)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    rows = list(
        vouchers_due_for_expiry(as_of)
        .select_for_update(of=("self",))
        .filter(pk__in=[pk for pk, _ in candidates])
        .order_by("pk")
        .values_list(
            "pk",
            "voucher_id",
            "agreement_id",
            "days",
            "expiry_date",
            "agreement__start_date",
            "agreement__end_date",
        )
    )
    returned: list[int] = []
    forfeited: list[int] = []
    movements = []
    for pk, voucher_id, agreement_id, days, expiry_date, start, end in rows:
        returns = days_return_on(
            agreement_start=start,
            agreement_end=end,
            day=expiry_date,
            removal_date=calendar.removal_date,
        )
        (returned if returns else forfeited).append(pk)
        movements.append(
            Movement(
                agreement_id=agreement_id,
                source=AccountKind.HELD,
                destination=AccountKind.AVAILABLE if returns else AccountKind.FORFEITED,
                idempotency_key=expiry_key(voucher_id),
                days=days,
                cause_id=voucher_id,
                memo=f"Voucher expired after {expiry_date.isoformat()}",
            )
        )
    ledger_move_batch(
        movements=movements, cause=EntryCause.EXPIRY, effective_date=as_of, actor=actor, at=at
    )
    for ids, outcome in ((returned, DaysOutcome.RETURNED), (forfeited, DaysOutcome.FORFEITED)):
        if ids:
            Voucher.objects.filter(pk__in=ids).update(
                status=VoucherStatus.EXPIRED, expired_at=at, days_outcome=outcome
            )
    if rows:
        audit_record(
            actor=actor,
            action="vouchers.expiry.batch",
            subject=("vouchers.expiry", as_of.isoformat()),
            subject_label=f"Voucher expiry sweep of {as_of.isoformat()}",
            at=at,
            program_date=as_of,
            after={
                "batch": number,
                "expired": len(rows),
                "returned": len(returned),
                "forfeited": len(forfeited),
                "first_voucher": rows[0][1],
                "last_voucher": rows[-1][1],
            },
        )
    return ExpiryBatch(
        number=number,
        expired=len(rows),
        returned=len(returned),
        forfeited=len(forfeited),
        last_pk=last_pk,
    )


def vouchers_expire_job(*, day: dt.date, actor: Actor, at: dt.datetime) -> dict[str, int]:
    """The daily job: the sweep for `day`."""
    return vouchers_expire_due(as_of=day, actor=actor, at=at).counts()
