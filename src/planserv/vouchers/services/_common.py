"""Shared by the voucher services: the lock order, recipients, audit, and guards.

Lock order (STYLE.md principle 8), the same in every service and in the sweep:
  1. the customer organisation row (creation only: serialises R-CAP-1 across agreements),
  2. the agreement's ledger accounts in primary-key order (`ledger_lock`),
  3. the voucher row (`select_for_update`), re-read with `expiry_passed` for today annotated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from planserv.accounts.models import Membership
from planserv.audit.events import AuditEventType
from planserv.audit.models import AuditEvent
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.config_cache import note_version, version_column
from planserv.core.formatting import long_date
from planserv.core.types import Role, roles_holding
from planserv.customers.ledger.services import ledger_lock
from planserv.notifications.messages import Recipient
from planserv.program.calendar import ProgramCalendar
from planserv.vouchers.errors import (
    AlreadyRedeemed,
    AlreadyReserved,
    VoucherCancelled,
    VoucherExpired,
    VoucherNotFound,
)
from planserv.vouchers.events import VoucherEvent, VoucherState, VoucherTransition
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import Voucher
from planserv.vouchers.rules import expiry_passed_flag, redeem_by
from planserv.webhooks.models import WebhookEvent
from planserv.webhooks.services import webhook_emit


def lock_voucher(voucher: Voucher, *, today: dt.date, ledger_kinds: Sequence[str] = ()) -> Voucher:
    """Lock the agreement's ledger accounts named (if any), then the voucher row; return the
    voucher re-read under the lock, with `past_expiry` computed by the one expiry predicate."""
    if ledger_kinds:  # by the agreement's id: the voucher in hand need not carry the agreement
        ledger_lock(agreement_id=voucher.agreement_id, kinds=ledger_kinds)
    return locked_voucher(pk=voucher.pk, today=today)


def locked_voucher(*, pk: int, today: dt.date) -> Voucher:
    """The voucher row locked, with what the checks need joined, the one expiry predicate, and
    the configuration token (core.config_cache) read in the same statement and noted for the
    transaction, so the cached calendar, catalogue and subscriptions cost no statement."""
    voucher = (
        Voucher.objects.select_for_update(of=("self",))
        .select_related("agreement", "customer", "engagement_type__offering", "holder")
        .annotate(past_expiry=expiry_passed_flag(today), config_version=version_column())
        .get(pk=pk)
    )
    note_version(voucher.config_version)
    return voucher


def refuse_if_expired(voucher: Voucher, *, today: dt.date) -> None:
    """R-EXP-2: the dates decide at the moment of the action, whether or not the sweep ran."""
    if voucher.status == VoucherStatus.EXPIRED or getattr(voucher, "past_expiry", False):
        raise VoucherExpired(
            _(
                "Voucher %(voucher)s expired: it was usable through %(expiry)s and today is "
                "%(today)s (R-EXP-2)."
            )
            % {
                "voucher": voucher.display_id,
                "expiry": long_date(voucher.expiry_date),
                "today": long_date(today),
            },
            details={"voucher_id": voucher.voucher_id, "expiry_date": voucher.expiry_date},
        )


def refuse_final(voucher: Voucher) -> None:
    """R-RED-3 and R-VOU-7: a redeemed or cancelled voucher accepts no further act."""
    if voucher.status == VoucherStatus.REDEEMED:
        raise AlreadyRedeemed(
            _(
                "Voucher %(voucher)s was redeemed on %(redeemed_on)s; a redeemed voucher is final "
                "(R-RED-3)."
            )
            % {"voucher": voucher.display_id, "redeemed_on": long_date(voucher.redeemed_on)},
            details={"voucher_id": voucher.voucher_id, "status": voucher.status},
        )
    if voucher.status == VoucherStatus.CANCELLED:
        raise VoucherCancelled(
            _("Voucher %(voucher)s was cancelled by the customer (R-VOU-7).")
            % {"voucher": voucher.display_id},
            details={"voucher_id": voucher.voucher_id, "status": voucher.status},
        )


def already_reserved(voucher: Voucher, *, by_you: bool) -> AlreadyReserved:
    if by_you:
        sentence = _(
            "Voucher %(voucher)s is already reserved by your firm; a voucher has at most one "
            "reservation and the first partner wins (R-RES-3)."
        )
    else:
        sentence = _(
            "Voucher %(voucher)s is already reserved by another partner; a voucher has at most "
            "one reservation and the first partner wins (R-RES-3)."
        )
    return AlreadyReserved(
        sentence % {"voucher": voucher.display_id},
        details={"voucher_id": voucher.voucher_id, "status": voucher.status},
    )


def voucher_not_found(voucher_id: str) -> VoucherNotFound:
    return VoucherNotFound(
        _("There is no voucher %(voucher)s for you (R-ROLE-1).") % {"voucher": repr(voucher_id)},
        details={"voucher_id": voucher_id[:40]},
    )


def require_holder(actor: Actor, voucher: Voucher) -> None:
    """A partner acts only on a voucher its firm holds; anything else is not found (R-ROLE-1)."""
    if actor.is_system:
        return
    if not actor.is_partner or voucher.holder_id != actor.organisation_id:
        raise voucher_not_found(voucher.voucher_id)


def require_customer(actor: Actor, voucher: Voucher) -> None:
    if actor.is_system:
        return
    if not actor.is_customer or voucher.customer_id != actor.organisation_id:
        raise voucher_not_found(voucher.voucher_id)


def customer_recipients(voucher: Voucher) -> list[Recipient]:
    """The customer side of a voucher: its assignee and the customer's benefits admins. One query
    reads the admins and, when the assignee has an account with the customer, the assignee's
    language preference (their e-mail is written in it)."""
    assignee = voucher.assignee_email.strip().lower()
    members = list(
        Membership.objects.filter(
            organisation_id=voucher.customer_id, is_active=True, user__is_active=True
        )
        .filter(Q(role=Role.BENEFITS_ADMIN) | Q(user__email__iexact=assignee))
        .select_related("user")
        .order_by("user__email", "pk")
    )
    language = (
        next((m.user.language for m in members if m.user.email.strip().lower() == assignee), "")
        or settings.LANGUAGE_CODE
    )
    recipients = [Recipient(voucher.assignee_email, "", voucher.customer_id, language)]
    recipients += [
        Recipient.of_user(m.user, voucher.customer_id)
        for m in members
        if m.role == Role.BENEFITS_ADMIN
    ]
    return recipients


def partner_recipients(organisation_id: int) -> list[Recipient]:
    """The firm's partner admins (they act in the voucher tool)."""
    admins = (
        Membership.objects.filter(
            organisation_id=organisation_id,
            role__in=roles_holding(Role.PARTNER_ADMIN),
            is_active=True,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__email", "pk")
    )
    return [Recipient.of_user(m.user, organisation_id) for m in admins]


def voucher_state(voucher: Voucher) -> VoucherState:
    return VoucherState(
        status=voucher.status, holder=voucher.holder_id, expiry_date=voucher.expiry_date
    )


def audit_voucher(
    *,
    actor: Actor,
    voucher: Voucher,
    event: VoucherEvent,
    today: dt.date,
    at: dt.datetime,
    reason: str = "",
) -> AuditEvent:
    """One typed audit event on the voucher (its history is read back from these, R-VOU audit
    trail), and its webhook event for the customer and the firms concerned (REL-13)."""
    recorded = audit_record(
        actor=actor,
        event=event,
        subject=("vouchers.voucher", str(voucher.pk)),
        subject_label=f"Voucher {voucher.display_id}",
        at=at,
        program_date=today,
        reason=reason,
    )
    webhook_event = WEBHOOK_EVENTS.get(event.event_type)
    if webhook_event is not None:
        before_holder = event.previous.holder if isinstance(event, VoucherTransition) else None
        webhook_emit(
            event=webhook_event,
            subject_ref=f"voucher:{voucher.display_id}",
            organisation_ids=(voucher.customer_id, voucher.holder_id, before_holder),
            data=voucher_webhook_data(voucher, event),
            at=at,
        )
    return recorded


# The voucher events a subscriber can receive (docs/webhooks.md); the others are not sent.
WEBHOOK_EVENTS = {
    AuditEventType.VOUCHER_CREATED_AND_ASSIGNED: WebhookEvent.VOUCHER_ASSIGNED,
    AuditEventType.VOUCHER_RESERVED: WebhookEvent.VOUCHER_RESERVED,
    AuditEventType.VOUCHER_RELEASED: WebhookEvent.VOUCHER_RELEASED,
    AuditEventType.VOUCHER_START_DATE_CHANGED: WebhookEvent.VOUCHER_DATE_CHANGED,
    AuditEventType.VOUCHER_DELIVERED: WebhookEvent.VOUCHER_REPORT_FILED,
    AuditEventType.VOUCHER_REDEEMED: WebhookEvent.VOUCHER_REDEEMED,
}


def voucher_webhook_data(voucher: Voucher, event: VoucherEvent | None = None) -> dict[str, Any]:
    """The `data` of a voucher's webhook event: the voucher as it is now, and what changed (the
    event's own fields, as its audit event stores them, without internal ids)."""
    data: dict[str, Any] = {
        "voucher_id": voucher.display_id,
        "status": voucher.status,
        "days": voucher.days,
        "expiry_date": voucher.expiry_date.isoformat(),
    }
    if event is not None:
        change = {k: v for k, v in (event.after_json() or {}).items() if k != "holder"}
        change.pop("voucher_id", None)
        data["change"] = change
    return data


def redeem_by_date(voucher: Voucher, calendar: ProgramCalendar) -> dt.date:
    return redeem_by(voucher.expiry_date, calendar)
