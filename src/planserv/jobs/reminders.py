"""Reminder jobs of domain.md section 7: retirement milestones (30 and 7 days before each, to
every organisation it affects, saying what it stands to lose) and enrollment renewals (30 days
before an enrollment's last day, to the firm's global admins).

Each job is `run(day, actor) -> counts` for one program day. It is idempotent: every message has
a deterministic dedup key, so running a day again stores nothing new.

What an organisation stands to lose comes from the capabilities that own the numbers, through
two hooks below: `customer_stakes` reads the days ledger (customers capability); `partner_stakes`
waits for the vouchers and payments capabilities (until then partners are told nothing).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from planserv.accounts.models import Membership
from planserv.core import clock, formatting
from planserv.core.actor import Actor
from planserv.core.types import OrganisationKind, Role
from planserv.customers.selectors import days_at_stake
from planserv.notifications.messages import (
    AtStake,
    EnrollmentRenewalDueMessage,
    MilestoneReminderMessage,
    Recipient,
    send,
)
from planserv.partners import selectors as partner_selectors
from planserv.partners.eligibility import RENEWAL_WINDOW_DAYS
from planserv.program.calendar import ProgramCalendar, calendar_get
from planserv.program.models import Milestone, MilestoneKey
from planserv.vouchers.selectors import vouchers_held_by_firm
from planserv.webhooks.models import WebhookEvent
from planserv.webhooks.services import Occurrence, new_event_id, webhook_emit_many

REMINDER_DAYS = (30, 7)
# The renewal reminder goes out the day the renewal window opens (R-ENR-1): one rule, one number.
RENEWAL_REMINDER_DAYS = RENEWAL_WINDOW_DAYS
CHUNK = 500
ROLES_TOLD: dict[str, tuple[str, ...]] = {
    OrganisationKind.CUSTOMER: (Role.BENEFITS_ADMIN,),
    OrganisationKind.PARTNER: (Role.GLOBAL_ADMIN, Role.PARTNER_ADMIN),
}


@dataclass(frozen=True)
class Affected:
    """One organisation a milestone affects, and what it stands to lose (empty: not told)."""

    organisation_id: int
    at_stake: tuple[AtStake, ...]


@dataclass(frozen=True)
class Ask:
    """What a side must do before a milestone, and the last day to do it."""

    action: str
    act_by: dt.date


def customer_stakes(milestone: Milestone, day: dt.date) -> list[Affected] | None:
    """The customer organisations `milestone` affects, with what each stands to lose per
    agreement, from the days ledger now (customers capability), e.g. for the removal the available
    days of each agreement; only organisations with something at stake. None for a milestone that
    is not about days (then `_every_customer` decides)."""
    del day
    stakes = days_at_stake(milestone_key=milestone.key)
    if stakes is None:
        return None
    by_customer: dict[int, list[AtStake]] = defaultdict(list)
    for stake in stakes:
        by_customer[stake.customer_id].append(AtStake(stake.quantity, stake.unit, stake.detail))
    return [
        Affected(customer_id, tuple(items)) for customer_id, items in sorted(by_customer.items())
    ]


def partner_stakes(milestone: Milestone, day: dt.date) -> list[Affected]:
    """HOOK (vouchers and payments capabilities): the partner firms `milestone` affects. The
    vouchers part: before the last redemption day, the reserved and delivered vouchers each firm
    holds and must redeem. (Payments adds the payment requests a firm could still file.)"""
    if milestone.key != MilestoneKey.LAST_REDEMPTION_DAY:
        return []
    return [
        Affected(
            firm_id,
            (
                AtStake(
                    count,
                    _("vouchers"),
                    _("reserved or delivered by your firm and not redeemed yet (%(days)s)")
                    % {"days": formatting.days(held_days)},
                ),
            ),
        )
        for firm_id, (count, held_days) in sorted(vouchers_held_by_firm(on=day).items())
    ]


def _every_customer(milestone: Milestone) -> list[Affected]:
    if milestone.key == MilestoneKey.CLOUD_RETIREMENT:
        return []  # only customers with cloud vouchers are affected: needs the vouchers hook
    stake = {
        MilestoneKey.TRAINING_CONVERSION_END: AtStake(
            None, _("training days"), _("not yet converted into Planning Services days")
        ),
        MilestoneKey.ACCRUAL_END: AtStake(
            None,
            _("future accrual"),
            _("no more days accrue on your agreements; accrued days stay"),
        ),
        MilestoneKey.LAST_CREATE_DAY: AtStake(
            None, _("available days"), _("every day on your agreements not yet in a voucher")
        ),
        MilestoneKey.REMOVAL: AtStake(
            None, _("available days"), _("every day on your agreements not yet in a voucher")
        ),
        MilestoneKey.LAST_REDEMPTION_DAY: AtStake(
            None, _("vouchers"), _("every voucher of yours not redeemed by then, and its days")
        ),
    }[MilestoneKey(milestone.key)]
    ids = Membership.objects.filter(
        organisation__kind=OrganisationKind.CUSTOMER,
        role__in=ROLES_TOLD[OrganisationKind.CUSTOMER],
        is_active=True,
    ).values_list("organisation_id", flat=True)
    return [Affected(organisation_id, (stake,)) for organisation_id in sorted(set(ids))]


def _asks(calendar: ProgramCalendar) -> dict[tuple[str, str], Ask]:
    customer, partner = OrganisationKind.CUSTOMER, OrganisationKind.PARTNER
    create = Ask(_("Create and assign vouchers for your available days"), calendar.last_create_date)
    return {
        (MilestoneKey.CLOUD_RETIREMENT, customer): Ask(
            _("Create and assign the cloud vouchers you need"), calendar.last_cloud_date
        ),
        (MilestoneKey.CLOUD_RETIREMENT, partner): Ask(
            _("Enroll in cloud offerings and reserve cloud vouchers"), calendar.last_cloud_date
        ),
        (MilestoneKey.TRAINING_CONVERSION_END, customer): Ask(
            _("Convert the training days you want to use for planning"),
            calendar.last_conversion_date,
        ),
        (MilestoneKey.ACCRUAL_END, customer): Ask(
            _("Plan vouchers for your accrued days; create and assign them"),
            calendar.last_create_date,
        ),
        (MilestoneKey.LAST_CREATE_DAY, customer): create,
        (MilestoneKey.REMOVAL, customer): create,
        (MilestoneKey.LAST_REDEMPTION_DAY, customer): Ask(
            _("Make sure your partners deliver and redeem your vouchers"),
            calendar.last_redemption_date,
        ),
        (MilestoneKey.LAST_REDEMPTION_DAY, partner): Ask(
            _("Deliver, report and redeem every voucher you hold"), calendar.last_redemption_date
        ),
    }


def _at(day: dt.date) -> dt.datetime:
    """A job's messages for `day` are dated at the start of that program day."""
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=clock.program_zone())


def _recipients_by_organisation(
    organisation_ids: Sequence[int], roles: Iterable[str]
) -> dict[int, tuple[str, list[Recipient]]]:
    """(organisation name, recipients) per organisation: its active members in `roles`; an
    organisation without such members is absent. One query."""
    members = (
        Membership.objects.filter(
            organisation_id__in=organisation_ids, role__in=list(roles), is_active=True
        )
        .select_related("organisation", "user")
        .order_by("organisation_id", "user__email", "id")
    )
    names: dict[int, str] = {}
    people: dict[int, list[Recipient]] = defaultdict(list)
    for member in members:
        names[member.organisation_id] = member.organisation.name
        people[member.organisation_id].append(
            Recipient.of_user(member.user, member.organisation_id)
        )
    return {
        organisation_id: (names[organisation_id], people[organisation_id])
        for organisation_id in names
    }


def milestone_reminders(day: dt.date, actor: Actor) -> dict[str, int]:
    """30 and 7 days before each milestone, tell every affected organisation what it stands to
    lose and what to do by when (domain.md sections 7 and 8)."""
    del actor
    counts = {"milestones": 0, "organisations": 0, "messages": 0}
    targets = [day + dt.timedelta(days=ahead) for ahead in REMINDER_DAYS]
    milestones = list(Milestone.objects.filter(date__in=targets).order_by("date", "key"))
    if not milestones:
        return counts
    asks = _asks(calendar_get())
    for milestone in milestones:
        counts["milestones"] += 1
        for kind, affected in _affected(milestone, day):
            ask = asks.get((milestone.key, kind))
            if ask is None:
                continue
            told, sent = _remind(milestone, day, kind, ask, affected)
            counts["organisations"] += told
            counts["messages"] += sent
    return counts


def _affected(milestone: Milestone, day: dt.date) -> list[tuple[str, list[Affected]]]:
    customers = customer_stakes(milestone, day)
    if customers is None:
        customers = _every_customer(milestone)
    return [
        (OrganisationKind.CUSTOMER, [a for a in customers if a.at_stake]),
        (OrganisationKind.PARTNER, [a for a in partner_stakes(milestone, day) if a.at_stake]),
    ]


def _remind(
    milestone: Milestone, day: dt.date, kind: str, ask: Ask, affected: list[Affected]
) -> tuple[int, int]:
    told = sent = 0
    days_before = (milestone.date - day).days
    for start in range(0, len(affected), CHUNK):
        chunk = affected[start : start + CHUNK]
        people = _recipients_by_organisation([a.organisation_id for a in chunk], ROLES_TOLD[kind])
        with transaction.atomic():
            for item in chunk:
                if item.organisation_id not in people:
                    continue  # nobody in a role that acts on it: nobody to tell
                name, recipients = people[item.organisation_id]
                reminder = MilestoneReminderMessage(
                    milestone_key=milestone.key,
                    milestone_title=milestone.title,
                    milestone_date=milestone.date,
                    effect=milestone.effect,
                    days_before=days_before,
                    organisation_id=item.organisation_id,
                    organisation_name=name,
                    at_stake=item.at_stake,
                    action=ask.action,
                    act_by=ask.act_by,
                    recipients=recipients,
                )
                messages = send(reminder, at=_at(day))
                told += 1
                sent += sum(1 for message in messages if message.is_new)
            webhook_emit_many(
                event=WebhookEvent.MILESTONE_REMINDER,
                occurrences=[
                    Occurrence(
                        subject_ref=f"milestone:{milestone.key}",
                        organisation_ids=(item.organisation_id,),
                        data={
                            "milestone": milestone.key,
                            "title": milestone.title,
                            "date": milestone.date.isoformat(),
                            "days_before": days_before,
                            "action": ask.action,
                            "act_by": ask.act_by.isoformat(),
                            "at_stake": [
                                {"quantity": s.quantity, "unit": s.unit, "detail": s.detail}
                                for s in item.at_stake
                            ],
                        },
                        event_id=new_event_id(
                            "milestone", milestone.key, days_before, item.organisation_id
                        ),
                    )
                    for item in chunk
                ],
                at=_at(day),
            )
    return told, sent


@dataclass(frozen=True)
class RenewalDue:
    enrollment_id: int
    organisation_id: int
    offering_code: str
    offering_name: str
    last_day: dt.date


def enrollments_ending_on(last_day: dt.date) -> list[RenewalDue]:
    """The enrollments whose current term ends on `last_day` (not yet renewed), from the partners
    capability (R-ENR-1)."""
    return [
        RenewalDue(
            enrollment_id=enrollment.pk,
            organisation_id=enrollment.organisation_id,
            offering_code=enrollment.offering.code,
            offering_name=enrollment.offering.name,
            last_day=enrollment.last_day,
        )
        for enrollment in partner_selectors.enrollments_ending_on(last_day=last_day)
    ]


def enrollment_renewal_reminders(day: dt.date, actor: Actor) -> dict[str, int]:
    """30 days before an enrollment's last day, remind the firm's global admins (R-ENR-1)."""
    del actor
    due = enrollments_ending_on(day + dt.timedelta(days=RENEWAL_REMINDER_DAYS))
    people = _recipients_by_organisation(
        sorted({item.organisation_id for item in due}), (Role.GLOBAL_ADMIN,)
    )
    counts = {"enrollments": len(due), "messages": 0}
    with transaction.atomic():
        for item in due:
            if item.organisation_id not in people:
                continue
            name, recipients = people[item.organisation_id]
            reminder = EnrollmentRenewalDueMessage(
                partner_name=name,
                offering_code=item.offering_code,
                offering_name=item.offering_name,
                enrollment_id=item.enrollment_id,
                last_day=item.last_day,
                recipients=recipients,
            )
            messages = send(reminder, at=_at(day))
            counts["messages"] += sum(1 for message in messages if message.is_new)
    return counts


def milestone_ask(milestone_key: str, kind: str) -> Ask | None:
    """What the milestone reminder asks an organisation of `kind` to do, and by when (None: that
    side is not told about this milestone). Used by the retirement impact report's preview."""
    return _asks(calendar_get()).get((milestone_key, kind))
