"""Operator postings with a reason: manual grants of planning or training days, and corrections
(the reversing entry of an earlier one). R-ACC-1, R-LED-1."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.types import Role
from planserv.customers.errors import CorrectionNotAllowed, EntryAlreadyReversed
from planserv.customers.ledger.accounts import AccountKind, EntryCause
from planserv.customers.ledger.services import ledger_lock, ledger_move
from planserv.customers.models import LedgerEntry, LicensingAgreement
from planserv.customers.services._common import request_key, require_reason

CORRECTABLE = {
    EntryCause.ACCRUAL,
    EntryCause.MANUAL_GRANT,
    EntryCause.TRAINING_GRANT,
    EntryCause.REMOVAL,
    EntryCause.CORRECTION,
}


def _grant(
    *,
    agreement: LicensingAgreement,
    days: int,
    reason: str,
    training: bool,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
    key: str | None,
) -> LedgerEntry:
    actor.require_role(Role.PROGRAM_ADMIN, action=_("grant days"))
    what = "training days" if training else "planning days"
    reason = require_reason(reason, action=f"grant {what}")
    cause = EntryCause.TRAINING_GRANT if training else EntryCause.MANUAL_GRANT
    entry = ledger_move(
        agreement=agreement,
        source=AccountKind.TRAINING_ISSUED if training else AccountKind.ISSUED,
        destination=AccountKind.TRAINING if training else AccountKind.AVAILABLE,
        days=days,
        cause=cause,
        cause_id=actor.email,
        effective_date=today,
        idempotency_key=f"{cause}:{request_key(key)}",
        actor=actor,
        at=at,
        memo=reason,
    )
    audit_record(
        actor=actor,
        action=AuditEventType.LEDGER_TRAINING_GRANT_POSTED
        if training
        else AuditEventType.LEDGER_MANUAL_GRANT_POSTED,
        subject=agreement,
        at=at,
        program_date=today,
        organisation_id=agreement.customer_id,
        after={"days": days, "entry": entry.pk, "account": entry.destination.kind},
        reason=reason,
    )
    return entry


@transaction.atomic
def manual_grant(
    *,
    agreement: LicensingAgreement,
    days: int,
    reason: str,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
    key: str | None = None,
) -> LedgerEntry:
    """A program_admin grants planning days (issued → available) with a reason. A repeat with
    the same `key` returns the first entry. Raises Forbidden, ReasonRequired, InvalidDays."""
    return _grant(
        agreement=agreement,
        days=days,
        reason=reason,
        training=False,
        actor=actor,
        today=today,
        at=at,
        key=key,
    )


@transaction.atomic
def training_grant(
    *,
    agreement: LicensingAgreement,
    training_days: int,
    reason: str,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
    key: str | None = None,
) -> LedgerEntry:
    """A program_admin records the customer's training-voucher days (training_issued → training)
    so that they can be converted (R-TRN-1). Raises Forbidden, ReasonRequired, InvalidDays."""
    return _grant(
        agreement=agreement,
        days=training_days,
        reason=reason,
        training=True,
        actor=actor,
        today=today,
        at=at,
        key=key,
    )


@transaction.atomic
def correction_post(
    *, entry: LedgerEntry, reason: str, actor: Actor, today: dt.date, at: dt.datetime
) -> LedgerEntry:
    """A program_admin reverses an entry (accrual, grant, removal or correction) with a reason:
    the same days move back. Raises Forbidden, ReasonRequired, CorrectionNotAllowed (voucher and
    conversion entries are corrected through their own act), EntryAlreadyReversed,
    InsufficientDays (the days have moved on)."""
    actor.require_role(Role.PROGRAM_ADMIN, action=_("correct ledger entries"))
    reason = require_reason(reason, action=_("correct this entry"))
    entry = LedgerEntry.objects.select_related("agreement", "source", "destination").get(
        pk=entry.pk
    )
    if entry.cause not in CORRECTABLE:
        raise CorrectionNotAllowed(
            _(
                "A %(entry)s entry is corrected through its own act (the voucher or the "
                "conversion), not by reversing the entry."
            )
            % {"entry": entry.get_cause_display().lower()},
            details={"entry": entry.pk, "cause": entry.cause},
        )
    agreement = entry.agreement
    ledger_lock(agreement=agreement, kinds=[entry.source.kind, entry.destination.kind])
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise EntryAlreadyReversed(
            _("Entry %(pk)s was already reversed; post a manual grant to change the days again.")
            % {"pk": entry.pk},
            details={"entry": entry.pk},
        )
    correction = ledger_move(
        agreement=agreement,
        source=entry.destination.kind,
        destination=entry.source.kind,
        days=entry.days,
        cause=EntryCause.CORRECTION,
        cause_id=str(entry.pk),
        effective_date=today,
        idempotency_key=f"correction:{entry.pk}",
        actor=actor,
        at=at,
        memo=reason,
        reverses=entry,
    )
    audit_record(
        actor=actor,
        action=AuditEventType.LEDGER_CORRECTION_POSTED,
        subject=agreement,
        at=at,
        program_date=today,
        organisation_id=agreement.customer_id,
        before={"entry": entry.pk, "days": entry.days, "cause": entry.cause},
        after={"correction": correction.pk},
        reason=reason,
    )
    return correction
