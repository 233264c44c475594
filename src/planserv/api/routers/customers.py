"""API operations of the customers domain (api.md): agreements, activation, conversions, ledger,
and the operator's agreement creation, grants and corrections."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.responses import Status

from planserv.api.auth import actor_of
from planserv.api.pagination import Page, cursor_paginate
from planserv.api.schemas.common import ERRORS
from planserv.api.schemas.customers import (
    AgreementCreateIn,
    AgreementFilters,
    AgreementOut,
    BalancesOut,
    ConversionIn,
    ConversionOut,
    CorrectionIn,
    CoverageOut,
    CustomerRefOut,
    GrantIn,
    LedgerEntryOut,
)
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.types import Role
from planserv.customers.models import LedgerEntry, LicensingAgreement, TrainingConversion
from planserv.customers.selectors import (
    access_agreement_for_actor,
    access_agreement_for_customer,
    access_agreement_for_operator,
    agreement_balances,
    agreement_list_for_actor,
    customer_get,
    customer_public_id,
    days_granted,
    entry_for_agreement,
    ledger_entries_for_agreement,
)
from planserv.customers.services import (
    agreement_activate,
    agreement_create,
    correction_post,
    manual_grant,
    training_convert,
    training_grant,
)

router = Router(tags=["customers"])


def agreement_out(agreement: LicensingAgreement) -> AgreementOut:
    balances = agreement_balances(agreement)
    return AgreementOut(
        licensing_id=agreement.licensing_id,
        customer=CustomerRefOut(
            public_id=agreement.customer.public_id, name=agreement.customer.name
        ),
        agreement_type=agreement.agreement_type,
        start_date=agreement.start_date,
        end_date=agreement.end_date,
        activated=agreement.is_activated,
        activated_on=agreement.activated_on,
        coverage=[
            CoverageOut(product_pool=line.product_pool, quantity=line.quantity)
            for line in agreement.coverage_lines.all()
        ],
        balances=BalancesOut(**balances),
        days_granted=days_granted(balances),
    )


def entry_out(entry: LedgerEntry) -> LedgerEntryOut:
    return LedgerEntryOut(
        id=entry.pk,
        effective_date=entry.effective_date,
        recorded_at=entry.created_at,
        source=entry.source.kind,
        destination=entry.destination.kind,
        days=entry.days,
        cause=entry.cause,
        cause_id=entry.cause_id,
        memo=entry.memo,
        reverses=entry.reverses_id,
    )


def conversion_out(conversion: TrainingConversion, agreement: LicensingAgreement) -> ConversionOut:
    return ConversionOut(
        id=conversion.pk,
        licensing_id=agreement.licensing_id,
        training_days=conversion.training_days,
        planning_days=conversion.planning_days,
        training_days_per_planning_day=conversion.training_days_per_planning_day,
        converted_on=conversion.converted_on,
        balances=BalancesOut(**agreement_balances(agreement)),
    )


def _reread(actor: Actor, licensing_id: str) -> LicensingAgreement:
    """The agreement as it is after the change, with its accounts."""
    return access_agreement_for_actor(actor=actor, licensing_id=licensing_id)


@router.get(
    "/agreements",
    response={200: Page[AgreementOut], **ERRORS},
    operation_id="listAgreements",
    summary="List agreements with balances",
)
def agreements_list(request: HttpRequest, filters: Query[AgreementFilters]) -> dict[str, object]:
    """Customer: its agreements; operator: every agreement. With balances per ledger account."""
    agreements = agreement_list_for_actor(actor_of(request))
    if filters.customer:
        agreements = agreements.filter(customer__public_id=customer_public_id(filters.customer))
    if filters.activated is not None:
        agreements = agreements.filter(activated_on__isnull=not filters.activated)
    return cursor_paginate(
        agreements,
        cursor=filters.cursor,
        limit=filters.limit,
        order=("licensing_id",),
        serialize=agreement_out,
    )


@router.post(
    "/agreements",
    response={201: AgreementOut, **ERRORS},
    operation_id="createAgreement",
    summary="Record a licensing agreement",
)
def agreements_create(request: HttpRequest, payload: AgreementCreateIn) -> Status[AgreementOut]:
    """program_admin: record a licensing agreement (accrual of begun coverage years is posted)."""
    actor = actor_of(request)
    actor.require_role(Role.PROGRAM_ADMIN, action=_("create licensing agreements"))
    agreement = agreement_create(
        customer=customer_get(public_id=payload.customer),
        licensing_id=payload.licensing_id,
        agreement_type=payload.agreement_type,
        start_date=payload.start_date,
        end_date=payload.end_date,
        coverage=payload.coverage,
        actor=actor,
        today=clock.today(),
        at=clock.now(),
    )
    return Status(201, agreement_out(_reread(actor, agreement.licensing_id)))


@router.get(
    "/agreements/{licensing_id}",
    response={200: AgreementOut, **ERRORS},
    operation_id="getAgreement",
    summary="Read one agreement with balances",
)
def agreements_get(request: HttpRequest, licensing_id: str) -> AgreementOut:
    actor = actor_of(request)
    return agreement_out(access_agreement_for_actor(actor=actor, licensing_id=licensing_id))


@router.post(
    "/agreements/{licensing_id}/activate",
    response={200: AgreementOut, **ERRORS},
    operation_id="activateAgreement",
    summary="Activate the Planning Services benefit",
)
def agreements_activate(request: HttpRequest, licensing_id: str) -> AgreementOut:
    """benefits_admin: activate the Planning Services benefit (R-ACT-1)."""
    actor = actor_of(request)
    actor.require_role(Role.BENEFITS_ADMIN, action=_("activate the Planning Services benefit"))
    agreement = access_agreement_for_customer(actor=actor, licensing_id=licensing_id)
    agreement_activate(agreement=agreement, actor=actor, today=clock.today(), at=clock.now())
    return agreement_out(_reread(actor, agreement.licensing_id))


@router.post(
    "/agreements/{licensing_id}/conversions",
    response={201: ConversionOut, **ERRORS},
    operation_id="convertTrainingDays",
    summary="Convert training days into planning days",
)
def agreements_convert(
    request: HttpRequest, licensing_id: str, payload: ConversionIn
) -> Status[ConversionOut]:
    """benefits_admin: convert training days into planning days (R-TRN-1)."""
    actor = actor_of(request)
    actor.require_role(Role.BENEFITS_ADMIN, action=_("convert training days"))
    agreement = access_agreement_for_customer(actor=actor, licensing_id=licensing_id)
    conversion = training_convert(
        agreement=agreement,
        training_days=payload.training_days,
        actor=actor,
        today=clock.today(),
        at=clock.now(),
    )
    return Status(201, conversion_out(conversion, _reread(actor, agreement.licensing_id)))


@router.get(
    "/agreements/{licensing_id}/ledger",
    response={200: Page[LedgerEntryOut], **ERRORS},
    operation_id="listLedgerEntries",
    summary="List an agreement's ledger entries",
)
def agreements_ledger(
    request: HttpRequest, licensing_id: str, cursor: str | None = None, limit: int | None = None
) -> dict[str, object]:
    """The agreement's ledger entries, newest first (cursor paginated)."""
    agreement = access_agreement_for_actor(actor=actor_of(request), licensing_id=licensing_id)
    return cursor_paginate(
        ledger_entries_for_agreement(agreement=agreement),
        cursor=cursor,
        limit=limit,
        order=("-id",),
        serialize=entry_out,
    )


@router.post(
    "/agreements/{licensing_id}/grants",
    response={201: LedgerEntryOut, **ERRORS},
    operation_id="grantDays",
    summary="Grant planning or training days",
)
def agreements_grant(
    request: HttpRequest, licensing_id: str, payload: GrantIn
) -> Status[LedgerEntryOut]:
    """program_admin: grant planning days (available) or training days (training), with a reason."""
    actor = actor_of(request)
    actor.require_role(Role.PROGRAM_ADMIN, action=_("grant days"))
    agreement = access_agreement_for_operator(actor=actor, licensing_id=licensing_id)
    today, at = clock.today(), clock.now()
    if payload.account == "training":
        entry = training_grant(
            agreement=agreement,
            training_days=payload.days,
            reason=payload.reason,
            actor=actor,
            today=today,
            at=at,
        )
    else:
        entry = manual_grant(
            agreement=agreement,
            days=payload.days,
            reason=payload.reason,
            actor=actor,
            today=today,
            at=at,
        )
    return Status(201, entry_out(entry))


@router.post(
    "/agreements/{licensing_id}/ledger/{entry_id}/corrections",
    response={201: LedgerEntryOut, **ERRORS},
    operation_id="correctLedgerEntry",
    summary="Reverse a ledger entry with a reason",
)
def agreements_correct(
    request: HttpRequest, licensing_id: str, entry_id: int, payload: CorrectionIn
) -> Status[LedgerEntryOut]:
    """program_admin: reverse an entry (accrual, grant, removal, correction) with a reason."""
    actor = actor_of(request)
    actor.require_role(Role.PROGRAM_ADMIN, action=_("correct ledger entries"))
    agreement = access_agreement_for_operator(actor=actor, licensing_id=licensing_id)
    correction = correction_post(
        entry=entry_for_agreement(agreement=agreement, entry_id=entry_id),
        reason=payload.reason,
        actor=actor,
        today=clock.today(),
        at=clock.now(),
    )
    return Status(201, entry_out(correction))
