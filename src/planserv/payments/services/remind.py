"""The payment-window reminder (R-PAY-2): 14 and 3 days before the window of a redeemed voucher
without a payment request closes, to the holding firm's partner admins. Idempotent: one message
per voucher, lead time and address (dedup key)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction

from planserv.accounts.models import Membership
from planserv.core.actor import Actor
from planserv.core.types import Role, roles_holding
from planserv.notifications.messages import dedup_key
from planserv.notifications.services import outbox_enqueue
from planserv.payments.selectors import vouchers_with_window_closing_on
from planserv.program.calendar import calendar_get, program_settings_get

REMINDER_DAYS = (14, 3)  # the defaults; the program settings hold the thresholds in force
TEMPLATE = "payment_window_reminder"


def payments_remind_window(*, day: dt.date, actor: Actor, at: dt.datetime) -> dict[str, int]:
    """Remind the firms whose payment window closes 14 or 3 days after `day`."""
    del actor
    calendar = calendar_get()
    thresholds = program_settings_get()
    counts = {"vouchers": 0, "messages": 0}
    for ahead in (thresholds.payment_reminder_first_days, thresholds.payment_reminder_last_days):
        last_day = day + dt.timedelta(days=ahead)
        vouchers = list(vouchers_with_window_closing_on(last_day).select_related("holder"))
        admins = (
            Membership.objects.filter(
                organisation_id__in=sorted({v.holder_id for v in vouchers if v.holder_id}),
                role__in=roles_holding(Role.PARTNER_ADMIN),
                is_active=True,
                user__is_active=True,
            )
            .select_related("user")
            .order_by("organisation_id", "user__email", "pk")
        )
        by_firm: dict[int, list[Membership]] = {}
        for member in admins:
            by_firm.setdefault(member.organisation_id, []).append(member)
        with transaction.atomic():
            for voucher in vouchers:
                counts["vouchers"] += 1
                assert voucher.redeemed_on is not None
                for member in by_firm.get(voucher.holder_id or 0, []):
                    message = outbox_enqueue(
                        template=TEMPLATE,
                        to_email=member.user.email,
                        context={
                            "voucher_id": voucher.display_id,
                            "redeemed_on": voucher.redeemed_on,
                            "last_request_date": calendar.last_payment_request_date(
                                voucher.redeemed_on
                            ),
                            "days_left": ahead,
                            "recipient": {
                                "email": member.user.email,
                                "name": member.user.full_name,
                            },
                            "time_zone": settings.PROGRAM_TIME_ZONE,
                            "site_url": settings.PLANSERV_SITE_URL,
                        },
                        dedup_key=dedup_key(
                            TEMPLATE, voucher.voucher_id, ahead, member.user.email.lower()
                        ),
                        at=at,
                        organisation_id=member.organisation_id,
                        subject_ref=f"vouchers.voucher:{voucher.display_id}",
                    )
                    counts["messages"] += int(message.is_new)
    return counts
