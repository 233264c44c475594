"""What validating and reserving share (R-RES-1, R-RES-2, R-VOU-3, R-ENR-2): finding a voucher by
its (voucher id, email) pair, and the refusals that say why the actor's firm may not reserve it.

`assess()` runs them in the order the refusals are given, on an unlocked read: voucher_validate
answers with it. voucher_reserve makes the same refusals, in the same order, on the row it locked
(reserve.py), with the same pieces (`refuse_unavailable`, `check_cloud`, `check_start_date`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from planserv.accounts.models import Membership, Organisation
from planserv.core.actor import Actor
from planserv.core.errors import Forbidden
from planserv.core.formatting import long_date
from planserv.core.types import Role
from planserv.partners.eligibility import EngagementEligibility, engagement_type_eligibility
from planserv.program.calendar import ProgramCalendar, calendar_get
from planserv.vouchers import voucher_id as voucher_ids
from planserv.vouchers.errors import (
    CloudEngagementRetired,
    InvalidStartDate,
    NominatedPartnerOnly,
    VoucherNotFound,
)
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import Voucher
from planserv.vouchers.rules import expiry_passed_flag
from planserv.vouchers.services._common import already_reserved, refuse_final, refuse_if_expired

PAIR_REFUSAL = (
    "No voucher matches this voucher id and email address. Check both against the customer's "
    "voucher email (R-RES-1)."
)


def pair_not_found() -> VoucherNotFound:
    """The one answer for an unknown id and for a wrong email: it reveals nothing (R-RES-1)."""
    return VoucherNotFound(
        _(
            "No voucher matches this voucher id and email address. Check both against the "
            "customer's voucher email (R-RES-1)."
        ),
        details={},
    )


def email_matches(voucher: Voucher, email: str) -> bool:
    """The assignee's address, or a benefits admin's of the voucher's customer (R-RES-1)."""
    address = (email or "").strip().casefold()
    if not address:
        return False
    if address == voucher.assignee_email.casefold():
        return True
    return Membership.objects.filter(
        organisation_id=voucher.customer_id,
        role=Role.BENEFITS_ADMIN,
        is_active=True,
        user__email__iexact=address,
    ).exists()


def _find_by_pair(voucher_id: str, email: str, *, today: dt.date) -> Voucher:
    """The voucher for a (voucher id, email) pair; InvalidVoucherId (400) for a mistyped id before
    any lookup; one non-revealing VoucherNotFound for an unknown id or a wrong email."""
    canonical = voucher_ids.parse(voucher_id)
    voucher = (
        Voucher.objects.select_related(
            "agreement", "customer", "engagement_type__offering", "holder", "nominated_partner"
        )
        .annotate(past_expiry=expiry_passed_flag(today))
        .filter(voucher_id=canonical)
        .order_by("pk")
        .first()
    )
    if voucher is None or not email_matches(voucher, email):
        raise pair_not_found()
    return voucher


def refuse_by_status(voucher: Voucher, actor: Actor, today: dt.date) -> None:
    """The reasons of R-RES-1 that the status alone gives: expired (recorded), redeemed,
    cancelled, reserved."""
    if voucher.status == VoucherStatus.EXPIRED:
        refuse_if_expired(voucher, today=today)
    refuse_final(voucher)
    if voucher.status in (VoucherStatus.RESERVED, VoucherStatus.DELIVERED):
        raise already_reserved(voucher, by_you=voucher.holder_id == actor.organisation_id)


def refuse_unavailable(voucher: Voucher, actor: Actor, today: dt.date) -> None:
    """The clear reasons of R-RES-1 for a voucher found by its pair (`past_expiry` annotated)."""
    refuse_by_status(voucher, actor, today)
    refuse_if_expired(voucher, today=today)  # by its date: the one predicate (R-EXP-2)
    if voucher.nominated_partner_id and voucher.nominated_partner_id != actor.organisation_id:
        raise NominatedPartnerOnly(
            _(
                "The customer nominated another partner firm for voucher %(voucher)s; only that "
                "firm may reserve it (R-RES-2)."
            )
            % {"voucher": voucher.display_id},
            details={"voucher_id": voucher.voucher_id},
        )


def check_cloud(voucher: Voucher, calendar: ProgramCalendar, today: dt.date) -> None:
    engagement_type = voucher.engagement_type
    if engagement_type.is_cloud and not calendar.cloud_open(today):
        raise CloudEngagementRetired(
            _(
                "%(engagement_type)s is a cloud engagement: no new reservation from %(day)s (R-VOU-3)."
            )
            % {
                "engagement_type": engagement_type.name,
                "day": long_date(calendar.last_cloud_date + dt.timedelta(days=1)),
            },
            details={"engagement_type": engagement_type.code},
        )


def _firm(actor: Actor) -> Organisation:
    if not actor.is_partner or actor.organisation_id is None:
        raise Forbidden(_("Only a partner firm validates and reserves vouchers (R-ROLE-1)."))
    return Organisation.objects.get(pk=actor.organisation_id)


def check_start_date(voucher: Voucher, start_date: dt.date, today: dt.date) -> None:
    """R-RES-2 and R-RES-4: a planned start from today through the voucher's expiry."""
    if not (today <= start_date <= voucher.expiry_date):
        raise InvalidStartDate(
            _(
                "The planned start date must be from today, %(today)s, through the voucher's "
                "expiry, %(expiry)s; %(start)s is not (R-RES-2)."
            )
            % {
                "today": long_date(today),
                "expiry": long_date(voucher.expiry_date),
                "start": long_date(start_date),
            },
            details={"start_date": start_date, "today": today, "expiry_date": voucher.expiry_date},
        )


@dataclass(frozen=True)
class Assessment:
    """A voucher found by its pair, free for the firm, and the firm's eligibility for its
    engagement type on the day (R-ENR-2: a function of firm, engagement type and day only)."""

    voucher: Voucher
    calendar: ProgramCalendar
    firm: Organisation
    eligibility: EngagementEligibility


def assess(*, voucher_id: str, email: str, actor: Actor, today: dt.date) -> Assessment:
    """Find the voucher by its pair and refuse what R-RES-1, R-RES-2 and R-VOU-3 refuse; then
    evaluate the firm's eligibility (not refused here: validate shows it, reserve refuses it)."""
    voucher = _find_by_pair(voucher_id, email, today=today)
    refuse_unavailable(voucher, actor, today)
    calendar = calendar_get()
    check_cloud(voucher, calendar, today)
    firm = _firm(actor)
    eligibility = engagement_type_eligibility(
        organisation=firm, engagement_type=voucher.engagement_type, on=today
    )
    return Assessment(voucher=voucher, calendar=calendar, firm=firm, eligibility=eligibility)
