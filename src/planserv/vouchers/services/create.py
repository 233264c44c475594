"""Create and assign (seed step 4; R-VOU-1..7, R-CAP-1, R-ACT-1, R-EXT-1) and cancel."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from planserv.accounts.models import Membership, Organisation, User
from planserv.core.actor import Actor
from planserv.core.config_cache import note_version, version_column
from planserv.core.formatting import long_date
from planserv.core.types import OrganisationKind, Role
from planserv.customers.errors import AgreementNotFound
from planserv.customers.ledger.accounts import AccountKind, EntryCause
from planserv.customers.ledger.services import ledger_lock, ledger_move
from planserv.customers.models import LicensingAgreement
from planserv.notifications.messages import Recipient, VoucherAssignedMessage, send
from planserv.program.calendar import ProgramCalendar, calendar_get, program_settings_cached
from planserv.program.models import EngagementType
from planserv.vouchers import voucher_id as voucher_ids
from planserv.vouchers.errors import (
    AfterLastCreateDay,
    AgreementNotActivated,
    AgreementNotActive,
    CloudEngagementRetired,
    EngagementTypeCapExceeded,
    InsufficientDays,
    InvalidAssignee,
    InvalidNominatedPartner,
    InvalidServiceLevel,
    VoucherIsReserved,
)
from planserv.vouchers.events import AppliedExtension, VoucherCancelled, VoucherCreatedAndAssigned
from planserv.vouchers.lifecycle import VoucherStatus, check_transition
from planserv.vouchers.models import DaysOutcome, Voucher, VoucherExpiryExtension
from planserv.vouchers.rules import (
    base_expiry,
    cap_group,
    days_return_on,
    expiry_passed,
    expiry_policies_at_creation,
    redeem_by,
)
from planserv.vouchers.services._common import (
    audit_voucher,
    lock_voucher,
    refuse_final,
    refuse_if_expired,
    require_customer,
    voucher_state,
)

MAX_TEXT = 200


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())[:MAX_TEXT]


def _check_dates(
    engagement_type: EngagementType, calendar: ProgramCalendar, today: dt.date
) -> None:
    if today > calendar.last_create_date:
        raise AfterLastCreateDay(
            _(
                "Vouchers can be created and assigned through %(last)s; today is %(today)s "
                "(R-VOU-3)."
            )
            % {"last": long_date(calendar.last_create_date), "today": long_date(today)},
            details={"last_create_date": calendar.last_create_date, "today": today},
        )
    if engagement_type.is_cloud and not calendar.cloud_open(today):
        raise CloudEngagementRetired(
            _("%(engagement_type)s is a cloud engagement: no new voucher from %(date)s (R-VOU-3).")
            % {
                "engagement_type": engagement_type.name,
                "date": long_date(calendar.last_cloud_date + dt.timedelta(days=1)),
            },
            details={
                "engagement_type": engagement_type.code,
                "last_cloud_date": calendar.last_cloud_date,
            },
        )


def _check_agreement(agreement: LicensingAgreement, today: dt.date) -> None:
    if not agreement.is_activated:
        raise AgreementNotActivated(
            _(
                "Planning Services are not activated on agreement %(agreement)s; a benefits "
                "admin activates them first (R-ACT-1)."
            )
            % {"agreement": agreement.licensing_id},
            details={"licensing_id": agreement.licensing_id},
        )
    if not agreement.is_active_on(today):
        raise AgreementNotActive(
            _(
                "Agreement %(agreement)s runs from %(start)s to %(end)s; vouchers are created "
                "only while it is active (R-VOU-1)."
            )
            % {
                "agreement": agreement.licensing_id,
                "start": long_date(agreement.start_date),
                "end": long_date(agreement.end_date),
            },
            details={"licensing_id": agreement.licensing_id, "end_date": agreement.end_date},
        )


def _check_service_level(engagement_type: EngagementType, days: int) -> None:
    allowed = engagement_type.allowed_service_levels()
    if isinstance(days, bool) or days not in allowed:
        raise InvalidServiceLevel(
            _(
                "%(engagement_type)s is offered in service levels of %(levels)s days, not "
                "%(days)s (R-VOU-1)."
            )
            % {
                "engagement_type": engagement_type.name,
                "levels": ", ".join(str(level) for level in allowed),
                "days": repr(days),
            },
            details={"days": str(days), "allowed": allowed},
        )


def _assignee(agreement: LicensingAgreement, email: str) -> User:
    address = (email or "").strip()
    membership = (
        Membership.objects.filter(
            organisation_id=agreement.customer_id,
            role=Role.PROJECT_MANAGER,
            is_active=True,
            user__is_active=True,
            user__email__iexact=address,
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        raise InvalidAssignee(
            _(
                "%(assignee)s is not a project manager of %(customer)s; a voucher is assigned "
                "to one of the customer's project managers (R-VOU-1)."
            )
            % {"assignee": address or _("The assignee"), "customer": agreement.customer.name},
            details={"assignee_email": address[:254]},
        )
    return membership.user


def _nominated(public_id: str | None) -> Organisation | None:
    if not public_id or not public_id.strip():
        return None
    firm = (
        Organisation.objects.filter(kind=OrganisationKind.PARTNER, public_id=public_id.strip())
        .order_by("pk")
        .first()
    )
    if firm is None:
        raise InvalidNominatedPartner(
            _("There is no partner firm with partner id %(partner)s to nominate.")
            % {"partner": repr(public_id.strip()[:32])},
            details={"nominated_partner": public_id.strip()[:32]},
        )
    return firm


def _check_cap(
    *,
    customer: Organisation,
    engagement_type: EngagementType,
    group: str,
    days: int,
    today: dt.date,
) -> None:
    """R-CAP-1 under the customer lock: live (by the dates) and redeemed vouchers of the group."""
    cap = program_settings_cached().engagement_type_cap_days
    live = Voucher.objects.filter(
        customer=customer,
        engagement_type=engagement_type,
        cap_group=group,
        status__in=[
            VoucherStatus.ASSIGNED,
            VoucherStatus.RESERVED,
            VoucherStatus.DELIVERED,
            VoucherStatus.REDEEMED,
        ],
    ).exclude(expiry_passed(today))
    used = int(live.aggregate(total=Sum("days"))["total"] or 0)
    if used + days > cap:
        raise EngagementTypeCapExceeded(
            _(
                "%(customer)s already has %(used)s days in live or redeemed %(engagement_type)s "
                "vouchers for this division and product scope; %(days)s more would exceed the "
                "cap of %(cap)s days. Name another division or product scope if the engagement "
                "is for one (R-CAP-1)."
            )
            % {
                "customer": customer.name,
                "used": used,
                "engagement_type": engagement_type.name,
                "days": days,
                "cap": cap,
            },
            details={"used": used, "days": days, "cap": cap},
        )


def _new_voucher_id() -> str:
    for _attempt in range(8):
        candidate = voucher_ids.generate()
        if not Voucher.objects.filter(voucher_id=candidate).exists():
            return candidate
    raise RuntimeError("Could not draw an unused voucher id.")  # 19^8 ids: practically never


@transaction.atomic
def voucher_create_and_assign(
    *,
    agreement: LicensingAgreement,
    engagement_type: EngagementType,
    days: int,
    assignee_email: str,
    division: str = "",
    product_scope: str = "",
    nominated_partner: str | None = None,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> Voucher:
    """R-VOU-1..6, R-CAP-1: a benefits admin creates a voucher and assigns it in one act; its days
    move available → held in the same transaction and the assignee is emailed (R-VOU-5).
    Raises Forbidden, AgreementNotFound (a foreign agreement), AgreementNotActivated, AgreementNotActive, AfterLastCreateDay, CloudEngagementRetired,
    InvalidServiceLevel, InvalidAssignee, InvalidNominatedPartner, EngagementTypeCapExceeded,
    InsufficientDays."""
    actor.require_role(Role.BENEFITS_ADMIN, action=_("create and assign vouchers"))
    if not actor.is_system and agreement.customer_id != actor.organisation_id:
        raise AgreementNotFound(
            _("There is no agreement %(agreement)s for you.")
            % {"agreement": agreement.licensing_id}
        )
    # Lock order: the customer row (R-CAP-1 across agreements), then the ledger accounts. The
    # configuration token comes with the customer row (core.config_cache): the calendar, the
    # settings and the webhook subscriptions below are the cached ones, no statement each.
    customer = (
        Organisation.objects.select_for_update()
        .annotate(config_version=version_column())
        .get(pk=agreement.customer_id)
    )
    note_version(customer.config_version)
    calendar = calendar_get()
    _check_dates(engagement_type, calendar, today)
    _check_service_level(engagement_type, days)
    accounts = ledger_lock(agreement=agreement, kinds=[AccountKind.AVAILABLE, AccountKind.HELD])
    agreement = LicensingAgreement.objects.select_related("customer").get(pk=agreement.pk)
    _check_agreement(agreement, today)
    assignee = _assignee(agreement, assignee_email)
    partner = _nominated(nominated_partner)
    group = cap_group(division, product_scope)
    _check_cap(
        customer=customer, engagement_type=engagement_type, group=group, days=days, today=today
    )
    available = accounts[AccountKind.AVAILABLE].balance
    if available < days:
        raise InsufficientDays(
            _(
                "Agreement %(agreement)s has %(available)s available days; a %(days)s-day "
                "voucher needs %(days)s (R-VOU-2)."
            )
            % {"agreement": agreement.licensing_id, "available": available, "days": days},
            details={"licensing_id": agreement.licensing_id, "available": available, "days": days},
        )
    voucher = _insert(
        agreement=agreement,
        engagement_type=engagement_type,
        days=days,
        assignee=assignee,
        division=_clean(division),
        product_scope=_clean(product_scope),
        group=group,
        partner=partner,
        calendar=calendar,
        actor=actor,
        today=today,
        at=at,
    )
    ledger_move(
        agreement=agreement,
        source=AccountKind.AVAILABLE,
        destination=AccountKind.HELD,
        days=days,
        cause=EntryCause.VOUCHER,
        cause_id=voucher.voucher_id,
        effective_date=today,
        idempotency_key=f"voucher:{voucher.voucher_id}:hold",
        actor=actor,
        at=at,
        memo=f"Voucher {voucher.display_id} created and assigned",
    )
    _record_creation(voucher, calendar=calendar, actor=actor, today=today, at=at)
    return voucher


def _insert(
    *,
    agreement: LicensingAgreement,
    engagement_type: EngagementType,
    days: int,
    assignee: User,
    division: str,
    product_scope: str,
    group: str,
    partner: Organisation | None,
    calendar: ProgramCalendar,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> Voucher:
    base = base_expiry(today, calendar.voucher_validity_days)
    policies = expiry_policies_at_creation(today)
    expiry = base + dt.timedelta(days=sum(policy.extra_days for policy in policies))
    voucher = Voucher.objects.create(
        voucher_id=_new_voucher_id(),
        agreement=agreement,
        customer_id=agreement.customer_id,
        engagement_type=engagement_type,
        days=days,
        assignee=assignee,
        assignee_email=assignee.email,
        division=division,
        product_scope=product_scope,
        cap_group=group,
        nominated_partner=partner,
        status=VoucherStatus.ASSIGNED,
        assigned_on=today,
        base_expiry_date=base,
        expiry_date=expiry,
        created_by_label=actor.email,
        assigned_at=at,
    )
    previous = base
    for policy in policies:
        VoucherExpiryExtension.objects.create(
            voucher=voucher,
            policy=policy,
            extra_days=policy.extra_days,
            previous_expiry_date=previous,
            expiry_date=previous + dt.timedelta(days=policy.extra_days),
            applied_on=today,
            applied_at=at,
            applied_by="creation",
        )
        previous += dt.timedelta(days=policy.extra_days)
    return voucher


def _record_creation(
    voucher: Voucher, *, calendar: ProgramCalendar, actor: Actor, today: dt.date, at: dt.datetime
) -> None:
    agreement = voucher.agreement
    audit_voucher(
        actor=actor,
        voucher=voucher,
        event=VoucherCreatedAndAssigned(
            voucher_id=voucher.voucher_id,
            status=voucher.status,
            licensing_id=agreement.licensing_id,
            engagement_type=voucher.engagement_type.code,
            engagement_type_name=voucher.engagement_type.name,
            days=voucher.days,
            assignee=voucher.assignee_email,
            division=voucher.division,
            product_scope=voucher.product_scope,
            nominated_partner=voucher.nominated_partner.public_id
            if voucher.nominated_partner
            else None,
            assigned_on=voucher.assigned_on,
            expiry_date=voucher.expiry_date,
            extensions=tuple(
                AppliedExtension(policy=e.policy.name, extra_days=e.extra_days)
                for e in voucher.extensions.select_related("policy").order_by("pk")
            ),
        ),
        today=today,
        at=at,
    )
    assignee = Recipient(
        voucher.assignee_email,
        voucher.assignee.full_name,
        voucher.customer_id,
        voucher.assignee.language or settings.LANGUAGE_CODE,
    )
    message = VoucherAssignedMessage(
        voucher_id=voucher.display_id,
        engagement_type=voucher.engagement_type.name,
        service_level_days=voucher.days,
        assigned_on=voucher.assigned_on,
        expiry_date=voucher.expiry_date,
        redeem_by=redeem_by(voucher.expiry_date, calendar),
        customer_name=agreement.customer.name,
        licensing_id=agreement.licensing_id,
        recipients=[assignee],
    )
    send(message, at=at)


@transaction.atomic
def voucher_cancel(*, voucher: Voucher, actor: Actor, today: dt.date, at: dt.datetime) -> Voucher:
    """R-VOU-7: the customer cancels an unreserved voucher; its days return to available, or are
    forfeited when returning is no longer allowed (the rule of R-EXP-1 on the cancellation date).
    Raises Forbidden, VoucherNotFound, VoucherExpired, VoucherIsReserved, AlreadyRedeemed,
    VoucherCancelled."""
    actor.require_role(Role.BENEFITS_ADMIN, action=_("cancel vouchers"))
    require_customer(actor, voucher)
    voucher = lock_voucher(
        voucher,
        today=today,
        ledger_kinds=[AccountKind.AVAILABLE, AccountKind.HELD, AccountKind.FORFEITED],
    )
    refuse_final(voucher)
    refuse_if_expired(voucher, today=today)
    if voucher.status in (VoucherStatus.RESERVED, VoucherStatus.DELIVERED):
        raise VoucherIsReserved(
            _(
                "Voucher %(voucher)s is reserved by a partner; only an unreserved voucher can be "
                "cancelled. The partner may release it first (R-VOU-7)."
            )
            % {"voucher": voucher.display_id},
            details={"voucher_id": voucher.voucher_id, "status": voucher.status},
        )
    check_transition(voucher.status, VoucherStatus.CANCELLED)
    before = voucher_state(voucher)
    calendar = calendar_get()
    agreement = voucher.agreement
    returns = days_return_on(
        agreement_start=agreement.start_date,
        agreement_end=agreement.end_date,
        day=today,
        removal_date=calendar.removal_date,
    )
    voucher.status = VoucherStatus.CANCELLED
    voucher.cancelled_at = at
    voucher.days_outcome = DaysOutcome.RETURNED if returns else DaysOutcome.FORFEITED
    voucher.save(update_fields=["status", "cancelled_at", "days_outcome"])
    ledger_move(
        agreement=agreement,
        source=AccountKind.HELD,
        destination=AccountKind.AVAILABLE if returns else AccountKind.FORFEITED,
        days=voucher.days,
        cause=EntryCause.VOUCHER,
        cause_id=voucher.voucher_id,
        effective_date=today,
        idempotency_key=f"voucher:{voucher.voucher_id}:cancel",
        actor=actor,
        at=at,
        memo=f"Voucher {voucher.display_id} cancelled",
    )
    audit_voucher(
        actor=actor,
        voucher=voucher,
        event=VoucherCancelled(
            voucher_id=voucher.voucher_id,
            previous=before,
            state=voucher_state(voucher),
            days=voucher.days,
            days_outcome=voucher.days_outcome,
        ),
        today=today,
        at=at,
    )
    return voucher
