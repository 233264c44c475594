"""Operator bulk operations on vouchers, each with a dry run (docs/operator.md).

- `vouchers_extend_expiry_bulk`: extend the expiry of a selection as one policy extension
  (domain.md section 2, R-EXT-1), never past the last redemption day (R-RED-1);
- `vouchers_reassign_bulk` (services/reassign.py): give a selection a new assignee, a project
  manager of the voucher's customer (R-VOU-1), who is emailed like at creation (R-VOU-5).

Both take a `VoucherSelection` (explicit voucher ids, or filters), plan every voucher on its own
(`BulkItem`: would change, or refused with a code and a sentence) and, unless `dry_run`, apply the
same plan in one transaction under row locks (the plan is recomputed under the locks, so what was
shown and what is applied differ only if a voucher changed in between). Every changed voucher
gets its own audit event; refused vouchers are listed, never silently skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.errors import DomainError
from planserv.core.formatting import days, long_date
from planserv.core.types import Role
from planserv.program.calendar import ProgramCalendar, calendar_get
from planserv.program.models import PolicyExtension
from planserv.program.services import policy_extension_record_bulk
from planserv.vouchers import voucher_id as voucher_ids
from planserv.vouchers.errors import (
    AfterLastRedemptionDay,
    AlreadyRedeemed,
    BulkReasonRequired,
    BulkSelectionInvalid,
    ExtensionNotUseful,
    VoucherCancelled,
    VoucherExpired,
    VoucherNotFound,
)
from planserv.vouchers.events import VoucherExpiryExtended
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import Voucher, VoucherExpiryExtension
from planserv.vouchers.services._common import audit_voucher

MAX_SELECTION = 1000
MIN_REASON = 10
MAX_EXTRA_DAYS = 366
CHANGE = "change"
REFUSED = "refused"


@dataclass(frozen=True)
class VoucherSelection:
    """Explicit voucher ids, or filters (at least one); not both."""

    voucher_ids: tuple[str, ...] = ()
    customer: str = ""  # the customer's public id
    engagement_type: str = ""  # code
    statuses: tuple[str, ...] = ()
    expiry_from: dt.date | None = None
    expiry_to: dt.date | None = None

    @property
    def has_filters(self) -> bool:
        return bool(
            self.customer
            or self.engagement_type
            or self.statuses
            or self.expiry_from
            or self.expiry_to
        )


@dataclass(frozen=True)
class BulkItem:
    voucher_id: str
    outcome: str  # CHANGE or REFUSED
    code: str = ""
    message: str = ""
    before: str = ""
    after: str = ""
    customer: str = ""


@dataclass
class BulkResult:
    operation: str
    dry_run: bool
    items: list[BulkItem] = field(default_factory=list)
    policy_id: int | None = None

    @property
    def changed(self) -> int:
        return sum(1 for item in self.items if item.outcome == CHANGE)

    @property
    def refused(self) -> int:
        return sum(1 for item in self.items if item.outcome == REFUSED)

    @property
    def summary(self) -> str:
        verb = "would change" if self.dry_run else "changed"
        return f"{self.changed} voucher(s) {verb}, {self.refused} refused."


def require_reason(reason: str) -> str:
    text = " ".join((reason or "").split())
    if len(text) < MIN_REASON:
        raise BulkReasonRequired(
            _(
                "Give a reason of at least %(MIN_REASON)s characters; it is recorded in the "
                "audit of every voucher changed."
            )
            % {"MIN_REASON": MIN_REASON},
            details={"min_length": MIN_REASON},
        )
    return text[:1000]


def _base(selection: VoucherSelection) -> tuple[QuerySet[Voucher], list[BulkItem]]:
    """The selected vouchers, and refusals for explicit ids that are malformed or unknown."""
    vouchers = Voucher.objects.select_related("customer", "agreement__customer", "engagement_type")
    if selection.voucher_ids and selection.has_filters:
        raise BulkSelectionInvalid(
            _("Select vouchers either by their ids or by filters, not both.")
        )
    if selection.voucher_ids:
        canonical, refused = [], []
        for typed in dict.fromkeys(text.strip() for text in selection.voucher_ids if text.strip()):
            try:
                canonical.append(voucher_ids.parse(typed))
            except DomainError as error:
                refused.append(BulkItem(typed[:20], REFUSED, error.code, error.message))
        known = set(
            Voucher.objects.filter(voucher_id__in=canonical).values_list("voucher_id", flat=True)
        )
        refused += [
            BulkItem(
                voucher_ids.display(code),
                REFUSED,
                VoucherNotFound.code,
                f"There is no voucher {voucher_ids.display(code)}.",
            )
            for code in canonical
            if code not in known
        ]
        return vouchers.filter(voucher_id__in=canonical), refused
    if not selection.has_filters:
        raise BulkSelectionInvalid(
            _(
                "Choose at least one filter (customer, engagement type, status, expiry range) or "
                "list voucher ids: a bulk operation never selects every voucher by default."
            )
        )
    if selection.customer:
        vouchers = vouchers.filter(customer__public_id=selection.customer.strip())
    if selection.engagement_type:
        vouchers = vouchers.filter(engagement_type__code=selection.engagement_type.strip())
    if selection.statuses:
        vouchers = vouchers.filter(status__in=list(selection.statuses))
    if selection.expiry_from:
        vouchers = vouchers.filter(expiry_date__gte=selection.expiry_from)
    if selection.expiry_to:
        vouchers = vouchers.filter(expiry_date__lte=selection.expiry_to)
    return vouchers, []


def selected_vouchers(
    selection: VoucherSelection, *, lock: bool
) -> tuple[list[Voucher], list[BulkItem]]:
    vouchers, refused = _base(selection)
    if vouchers.count() > MAX_SELECTION:
        raise BulkSelectionInvalid(
            _("The selection holds more than %(MAX_SELECTION)s vouchers; narrow it down.")
            % {"MAX_SELECTION": MAX_SELECTION},
            details={"max": MAX_SELECTION},
        )
    if lock:
        # Lock order: voucher rows by primary key (no ledger account changes here).
        pks = list(
            Voucher.objects.select_for_update()
            .filter(pk__in=vouchers.values("pk"))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        vouchers = vouchers.filter(pk__in=pks)
    return list(vouchers.order_by("expiry_date", "pk")), refused


def live_refusal(voucher: Voucher, today: dt.date) -> DomainError | None:
    """Only a live voucher, usable today, takes a bulk change (R-RED-3, R-VOU-7, R-EXP-2)."""
    if voucher.status == VoucherStatus.REDEEMED:
        return AlreadyRedeemed(
            _("Voucher %(display_id)s is redeemed: it is final (R-RED-3).")
            % {"display_id": voucher.display_id}
        )
    if voucher.status == VoucherStatus.CANCELLED:
        return VoucherCancelled(
            _("Voucher %(display_id)s was cancelled (R-VOU-7).")
            % {"display_id": voucher.display_id}
        )
    if voucher.status == VoucherStatus.EXPIRED or voucher.expiry_date < today:
        return VoucherExpired(
            _(
                "Voucher %(display_id)s expired: it was usable through %(expiry_date)s "
                "(R-EXP-2); an expired voucher is not revived."
            )
            % {"display_id": voucher.display_id, "expiry_date": long_date(voucher.expiry_date)}
        )
    return None


def refused_item(voucher: Voucher, error: DomainError, before: str) -> BulkItem:
    return BulkItem(
        voucher.display_id, REFUSED, error.code, error.message, before, "", voucher.customer.name
    )


def changed_item(voucher: Voucher, message: str, before: str, after: str) -> BulkItem:
    return BulkItem(voucher.display_id, CHANGE, "", message, before, after, voucher.customer.name)


def _plan_extension(
    voucher: Voucher, *, extra_days: int, today: dt.date, calendar: ProgramCalendar
) -> tuple[BulkItem, dt.date | None]:
    """R-EXT-1 per voucher: + extra_days, never past the last redemption day (R-RED-1)."""
    before = voucher.expiry_date.isoformat()
    last = calendar.last_redemption_date
    error = live_refusal(voucher, today)
    if error is None and today > last:
        error = AfterLastRedemptionDay(
            _("The last redemption day was %(last)s: a longer expiry no longer helps (R-RED-1).")
            % {"last": long_date(last)}
        )
    if error is None and voucher.expiry_date >= last:
        error = ExtensionNotUseful(
            _(
                "Voucher %(display_id)s is usable through %(expiry_date)s, already up to the "
                "last redemption day (%(last)s); it cannot be redeemed later than that, so there "
                "is nothing to extend (R-RED-1)."
            )
            % {
                "display_id": voucher.display_id,
                "expiry_date": long_date(voucher.expiry_date),
                "last": long_date(last),
            }
        )
    if error is not None:
        return refused_item(voucher, error, before), None
    wanted = voucher.expiry_date + dt.timedelta(days=extra_days)
    new_expiry = min(wanted, last)
    message = f"Usable through {long_date(new_expiry)} instead of {long_date(voucher.expiry_date)}"
    if new_expiry < wanted:
        gained = (new_expiry - voucher.expiry_date).days
        message += f"; capped at the last redemption day, +{days(gained)} (R-RED-1)"
    return changed_item(voucher, message + ".", before, new_expiry.isoformat()), new_expiry


def _check_extra_days(extra_days: int) -> None:
    if isinstance(extra_days, bool) or not 1 <= extra_days <= MAX_EXTRA_DAYS:
        raise BulkSelectionInvalid(
            _("Extend by 1 to %(MAX_EXTRA_DAYS)s days, not %(extra_days)r.")
            % {"MAX_EXTRA_DAYS": MAX_EXTRA_DAYS, "extra_days": extra_days},
            details={"extra_days": str(extra_days)},
        )


def run_plan(
    *, dry_run: bool, plan: Callable[[bool], BulkResult], apply: Callable[[BulkResult], None]
) -> BulkResult:
    if dry_run:
        return plan(False)
    with transaction.atomic():
        result = plan(True)
        apply(result)
    return result


def vouchers_extend_expiry_bulk(
    *,
    selection: VoucherSelection,
    extra_days: int,
    reason: str,
    name: str = "",
    dry_run: bool,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> BulkResult:
    """Extend the expiry of the selected vouchers by `extra_days` as one policy extension
    (R-EXT-1), capped at the last redemption day (R-RED-1); a dry run changes nothing.
    Raises Forbidden, BulkReasonRequired, BulkSelectionInvalid (per-voucher refusals are items)."""
    actor.require_role(Role.PROGRAM_ADMIN, action=_("extend voucher expiry in bulk"))
    text = require_reason(reason)
    _check_extra_days(extra_days)
    calendar = calendar_get()
    plans: dict[str, tuple[Voucher, dt.date]] = {}

    def plan(lock: bool) -> BulkResult:
        vouchers, refused = selected_vouchers(selection, lock=lock)
        result = BulkResult("extend_expiry", dry_run, list(refused))
        for voucher in vouchers:
            item, new_expiry = _plan_extension(
                voucher, extra_days=extra_days, today=today, calendar=calendar
            )
            result.items.append(item)
            if new_expiry is not None:
                plans[voucher.display_id] = (voucher, new_expiry)
        return result

    def apply(result: BulkResult) -> None:
        if not plans:
            return
        policy = policy_extension_record_bulk(
            name=name.strip() or f"Bulk expiry extension +{days(extra_days)} ({long_date(today)})",
            reason=text,
            extra_days=extra_days,
            actor=actor,
            today=today,
            at=at,
        )
        result.policy_id = policy.pk
        for voucher, new_expiry in plans.values():
            _extend_one(
                voucher, new_expiry, policy=policy, reason=text, actor=actor, at=at, today=today
            )
        audit_record(
            actor=actor,
            action=AuditEventType.POLICY_EXTENSION_APPLIED,
            subject=policy,
            at=at,
            program_date=today,
            after={"changed": result.changed, "refused": result.refused},
            reason=text,
        )

    return run_plan(dry_run=dry_run, plan=plan, apply=apply)


def _extend_one(
    voucher: Voucher,
    new_expiry: dt.date,
    *,
    policy: PolicyExtension,
    reason: str,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> None:
    previous = voucher.expiry_date
    VoucherExpiryExtension.objects.create(
        voucher=voucher,
        policy=policy,
        extra_days=(new_expiry - previous).days,
        previous_expiry_date=previous,
        expiry_date=new_expiry,
        applied_on=today,
        applied_at=at,
        applied_by="operator",
    )
    voucher.expiry_date = new_expiry
    voucher.save(update_fields=["expiry_date"])
    audit_voucher(
        actor=actor,
        voucher=voucher,
        event=VoucherExpiryExtended(
            voucher_id=voucher.voucher_id,
            previous_expiry_date=previous,
            expiry_date=new_expiry,
            extra_days=(new_expiry - previous).days,
            policy_id=policy.pk,
            policy=policy.name,
        ),
        today=today,
        at=at,
        reason=reason,
    )
