"""Program information: the retirement timeline with today's position, and what each milestone means
for the reader's organisation (domain.md section 8, the notice's significant dates).

`retirement_exposure()` is the one place the per-organisation numbers come from: a customer's
available days (the ledger) and live vouchers, a partner firm's reserved or reported vouchers not
yet redeemed and its redeemed vouchers still waiting for a payment request (two queries at most).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q, Sum
from django.utils.translation import gettext as _

from planserv.core.actor import Actor
from planserv.core.formatting import long_date
from planserv.core.types import OrganisationKind
from planserv.customers.ledger.accounts import AccountKind
from planserv.customers.ledger.models import LedgerAccount
from planserv.program.calendar import ProgramCalendar, calendar_get
from planserv.program.models import Milestone, MilestoneKey
from planserv.program.selectors import milestones_list
from planserv.vouchers.lifecycle import LIVE_STATUSES, VoucherStatus
from planserv.vouchers.models import Voucher

PAYMENT_WINDOW_END = "payment_window_end"
MARGIN = dt.timedelta(days=45)


@dataclass(frozen=True)
class RetirementExposure:
    """What an organisation stands to lose at the coming milestones; None = not known yet."""

    available_days: int | None = None  # customer: pool days the removal takes
    live_vouchers: int | None = None  # customer: created, not yet redeemed or expired
    live_voucher_days: int | None = None
    reserved_unredeemed_vouchers: int | None = None  # partner: must redeem by the last day
    redeemed_without_payment_request: int | None = None  # partner: payment window running
    next_payment_request_deadline: dt.date | None = None


def retirement_exposure(
    *, organisation_id: int | None, kind: str, today: dt.date
) -> RetirementExposure:
    """The organisation's numbers at stake on `today`: for a customer its available days and live
    vouchers (R-VOU-3, removal, R-RED-1); for a partner firm its held vouchers not yet redeemed
    (R-RED-1) and redeemed vouchers whose payment window is still open (R-PAY-2). Operators and
    unknown kinds: nothing (all None)."""
    if organisation_id is None:
        return RetirementExposure()
    if kind == OrganisationKind.CUSTOMER:
        return _customer_exposure(organisation_id)
    if kind == OrganisationKind.PARTNER:
        return _partner_exposure(organisation_id, today)
    return RetirementExposure()


def _customer_exposure(customer_id: int) -> RetirementExposure:
    available = LedgerAccount.objects.filter(
        agreement__customer_id=customer_id, kind=AccountKind.AVAILABLE
    ).aggregate(days=Sum("balance"))["days"]
    live = (
        Voucher.objects.filter(customer_id=customer_id, status__in=sorted(LIVE_STATUSES))
        .order_by()
        .aggregate(count=Count("pk"), days=Sum("days"))
    )
    return RetirementExposure(
        available_days=int(available or 0),
        live_vouchers=int(live["count"]),
        live_voucher_days=int(live["days"] or 0),
    )


def _partner_exposure(firm_id: int, today: dt.date) -> RetirementExposure:
    cal = calendar_get()
    earliest = today - dt.timedelta(days=cal.payment_window_days)
    awaiting = Q(
        status=VoucherStatus.REDEEMED, payment_request__isnull=True, redeemed_on__gte=earliest
    )
    row = (
        Voucher.objects.filter(holder_id=firm_id)
        .order_by()
        .aggregate(
            unredeemed=Count(
                "pk", filter=Q(status__in=[VoucherStatus.RESERVED, VoucherStatus.DELIVERED])
            ),
            awaiting=Count("pk", filter=awaiting),
            first_redeemed_on=Min("redeemed_on", filter=awaiting),
        )
    )
    first = row["first_redeemed_on"]
    return RetirementExposure(
        reserved_unredeemed_vouchers=int(row["unredeemed"]),
        redeemed_without_payment_request=int(row["awaiting"]),
        next_payment_request_deadline=cal.last_payment_request_date(first) if first else None,
    )


@dataclass(frozen=True)
class TimelinePoint:
    date: dt.date
    titles: tuple[str, ...]
    keys: tuple[str, ...]
    position: int  # 0-100, percent along the bar
    days_away: int

    @property
    def past(self) -> bool:
        return self.days_away < 0

    @property
    def is_today(self) -> bool:
        return self.days_away == 0


@dataclass(frozen=True)
class Timeline:
    start: dt.date
    end: dt.date
    today: dt.date
    today_position: int
    points: tuple[TimelinePoint, ...]


def _position(day: dt.date, start: dt.date, end: dt.date) -> int:
    span = max((end - start).days, 1)
    return min(100, max(0, round((day - start).days * 100 / span)))


def _dated_events(calendar: ProgramCalendar) -> list[tuple[dt.date, str, str]]:
    events = [(m.date, m.key, m.title) for m in milestones_list()]
    last_payment = calendar.last_payment_request_date(calendar.last_redemption_date)
    events.append((last_payment, PAYMENT_WINDOW_END, _("Last payment requests")))
    return sorted(events)


def retirement_timeline(*, today: dt.date) -> Timeline:
    """The milestones on a bar from before the first to after the last, with today marked;
    milestones on the same day share one point."""
    events = _dated_events(calendar_get())
    start = min(events[0][0], today) - MARGIN
    end = max(events[-1][0], today) + MARGIN
    grouped: dict[dt.date, list[tuple[str, str]]] = {}
    for day, key, title in events:
        grouped.setdefault(day, []).append((key, title))
    points = tuple(
        TimelinePoint(
            date=day,
            titles=tuple(title for _key, title in items),
            keys=tuple(key for key, _title in items),
            position=_position(day, start, end),
            days_away=(day - today).days,
        )
        for day, items in sorted(grouped.items())
    )
    return Timeline(
        start=start,
        end=end,
        today=today,
        today_position=_position(today, start, end),
        points=points,
    )


@dataclass(frozen=True)
class MilestoneMeaning:
    key: str
    title: str
    date: dt.date
    days_away: int
    effect: str
    for_you: str
    figures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def past(self) -> bool:
        return self.days_away < 0


def _payment_window_effect(cal: ProgramCalendar) -> str:
    last_payment = cal.last_payment_request_date(cal.last_redemption_date)
    return _(
        "Payment requests are accepted for %(days)s days after each redemption: the last "
        "one possible, for a voucher redeemed on %(redeemed)s, is due by %(due)s."
    ) % {
        "days": cal.payment_window_days,
        "redeemed": long_date(cal.last_redemption_date),
        "due": long_date(last_payment),
    }


def _customer_text(key: str, cal: ProgramCalendar) -> str:
    texts = {
        MilestoneKey.CLOUD_RETIREMENT: _(
            "You can no longer create vouchers for cloud (Azure) "
            "engagements; cloud vouchers created before keep their lifecycle."
        ),
        MilestoneKey.TRAINING_CONVERSION_END: _(
            "Your training voucher days can no longer be converted into Planning Services days."
        ),
        MilestoneKey.ACCRUAL_END: _(
            "Your agreements stop earning Planning Services days; days "
            "earned before stay yours to spend."
        ),
        MilestoneKey.LAST_CREATE_DAY: _(
            "Last day to turn your available days into vouchers: "
            "create and assign them by %(date)s. Days left in your pool after that are lost."
        )
        % {"date": long_date(cal.last_create_date)},
        MilestoneKey.REMOVAL: _(
            "Every day still available on your agreements is removed. Vouchers "
            "you already assigned keep their days, but a voucher that expires unused from now on "
            "forfeits its days instead of returning them."
        ),
        MilestoneKey.LAST_REDEMPTION_DAY: _(
            "Your partners must redeem your vouchers by %(date)s, even if a voucher expires "
            "later: an engagement not delivered and redeemed by then loses its days."
        )
        % {"date": long_date(cal.last_redemption_date)},
        PAYMENT_WINDOW_END: _("Partners' last payment requests: nothing left for you to do."),
    }
    return texts.get(key, "")


def _partner_text(key: str, cal: ProgramCalendar) -> str:
    last_payment = cal.last_payment_request_date(cal.last_redemption_date)
    texts = {
        MilestoneKey.CLOUD_RETIREMENT: _(
            "No new enrollment, voucher or reservation for cloud "
            "(Azure) offerings; cloud vouchers you hold keep their lifecycle."
        ),
        MilestoneKey.TRAINING_CONVERSION_END: _(
            "Customers can no longer convert training days, "
            "so fewer new planning days reach customers."
        ),
        MilestoneKey.ACCRUAL_END: _(
            "Customers stop earning days: expect no new budgets, only the "
            "days customers already hold."
        ),
        MilestoneKey.LAST_CREATE_DAY: _(
            "Customers create and assign their last vouchers by %(date)s. Ask your customers to "
            "assign the vouchers for planned engagements before then."
        )
        % {"date": long_date(cal.last_create_date)},
        MilestoneKey.REMOVAL: _(
            "Customers' unassigned days disappear: only vouchers already "
            "assigned can still be reserved and delivered."
        ),
        MilestoneKey.LAST_REDEMPTION_DAY: _(
            "Redemption deadline: redeem every delivered voucher by %(date)s, even if the "
            "voucher expires later. Unredeemed vouchers cannot be paid."
        )
        % {"date": long_date(cal.last_redemption_date)},
        PAYMENT_WINDOW_END: _(
            "Payment deadline: request payment within %(days)s days after each redemption; "
            "for a voucher redeemed on the last redemption day, by %(date)s."
        )
        % {"days": cal.payment_window_days, "date": long_date(last_payment)},
    }
    return texts.get(key, "")


def _figures(key: str, kind: str, exposure: RetirementExposure) -> list[tuple[str, str]]:
    wanted: dict[tuple[str, str], list[tuple[str, object]]] = {
        (OrganisationKind.CUSTOMER, MilestoneKey.LAST_CREATE_DAY): [
            (_("Days still available for new vouchers"), exposure.available_days)
        ],
        (OrganisationKind.CUSTOMER, MilestoneKey.REMOVAL): [
            (_("Days that will be removed"), exposure.available_days),
            (_("Live vouchers that would forfeit if they expire"), exposure.live_vouchers),
        ],
        (OrganisationKind.CUSTOMER, MilestoneKey.LAST_REDEMPTION_DAY): [
            (_("Vouchers not yet redeemed"), exposure.live_vouchers),
            (_("Days in those vouchers"), exposure.live_voucher_days),
        ],
        (OrganisationKind.PARTNER, MilestoneKey.LAST_REDEMPTION_DAY): [
            (_("Reserved vouchers not yet redeemed"), exposure.reserved_unredeemed_vouchers)
        ],
        (OrganisationKind.PARTNER, PAYMENT_WINDOW_END): [
            (
                _("Redeemed vouchers without a payment request"),
                exposure.redeemed_without_payment_request,
            ),
            (_("Your next payment request deadline"), exposure.next_payment_request_deadline),
        ],
    }
    figures = []
    for label, value in wanted.get((kind, key), []):
        if value is None:
            continue
        figures.append((label, long_date(value) if isinstance(value, dt.date) else str(value)))
    return figures


def milestone_meanings(*, actor: Actor, today: dt.date) -> list[MilestoneMeaning]:
    """Each milestone (and the last payment day) with what it means for the reader's side and,
    where known, the organisation's own numbers."""
    cal = calendar_get()
    kind = actor.organisation_kind or ""
    exposure = retirement_exposure(organisation_id=actor.organisation_id, kind=kind, today=today)
    effects: dict[str, Milestone] = {m.key: m for m in milestones_list()}
    meanings = []
    for day, key, title in _dated_events(cal):
        milestone = effects.get(key)
        effect = milestone.effect if milestone else _payment_window_effect(cal)
        if kind == OrganisationKind.CUSTOMER:
            for_you = _customer_text(key, cal)
        elif kind == OrganisationKind.PARTNER:
            for_you = _partner_text(key, cal)
        else:
            for_you = ""
        meanings.append(
            MilestoneMeaning(
                key=key,
                title=title,
                date=day,
                days_away=(day - today).days,
                effect=effect,
                for_you=for_you,
                figures=_figures(key, kind, exposure),
            )
        )
    return meanings


@dataclass(frozen=True)
class PartnerDeadlines:
    last_redemption_date: dt.date
    redemption_days_left: int
    payment_window_days: int
    last_payment_request_date: dt.date
    payment_days_left: int
    voucher_validity_days: int


def partner_deadlines(*, today: dt.date) -> PartnerDeadlines:
    """The redemption and payment deadlines every partner works to (R-RED-1, R-PAY-2)."""
    cal = calendar_get()
    last_payment = cal.last_payment_request_date(cal.last_redemption_date)
    return PartnerDeadlines(
        last_redemption_date=cal.last_redemption_date,
        redemption_days_left=(cal.last_redemption_date - today).days,
        payment_window_days=cal.payment_window_days,
        last_payment_request_date=last_payment,
        payment_days_left=(last_payment - today).days,
        voucher_validity_days=cal.voucher_validity_days,
    )
