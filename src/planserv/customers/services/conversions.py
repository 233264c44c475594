"""Training conversion (R-TRN-1): training-voucher days become planning days at the operator-set
ratio, until the last conversion day; never making a pool negative."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.formatting import long_date
from planserv.core.types import Role
from planserv.customers.errors import ConversionEnded, ConversionNotWhole, LedgerKeyReused
from planserv.customers.ledger.accounts import AccountKind, EntryCause
from planserv.customers.ledger.services import check_days, ledger_lock, ledger_move
from planserv.customers.models import LicensingAgreement, TrainingConversion
from planserv.customers.services._common import request_key, require_own_agreement
from planserv.program.calendar import calendar_get, program_settings_get

CONVERSION_ACCOUNTS = (
    AccountKind.AVAILABLE,
    AccountKind.ISSUED,
    AccountKind.TRAINING,
    AccountKind.TRAINING_CONVERTED,
)


def _refuse_after_conversion_end(today: dt.date) -> None:
    last = calendar_get().last_conversion_date
    if today > last:
        raise ConversionEnded(
            _(
                "Training days can no longer be converted: conversion ended on %(next_day)s (the "
                "last day was %(last)s) (R-TRN-1)."
            )
            % {"next_day": long_date(last + dt.timedelta(days=1)), "last": long_date(last)},
            details={"last_conversion_date": last.isoformat(), "today": today.isoformat()},
        )


@transaction.atomic
def training_convert(
    *,
    agreement: LicensingAgreement,
    training_days: int,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
    key: str | None = None,
) -> TrainingConversion:
    """A benefits_admin converts `training_days` into planning days (R-TRN-1): two entries,
    training → training_converted and issued → available. A repeat with the same `key` returns the
    first conversion. Raises Forbidden, AgreementNotFound, InvalidDays, ConversionEnded,
    ConversionNotWhole, InsufficientDays (training)."""
    actor.require_role(Role.BENEFITS_ADMIN, action=_("convert training days"))
    require_own_agreement(actor, agreement)
    days = check_days(training_days)
    conversion_key = request_key(key)
    previous = TrainingConversion.objects.filter(request_key=conversion_key).order_by("pk").first()
    if previous is not None:
        if previous.agreement_id != agreement.pk or previous.training_days != days:
            raise LedgerKeyReused(
                _("This conversion request key was already used for another one.")
            )
        return previous
    _refuse_after_conversion_end(today)
    ratio = program_settings_get().training_days_per_planning_day
    if days % ratio:
        raise ConversionNotWhole(
            _(
                "%(days)s training days do not make whole planning days at %(ratio)s training "
                "days per planning day; convert %(lower)s or %(higher)s (R-TRN-1)."
            )
            % {
                "days": days,
                "ratio": ratio,
                "lower": days - days % ratio,
                "higher": days - days % ratio + ratio,
            },
            details={"training_days": days, "training_days_per_planning_day": ratio},
        )
    accounts = ledger_lock(agreement=agreement, kinds=CONVERSION_ACCOUNTS)
    before = {str(kind): accounts[kind].balance for kind in CONVERSION_ACCOUNTS}
    conversion = TrainingConversion.objects.create(
        agreement=agreement,
        request_key=conversion_key,
        training_days=days,
        planning_days=days // ratio,
        training_days_per_planning_day=ratio,
        converted_on=today,
        converted_at=at,
        converted_by_id=actor.user_id,
        converted_by_label=actor.email,
    )
    memo = f"{days} training days converted into {days // ratio} planning days"
    for source, destination, amount, suffix in (
        (AccountKind.TRAINING, AccountKind.TRAINING_CONVERTED, days, "training"),
        (AccountKind.ISSUED, AccountKind.AVAILABLE, days // ratio, "planning"),
    ):
        ledger_move(
            agreement=agreement,
            source=source,
            destination=destination,
            days=amount,
            cause=EntryCause.CONVERSION,
            cause_id=str(conversion.pk),
            effective_date=today,
            idempotency_key=f"conversion:{conversion_key}:{suffix}",
            actor=actor,
            at=at,
            memo=memo,
        )
    audit_record(
        actor=actor,
        action=AuditEventType.TRAINING_CONVERSION_CREATED,
        subject=conversion,
        at=at,
        program_date=today,
        organisation_id=agreement.customer_id,
        before=before,
        after={
            "licensing_id": agreement.licensing_id,
            "training_days": days,
            "planning_days": days // ratio,
            "ratio": ratio,
        },
    )
    return conversion
