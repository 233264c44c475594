"""Operator bulk reassignment with a dry run (R-VOU-1, R-VOU-5; docs/operator.md): the shared
selection, plan and run of services/bulk.py."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from planserv.accounts.models import User
from planserv.core.actor import Actor
from planserv.core.types import Role
from planserv.notifications.messages import Recipient, VoucherAssignedMessage, send
from planserv.program.calendar import ProgramCalendar, calendar_get
from planserv.vouchers.errors import AssigneeUnchanged, InvalidAssignee
from planserv.vouchers.events import VoucherReassigned
from planserv.vouchers.models import Voucher
from planserv.vouchers.rules import redeem_by
from planserv.vouchers.selectors import project_managers_of
from planserv.vouchers.services._common import audit_voucher
from planserv.vouchers.services.bulk import (
    BulkItem,
    BulkResult,
    VoucherSelection,
    changed_item,
    live_refusal,
    refused_item,
    require_reason,
    run_plan,
    selected_vouchers,
)


def _project_managers(voucher: Voucher, email: str, cache: dict[int, User | None]) -> User | None:
    if voucher.customer_id not in cache:
        membership = (
            project_managers_of(voucher.customer_id)
            .filter(user__email__iexact=email)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        cache[voucher.customer_id] = membership.user if membership else None
    return cache[voucher.customer_id]


def _plan_reassign(
    voucher: Voucher, *, email: str, today: dt.date, cache: dict[int, User | None]
) -> tuple[BulkItem, User | None]:
    before = voucher.assignee_email
    error = live_refusal(voucher, today)
    user = None
    if error is None:
        user = _project_managers(voucher, email, cache)
        if user is None:
            error = InvalidAssignee(
                _(
                    "%(assignee)s is not a project manager of %(name)s; a voucher is assigned to one of "
                    "its customer's project managers (R-VOU-1)."
                )
                % {"assignee": email or _("The new assignee"), "name": voucher.customer.name}
            )
        elif user.pk == voucher.assignee_id:
            error = AssigneeUnchanged(
                _("Voucher %(display_id)s is already assigned to %(assignee_email)s.")
                % {"display_id": voucher.display_id, "assignee_email": voucher.assignee_email}
            )
    if error is not None or user is None:
        assert error is not None
        return refused_item(voucher, error, before), None
    message = f"Assigned to {user.email} instead of {before}; {user.email} is emailed the voucher."
    return changed_item(voucher, message, before, user.email), user


def vouchers_reassign_bulk(
    *,
    selection: VoucherSelection,
    assignee_email: str,
    reason: str,
    dry_run: bool,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> BulkResult:
    """Give the selected live vouchers a new assignee, a project manager of each voucher's
    customer (R-VOU-1), emailed like at creation (R-VOU-5); a dry run changes nothing.
    Raises Forbidden, BulkReasonRequired, BulkSelectionInvalid (per-voucher refusals are items)."""
    actor.require_role(Role.PROGRAM_ADMIN, action=_("reassign vouchers"))
    text = require_reason(reason)
    email = (assignee_email or "").strip()[:254]
    calendar = calendar_get()
    plans: list[tuple[Voucher, User]] = []

    def plan(lock: bool) -> BulkResult:
        vouchers, refused = selected_vouchers(selection, lock=lock)
        result = BulkResult("reassign", dry_run, list(refused))
        cache: dict[int, User | None] = {}
        for voucher in vouchers:
            item, user = _plan_reassign(voucher, email=email, today=today, cache=cache)
            result.items.append(item)
            if user is not None:
                plans.append((voucher, user))
        return result

    def apply(result: BulkResult) -> None:
        for voucher, user in plans:
            _reassign_one(
                voucher, user, calendar=calendar, reason=text, actor=actor, today=today, at=at
            )

    return run_plan(dry_run=dry_run, plan=plan, apply=apply)


def _reassign_one(
    voucher: Voucher,
    user: User,
    *,
    calendar: ProgramCalendar,
    reason: str,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> None:
    previous = voucher.assignee_email
    voucher.assignee = user
    voucher.assignee_email = user.email
    voucher.save(update_fields=["assignee", "assignee_email"])
    audit_voucher(
        actor=actor,
        voucher=voucher,
        event=VoucherReassigned(
            voucher_id=voucher.voucher_id, previous_assignee=previous, assignee=user.email
        ),
        today=today,
        at=at,
        reason=reason,
    )
    message = VoucherAssignedMessage(
        voucher_id=voucher.display_id,
        engagement_type=voucher.engagement_type.name,
        service_level_days=voucher.days,
        assigned_on=voucher.assigned_on,
        expiry_date=voucher.expiry_date,
        redeem_by=redeem_by(voucher.expiry_date, calendar),
        customer_name=voucher.customer.name,
        licensing_id=voucher.agreement.licensing_id,
        recipients=[Recipient.of_user(user, voucher.customer_id)],
    )
    send(message, at=at)
