"""Expiry reminders (domain.md section 7): 30 and 7 days before a live voucher's expiry, to the
customer (assignee and benefits admins) and to the reserving firm's partner admins. Idempotent:
each message has a dedup key per voucher, expiry date and lead time."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace

from django.db import transaction

from planserv.accounts.models import Membership
from planserv.core.actor import Actor
from planserv.core.types import Role, roles_holding
from planserv.notifications.messages import Recipient, VoucherExpiryReminderMessage, send
from planserv.program.calendar import calendar_get, program_settings_get
from planserv.vouchers.lifecycle import LIVE_STATUSES
from planserv.vouchers.models import Voucher
from planserv.vouchers.rules import days_return_on, redeem_by

REMINDER_DAYS = (30, 7)  # the defaults; the program settings hold the thresholds in force
CHUNK = 500


def _members(organisation_ids: set[int], role: str) -> dict[int, list[Recipient]]:
    found: dict[int, list[Recipient]] = defaultdict(list)
    rows = (
        Membership.objects.filter(
            organisation_id__in=sorted(organisation_ids),
            role__in=roles_holding(role),
            is_active=True,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("organisation_id", "user__email", "pk")
    )
    for member in rows:
        found[member.organisation_id].append(Recipient.of_user(member.user, member.organisation_id))
    return found


def vouchers_remind_expiry(*, day: dt.date, actor: Actor, at: dt.datetime) -> dict[str, int]:
    """Remind about every live voucher expiring 30 or 7 days after `day`."""
    del actor
    counts = {"vouchers": 0, "messages": 0}
    thresholds = program_settings_get()
    lead_days = (thresholds.expiry_reminder_first_days, thresholds.expiry_reminder_last_days)
    targets = {day + dt.timedelta(days=ahead): ahead for ahead in lead_days}
    due = (
        Voucher.objects.filter(status__in=sorted(LIVE_STATUSES), expiry_date__in=list(targets))
        .select_related("engagement_type", "agreement", "holder")
        .order_by("pk")
    )
    if not due.exists():
        return counts
    calendar = calendar_get()
    last_pk = 0
    while True:
        chunk = list(due.filter(pk__gt=last_pk)[:CHUNK])
        if not chunk:
            return counts
        last_pk = chunk[-1].pk
        admins = _members({v.customer_id for v in chunk}, Role.BENEFITS_ADMIN)
        partners = _members({v.holder_id for v in chunk if v.holder_id}, Role.PARTNER_ADMIN)
        with transaction.atomic():
            for voucher in chunk:
                counts["vouchers"] += 1
                customer = [Recipient(voucher.assignee_email, "", voucher.customer_id)]
                to_customer = VoucherExpiryReminderMessage(
                    audience="customer",
                    voucher_id=voucher.display_id,
                    engagement_type=voucher.engagement_type.name,
                    service_level_days=voucher.days,
                    status=voucher.status,
                    expiry_date=voucher.expiry_date,
                    days_before=targets[voucher.expiry_date],
                    redeem_by=redeem_by(voucher.expiry_date, calendar),
                    days_return=days_return_on(
                        agreement_start=voucher.agreement.start_date,
                        agreement_end=voucher.agreement.end_date,
                        day=voucher.expiry_date,
                        removal_date=calendar.removal_date,
                    ),
                    partner_name=voucher.holder.name if voucher.holder else "",
                    recipients=customer + admins.get(voucher.customer_id, []),
                )
                to_partner = replace(
                    to_customer,
                    audience="partner",
                    recipients=partners.get(voucher.holder_id or 0, []),
                )
                messages = send(to_customer, at=at) + send(to_partner, at=at)
                counts["messages"] += sum(1 for message in messages if message.is_new)
