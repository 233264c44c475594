"""The removal of remaining days (domain.md section 8): on the removal date every agreement's
available days move to `removed`, set-based, in batches, each batch its own transaction.

Idempotent and resumable: every entry's key is `removal:<removal date>:<agreement id>`, so a run
killed mid-way and started again skips what was done and finishes the rest (REL-6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.formatting import long_date
from planserv.core.partitions import key_ranges, run_batches_in_ranges, sweep_workers
from planserv.core.types import Role
from planserv.customers.errors import RemovalNotDue
from planserv.customers.ledger.accounts import AccountKind, EntryCause
from planserv.customers.ledger.sweeps import ACCOUNT, ledger_move_selected, sweep_batch_planning
from planserv.customers.models import LedgerAccount
from planserv.program.calendar import calendar_get


@dataclass(frozen=True)
class RemovalBatch:
    number: int
    agreements: int
    entries: int
    last_agreement_id: int


@dataclass
class RemovalReport:
    removal_date: dt.date
    batches: int = 0
    agreements: int = 0
    entries: int = 0

    def counts(self) -> dict[str, int]:
        return {"batches": self.batches, "agreements": self.agreements, "entries": self.entries}


def removal_key_prefix(removal_date: dt.date) -> str:
    return f"removal:{removal_date.isoformat()}:"


def removal_key(removal_date: dt.date, agreement_id: int) -> str:
    return f"{removal_key_prefix(removal_date)}{agreement_id}"


def removal_run(
    *,
    as_of: dt.date,
    actor: Actor,
    at: dt.datetime,
    batch_size: int = 5000,
    after_batch: Callable[[RemovalBatch], None] | None = None,
) -> RemovalReport:
    """Move every agreement's available days to `removed`, effective on the removal date.
    Raises Forbidden, RemovalNotDue (`as_of` is before the removal date). The batches run over
    `sweep_workers()` connections (core/partitions.py), each over its own range of agreements.
    `after_batch` is called after each committed batch, one call at a time (progress output;
    tests use it to pause)."""
    actor.require_role(Role.PROGRAM_ADMIN, action=_("remove remaining days"))
    removal_date = calendar_get().removal_date
    if as_of < removal_date:
        raise RemovalNotDue(
            _("Remaining days are removed on %(removal_date)s, not on %(as_of)s.")
            % {"removal_date": long_date(removal_date), "as_of": long_date(as_of)},
            details={"removal_date": removal_date.isoformat(), "as_of": as_of.isoformat()},
        )
    report = RemovalReport(removal_date=removal_date)
    due = LedgerAccount.objects.filter(kind=AccountKind.AVAILABLE, balance__gt=0)
    ranges = key_ranges(due, "agreement_id", sweep_workers())

    def counted(batch: RemovalBatch) -> None:
        report.batches += 1
        report.agreements += batch.agreements
        report.entries += batch.entries
        if after_batch is not None:
            after_batch(batch)

    run_batches_in_ranges(
        ranges,
        batch=lambda after, upto, numbering: _remove_batch(
            removal_date=removal_date,
            after_agreement_id=after,
            upto_agreement_id=upto,
            batch_size=batch_size,
            numbering=numbering,
            actor=actor,
            at=at,
        ),
        last_key=lambda batch: batch.last_agreement_id,
        on_batch=counted,
    )
    return report


@transaction.atomic
def _remove_batch(
    *,
    removal_date: dt.date,
    after_agreement_id: int,
    upto_agreement_id: int | None,
    batch_size: int,
    numbering: Callable[[], int],
    actor: Actor,
    at: dt.datetime,
) -> RemovalBatch | None:
    sweep_batch_planning()
    due = LedgerAccount.objects.filter(
        kind=AccountKind.AVAILABLE, balance__gt=0, agreement_id__gt=after_agreement_id
    )
    if upto_agreement_id is not None:
        due = due.filter(agreement_id__lte=upto_agreement_id)
    agreement_ids = list(
        due.order_by("agreement_id").values_list("agreement_id", flat=True)[:batch_size]
    )
    if not agreement_ids:
        return None
    number = numbering()
    # The whole available balance of each agreement in the batch's id range, read under the lock.
    written = ledger_move_selected(
        selection=(
            "SELECT agreement_id, CAST(NULL AS BIGINT), %s || CAST(agreement_id AS TEXT), %s "  # noqa: S608 - table from the model
            f"FROM {ACCOUNT} WHERE kind = %s AND balance > 0 "
            "AND agreement_id > %s AND agreement_id <= %s"
        ),
        params=[
            removal_key_prefix(removal_date),
            removal_date.isoformat(),
            AccountKind.AVAILABLE.value,
            after_agreement_id,
            agreement_ids[-1],
        ],
        source=AccountKind.AVAILABLE,
        destination=AccountKind.REMOVED,
        cause=EntryCause.REMOVAL,
        effective_date=removal_date,
        memo="Remaining available days removed at the program's retirement",
        actor=actor,
        at=at,
    )
    if written:
        _audit_batch(
            removal_date=removal_date,
            number=number,
            agreement_ids=agreement_ids,
            written=written,
            actor=actor,
            at=at,
        )
    return RemovalBatch(
        number=number,
        agreements=len(agreement_ids),
        entries=written,
        last_agreement_id=agreement_ids[-1],
    )


def _audit_batch(
    *,
    removal_date: dt.date,
    number: int,
    agreement_ids: list[int],
    written: int,
    actor: Actor,
    at: dt.datetime,
) -> None:
    audit_record(
        actor=actor,
        action=AuditEventType.LEDGER_REMOVAL_BATCH,
        subject=("customers.removal", removal_date.isoformat()),
        subject_label=f"Removal of remaining days on {removal_date.isoformat()}",
        at=at,
        program_date=removal_date,
        after={
            "batch": number,
            "agreements": len(agreement_ids),
            "entries": written,
            "first_agreement": agreement_ids[0],
            "last_agreement": agreement_ids[-1],
        },
    )


def removal_job(*, day: dt.date, actor: Actor, at: dt.datetime) -> dict[str, int]:
    """The daily job: the removal on the removal date; nothing on any other day."""
    if day != calendar_get().removal_date:
        return {"batches": 0, "agreements": 0, "entries": 0}
    return removal_run(as_of=day, actor=actor, at=at).counts()
