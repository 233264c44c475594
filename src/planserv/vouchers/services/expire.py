"""The daily expiry sweep (R-EXP-1, R-EXP-2): it records what the dates already decided.

Set-based and resumable: keyset batches over the vouchers that `expiry_passed(as_of)` selects
(the same predicate every online rule uses), each batch one transaction: lock the involved
agreements' ledger accounts in primary-key order (the ledger's order), re-select the due vouchers
under the lock, move their days with two set-based `ledger_move_selected` calls (held → available
when the agreement was active on the expiry date and the expiry date is before the removal date,
otherwise held → forfeited; R-EXP-1's rule written in SQL), mark them expired with two UPDATEs,
and write one audit event per batch (PERF-2: a fixed number of statements per batch).
Entry keys are `voucher:<id>:expiry`, so a run killed mid-way and started again writes nothing
twice; a second run finds nothing due (R-EXP-2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q

from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.partitions import key_ranges, run_batches_in_ranges, sweep_workers
from planserv.customers.ledger.accounts import AccountKind, EntryCause
from planserv.customers.ledger.sweeps import ledger_move_selected, sweep_batch_planning
from planserv.customers.models import LedgerAccount, LicensingAgreement
from planserv.program.calendar import ProgramCalendar, calendar_get
from planserv.vouchers.lifecycle import LIVE_STATUSES, VoucherStatus
from planserv.vouchers.models import DaysOutcome, Voucher
from planserv.vouchers.rules import expiry_passed
from planserv.vouchers.voucher_id import display
from planserv.webhooks.models import WebhookEvent
from planserv.webhooks.services import Occurrence, webhook_emit_many

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
    batch_size: int = 2500,
    after_batch: Callable[[ExpiryBatch], None] | None = None,
) -> ExpiryReport:
    """Record every voucher whose expiry date is before `as_of` as expired, returning or
    forfeiting its days (R-EXP-1). Idempotent and resumable. The batches run over
    `sweep_workers()` connections (core/partitions.py), each over its own range of vouchers.
    `after_batch` is called after each committed batch, one call at a time (progress; crash
    tests pause there)."""
    report = ExpiryReport(as_of=as_of)
    if not vouchers_due_for_expiry(as_of).exists():
        return report  # most days: one indexed query
    calendar = calendar_get()
    ranges = key_ranges(vouchers_due_for_expiry(as_of), "pk", sweep_workers())

    def counted(batch: ExpiryBatch) -> None:
        report.batches += 1
        report.expired += batch.expired
        report.returned += batch.returned
        report.forfeited += batch.forfeited
        if after_batch is not None:
            after_batch(batch)

    run_batches_in_ranges(
        ranges,
        batch=lambda after, upto, numbering: _expire_batch(
            as_of=as_of,
            after_pk=after,
            upto_pk=upto,
            batch_size=batch_size,
            numbering=numbering,
            calendar=calendar,
            actor=actor,
            at=at,
        ),
        last_key=lambda batch: batch.last_pk,
        on_batch=counted,
    )
    return report


def _selection(*, returns: bool) -> str:
    """The due vouchers of one batch (an id range) whose days return (or are forfeited), as
    `ledger_move_selected` rows: agreement, days, entry key, cause id. R-EXP-1's rule
    (`rules.days_return_on`) in SQL: the agreement is active on the expiry date and the expiry
    date is before the removal date."""
    voucher = Voucher._meta.db_table
    agreement = LicensingAgreement._meta.db_table
    condition = "" if returns else "NOT "
    return (
        "SELECT v.agreement_id, v.days, 'voucher:' || v.voucher_id || ':expiry', v.voucher_id "  # noqa: S608 - names from models, values bound
        f"FROM {voucher} v JOIN {agreement} a ON a.id = v.agreement_id "
        "WHERE v.id > %s AND v.id <= %s AND v.status IN (%s, %s, %s) AND v.expiry_date < %s "
        f"AND {condition}(a.start_date <= v.expiry_date AND v.expiry_date <= a.end_date "
        "AND v.expiry_date < %s)"
    )


@transaction.atomic
def _expire_batch(
    *,
    as_of: dt.date,
    after_pk: int,
    upto_pk: int | None,
    batch_size: int,
    numbering: Callable[[], int],
    calendar: ProgramCalendar,
    actor: Actor,
    at: dt.datetime,
) -> ExpiryBatch | None:
    """One batch with a fixed number of statements: the keyset of due vouchers, the accounts
    locked in pk order, the vouchers locked, two set-based ledger movements (returned,
    forfeited), two UPDATEs of the vouchers, one audit event."""
    sweep_batch_planning()
    due = vouchers_due_for_expiry(as_of).filter(pk__gt=after_pk)
    if upto_pk is not None:
        due = due.filter(pk__lte=upto_pk)
    candidates = list(due.order_by("pk").values_list("pk", flat=True)[:batch_size])
    if not candidates:
        return None
    last_pk = candidates[-1]
    number = numbering()
    in_batch = Q(pk__gt=after_pk, pk__lte=last_pk) & expiry_passed(as_of)
    # The ledger's lock order first (accounts by pk), then the voucher rows.
    list(
        LedgerAccount.objects.select_for_update()
        .filter(
            agreement_id__in=Voucher.objects.filter(in_batch).values("agreement_id"),
            kind__in=KINDS,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    rows = list(
        Voucher.objects.select_for_update()
        .filter(in_batch)
        .order_by("pk")
        .values_list("voucher_id", "customer_id", "holder_id", "days", "expiry_date")
    )
    moved = {}
    statuses = sorted(LIVE_STATUSES)
    for returns in (True, False):
        moved[returns] = ledger_move_selected(
            selection=_selection(returns=returns),
            params=[after_pk, last_pk, *statuses, as_of, calendar.removal_date],
            source=AccountKind.HELD,
            destination=AccountKind.AVAILABLE if returns else AccountKind.FORFEITED,
            cause=EntryCause.EXPIRY,
            effective_date=as_of,
            memo=f"Voucher expired (expiry sweep of {as_of.isoformat()})",
            actor=actor,
            at=at,
        )
    returned_q = Q(
        agreement__start_date__lte=F("expiry_date"),
        agreement__end_date__gte=F("expiry_date"),
        expiry_date__lt=calendar.removal_date,
    )
    # Two UPDATEs, always both (a fixed number of statements): the returned ones, then the rest.
    returned = Voucher.objects.filter(in_batch & returned_q).update(
        status=VoucherStatus.EXPIRED, expired_at=at, days_outcome=DaysOutcome.RETURNED
    )
    Voucher.objects.filter(in_batch).update(
        status=VoucherStatus.EXPIRED, expired_at=at, days_outcome=DaysOutcome.FORFEITED
    )
    if rows:
        webhook_emit_many(
            event=WebhookEvent.VOUCHER_EXPIRED,
            occurrences=[
                Occurrence(
                    subject_ref=f"voucher:{display(voucher_id)}",
                    organisation_ids=tuple(o for o in (customer, holder) if o is not None),
                    data={
                        "voucher_id": display(voucher_id),
                        "status": VoucherStatus.EXPIRED.value,
                        "days": days,
                        "expiry_date": expiry.isoformat(),
                    },
                )
                for voucher_id, customer, holder, days, expiry in rows
            ],
            at=at,
        )
        audit_record(
            actor=actor,
            action=AuditEventType.VOUCHER_EXPIRY_BATCH,
            subject=("vouchers.expiry", as_of.isoformat()),
            subject_label=f"Voucher expiry sweep of {as_of.isoformat()}",
            at=at,
            program_date=as_of,
            after={
                "batch": number,
                "expired": len(rows),
                "returned": returned,
                "forfeited": len(rows) - returned,
                "entries": moved[True] + moved[False],
                "first_voucher": rows[0][0],
                "last_voucher": rows[-1][0],
            },
        )
    return ExpiryBatch(
        number=number,
        expired=len(rows),
        returned=returned,
        forfeited=len(rows) - returned,
        last_pk=last_pk,
    )


def vouchers_expire_job(*, day: dt.date, actor: Actor, at: dt.datetime) -> dict[str, int]:
    """The daily job: the sweep for `day`."""
    return vouchers_expire_due(as_of=day, actor=actor, at=at).counts()
