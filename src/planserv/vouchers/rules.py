"""The date and grouping rules of the voucher lifecycle, each written once.

- `expiry_passed(today)` is THE expiry predicate (R-EXP-2): the online rules annotate it onto the
  row they lock (`expiry_passed_flag`), the daily sweep uses it as its WHERE clause, so both
  select exactly the same vouchers for any date. A voucher is usable through its `expiry_date`.
- `days_return_on` decides return or forfeit for expiry (R-EXP-1) and cancellation (R-VOU-7).
- `cap_group` is the R-CAP-1 grouping: the cap applies per customer, engagement type, division
  and product scope (normalised), so vouchers naming different divisions or scopes do not add up.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from planserv.program.calendar import ProgramCalendar
from planserv.program.models import PolicyExtension, PolicyKind
from planserv.vouchers.lifecycle import LIVE_STATUSES

CAP_SEPARATOR = " | "


def expiry_passed(today: dt.date) -> Q:
    """R-EXP-2: a live voucher whose last usable day (`expiry_date`, inclusive) is before `today`."""
    return Q(status__in=sorted(LIVE_STATUSES), expiry_date__lt=today)


def expiry_passed_flag(today: dt.date) -> Case:
    """`expiry_passed(today)` as a boolean column, for the row an online service locks."""
    return Case(
        When(expiry_passed(today), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def usable_on(expiry_date: dt.date, day: dt.date) -> bool:
    """The same rule for one date in Python (display, reference in tests): usable through expiry."""
    return day <= expiry_date


def redeem_by(expiry_date: dt.date, calendar: ProgramCalendar) -> dt.date:
    """The last day a voucher can be redeemed: its expiry or the last redemption day (R-RED-1)."""
    return min(expiry_date, calendar.last_redemption_date)


def days_return_on(
    *, agreement_start: dt.date, agreement_end: dt.date, day: dt.date, removal_date: dt.date
) -> bool:
    """R-EXP-1 / R-VOU-7: days return to `available` when the agreement is active on `day` (the
    expiry date, or the cancellation date) and `day` is before the removal date; otherwise they
    are forfeited."""
    return agreement_start <= day <= agreement_end and day < removal_date


def base_expiry(assigned_on: dt.date, validity_days: int) -> dt.date:
    """R-VOU-6: the last usable day, `validity_days` after the assignment date."""
    return assigned_on + dt.timedelta(days=validity_days)


def expiry_policies() -> QuerySet[PolicyExtension]:
    return PolicyExtension.objects.filter(
        kind=PolicyKind.EXPIRY_EXTENSION,
        created_before__isnull=False,
        live_on__isnull=False,
        extra_days__gt=0,
    ).order_by("live_on", "id")


def expiry_policies_at_creation(assigned_on: dt.date) -> list[PolicyExtension]:
    """R-EXT-1 at creation: a policy whose `live_on` day has come (its job has run) still covers
    a voucher created before its `created_before` date; such a voucher gets the days at once.
    (The seeded policy has created_before == live_on, so it never applies at creation.)"""
    return list(expiry_policies().filter(live_on__lte=assigned_on, created_before__gt=assigned_on))


def onsite_waiver_for(end_date: dt.date) -> PolicyExtension | None:
    """The onsite_waiver policy in force on the delivery end date, if any (R-EXT-1, R-DEL-2)."""
    return (
        PolicyExtension.objects.filter(kind=PolicyKind.ONSITE_WAIVER, effective_from__lte=end_date)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=end_date))
        .order_by("effective_from", "id")
        .first()
    )


def _normalise(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def cap_group(division: str, product_scope: str) -> str:
    """R-CAP-1 group key within (customer, engagement type): case and spacing do not matter."""
    return f"{_normalise(division)}{CAP_SEPARATOR}{_normalise(product_scope)}"
