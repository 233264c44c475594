"""Reads of the voucher lifecycle, and the access helpers the API and portal share (R-ROLE-1).

- A customer (any customer role) reads its own vouchers; a partner (any partner role) reads the
  vouchers its firm holds (an active reservation, kept after redemption or expiry); operators
  read every voucher. Anything else is not found. A mistyped id is refused (400) before lookup.
- Lists select and prefetch what a row shows, so their query count does not grow with rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils.translation import gettext as _

from planserv.accounts.models import Membership
from planserv.core.actor import Actor
from planserv.core.errors import Forbidden, InvalidInput
from planserv.core.types import Role
from planserv.program.calendar import ProgramCalendar
from planserv.program.models import DayRate
from planserv.vouchers import voucher_id as voucher_ids
from planserv.vouchers.errors import DeliverableNotFound, VoucherNotFound
from planserv.vouchers.history import HistoryEntry, voucher_history_for
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import CompletionReport, Deliverable, Reservation, Voucher
from planserv.vouchers.rules import redeem_by, usable_on

__all__ = [
    "Deadlines",
    "HistoryEntry",
    "access_deliverable",
    "access_voucher_for_actor",
    "access_voucher_for_customer",
    "access_voucher_for_operator",
    "access_voucher_for_partner",
    "access_voucher_held_for_write",
    "project_managers_of",
    "voucher_active_reservation",
    "voucher_current_report",
    "voucher_deadlines",
    "voucher_history_for",
    "voucher_list_for_actor",
    "voucher_list_for_customer",
    "voucher_list_for_operator",
    "voucher_list_for_partner",
    "vouchers_held_by_firm",
]


def _vouchers() -> QuerySet[Voucher]:
    active = Reservation.objects.filter(is_active=True).select_related("location", "partner")
    current = (
        CompletionReport.objects.filter(voided_at__isnull=True)
        .select_related("reservation")
        .prefetch_related(Prefetch("deliverables", queryset=Deliverable.objects.order_by("pk")))
    )
    return Voucher.objects.select_related(
        "agreement",
        "customer",
        "engagement_type__offering",
        "holder",
        "nominated_partner",
        "redeemed_location",
    ).prefetch_related(
        Prefetch("reservations", queryset=active.order_by("pk"), to_attr="active_reservations"),
        Prefetch("reports", queryset=current.order_by("pk"), to_attr="current_reports"),
    )


def _filtered(
    vouchers: QuerySet[Voucher], *, status: str | None, licensing_id: str | None
) -> QuerySet[Voucher]:
    if status:
        if status not in VoucherStatus.values:
            raise InvalidInput(
                _("%(status)r is not a voucher status (%(statuses)s).")
                % {"status": status[:20], "statuses": ", ".join(VoucherStatus.values)},
                details={"status": status[:20]},
            )
        vouchers = vouchers.filter(status=status)
    if licensing_id:
        vouchers = vouchers.filter(agreement__licensing_id=licensing_id.strip().upper())
    return vouchers.order_by("-assigned_at", "-id")


def voucher_list_for_customer(
    actor: Actor, *, status: str | None = None, licensing_id: str | None = None
) -> QuerySet[Voucher]:
    """The customer's own vouchers, newest first."""
    if not actor.is_customer:
        raise Forbidden(_("Only the customer reads its vouchers here (R-ROLE-1)."))
    return _filtered(
        _vouchers().filter(customer_id=actor.organisation_id),
        status=status,
        licensing_id=licensing_id,
    )


def voucher_list_for_partner(actor: Actor, *, status: str | None = None) -> QuerySet[Voucher]:
    """The vouchers the partner's firm holds (its active reservations), newest first."""
    if not actor.is_partner:
        raise Forbidden(_("Only a partner firm reads its reserved vouchers here (R-ROLE-1)."))
    return _filtered(
        _vouchers().filter(holder_id=actor.organisation_id), status=status, licensing_id=None
    )


def voucher_list_for_operator(
    actor: Actor, *, status: str | None = None, licensing_id: str | None = None
) -> QuerySet[Voucher]:
    if not actor.is_operator:
        raise Forbidden(_("Only the program operator reads every voucher (R-ROLE-1)."))
    return _filtered(_vouchers(), status=status, licensing_id=licensing_id)


def voucher_list_for_actor(
    actor: Actor, *, status: str | None = None, licensing_id: str | None = None
) -> QuerySet[Voucher]:
    """The list for whichever side the actor is on."""
    if actor.is_customer:
        return voucher_list_for_customer(actor, status=status, licensing_id=licensing_id)
    if actor.is_partner:
        return voucher_list_for_partner(actor, status=status)
    return voucher_list_for_operator(actor, status=status, licensing_id=licensing_id)


def _get(vouchers: QuerySet[Voucher], voucher_id: str) -> Voucher:
    canonical = voucher_ids.parse(voucher_id)  # InvalidVoucherId (400) before any lookup
    voucher = vouchers.filter(voucher_id=canonical).order_by("pk").first()
    if voucher is None:
        raise VoucherNotFound(
            _("There is no voucher %(voucher_ids)s for you (R-ROLE-1).")
            % {"voucher_ids": voucher_ids.display(canonical)},
            details={"voucher_id": canonical},
        )
    return voucher


def access_voucher_for_customer(*, actor: Actor, voucher_id: str) -> Voucher:
    return _get(voucher_list_for_customer(actor), voucher_id)


def access_voucher_for_partner(*, actor: Actor, voucher_id: str) -> Voucher:
    return _get(voucher_list_for_partner(actor), voucher_id)


def access_voucher_held_for_write(*, actor: Actor, voucher_id: str) -> Voucher:
    """The partner's held voucher addressed for a write (change date, release, report, redeem):
    the service locks and re-reads it, so the list's prefetches are not read here."""
    return _get(voucher_list_for_partner(actor).prefetch_related(None), voucher_id)


def access_voucher_for_operator(*, actor: Actor, voucher_id: str) -> Voucher:
    return _get(voucher_list_for_operator(actor), voucher_id)


def access_voucher_for_actor(*, actor: Actor, voucher_id: str) -> Voucher:
    """A voucher the actor may read (R-ROLE-1); VoucherNotFound otherwise."""
    return _get(voucher_list_for_actor(actor), voucher_id)


def voucher_active_reservation(voucher: Voucher) -> Reservation | None:
    """The reservation that holds the voucher (uses the prefetch of the lists when present)."""
    prefetched = getattr(voucher, "active_reservations", None)
    if prefetched is not None:
        return prefetched[0] if prefetched else None
    return (
        Reservation.objects.select_related("location", "partner")
        .filter(voucher=voucher, is_active=True)
        .order_by("pk")
        .first()
    )


def voucher_current_report(voucher: Voucher) -> CompletionReport | None:
    """The filed, not voided completion report, with its deliverables (R-DEL-2)."""
    prefetched = getattr(voucher, "current_reports", None)
    if prefetched is not None:
        return prefetched[0] if prefetched else None
    return (
        CompletionReport.objects.filter(voucher=voucher, voided_at__isnull=True)
        .prefetch_related("deliverables", "consultants")
        .order_by("-pk")
        .first()
    )


@dataclass(frozen=True)
class Deadlines:
    """The dates that matter for a voucher on `today` (R-VOU-6, R-RED-1)."""

    expiry_date: dt.date
    last_redemption_date: dt.date
    redeem_by: dt.date
    days_to_expiry: int
    days_to_redeem_by: int
    usable: bool

    @property
    def redemption_closes_first(self) -> bool:
        return self.redeem_by < self.expiry_date


def voucher_deadlines(voucher: Voucher, calendar: ProgramCalendar, today: dt.date) -> Deadlines:
    last_day = redeem_by(voucher.expiry_date, calendar)
    return Deadlines(
        expiry_date=voucher.expiry_date,
        last_redemption_date=calendar.last_redemption_date,
        redeem_by=last_day,
        days_to_expiry=(voucher.expiry_date - today).days,
        days_to_redeem_by=(last_day - today).days,
        usable=usable_on(voucher.expiry_date, today),
    )


def access_deliverable(*, actor: Actor, voucher_id: str, deliverable_id: int) -> Deliverable:
    """A deliverable file for the customer, the operator, or the firm whose report it is."""
    voucher = access_voucher_for_actor(actor=actor, voucher_id=voucher_id)
    files = Deliverable.objects.select_related("report__reservation").filter(
        pk=deliverable_id, report__voucher=voucher
    )
    if actor.is_partner:
        files = files.filter(report__reservation__partner_id=actor.organisation_id)
    deliverable = files.order_by("pk").first()
    if deliverable is None:
        raise DeliverableNotFound(_("There is no such deliverable for you (R-ROLE-1)."))
    return deliverable


def vouchers_held_by_firm(*, on: dt.date) -> dict[int, tuple[int, int]]:
    """Partner firm id → (vouchers, days) it holds reserved or delivered, still usable on `on`:
    what it must deliver and redeem (the last redemption day reminder, R-RED-1)."""
    rows = (
        Voucher.objects.filter(
            status__in=[VoucherStatus.RESERVED, VoucherStatus.DELIVERED],
            expiry_date__gte=on,
            holder__isnull=False,
        )
        .order_by()
        .values("holder_id")
        .annotate(vouchers=Count("pk"), days=Sum("days"))
        .values_list("holder_id", "vouchers", "days")
    )
    return {holder: (int(count), int(days or 0)) for holder, count, days in rows}


def project_managers_of(customer_id: int) -> QuerySet[Membership]:
    """The customer's active project managers: who a voucher may be assigned to (R-VOU-1)."""
    return (
        Membership.objects.filter(
            organisation_id=customer_id,
            role=Role.PROJECT_MANAGER,
            is_active=True,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__full_name", "user__email", "pk")
    )


def voucher_status_counts() -> dict[str, int]:
    """Vouchers per status, every status present (zero when none): one grouped count that the
    (status, expiry_date, id) index answers (the metrics endpoint reads it at every scrape)."""
    rows = Voucher.objects.values("status").annotate(total=Count("*")).order_by()
    counts = {status: 0 for status in VoucherStatus.values}
    counts.update({row["status"]: row["total"] for row in rows})
    return counts


def reservations_in_countries_without_rate(*, limit: int = 500) -> list[Reservation]:
    """Active reservations (reserved, delivered or redeemed vouchers) whose delivery country has
    no day rate at all: engagements that could never be paid (R-RES-5, R-PAY-3), for the
    operator to add a rate or settle with the firm."""
    countries_with_rates = DayRate.objects.values("country")
    return list(
        Reservation.objects.filter(is_active=True)
        .exclude(delivery_country__in=countries_with_rates)
        .select_related("voucher__customer", "voucher__engagement_type", "partner")
        .order_by("delivery_country", "voucher__voucher_id", "pk")[:limit]
    )
