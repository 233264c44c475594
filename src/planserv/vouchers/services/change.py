"""Change date (R-RES-4): the reserving firm moves the planned start date of its reservation."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from planserv.core.actor import Actor
from planserv.notifications.messages import VoucherDateChangedMessage, send
from planserv.program.calendar import calendar_get
from planserv.vouchers.errors import VoucherNotReserved
from planserv.vouchers.events import VoucherStartDateChanged
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import Reservation, Voucher
from planserv.vouchers.services._common import audit_voucher, customer_recipients, redeem_by_date
from planserv.vouchers.services._held import active_reservation, locked_held
from planserv.vouchers.services._reservable import check_start_date


@transaction.atomic
def voucher_change_start_date(
    *, voucher: Voucher, start_date: dt.date, actor: Actor, today: dt.date, at: dt.datetime
) -> Reservation:
    """R-RES-4: the reserving firm moves the planned start date (same limits as reserving).
    Raises Forbidden, VoucherNotFound, AlreadyRedeemed, VoucherExpired, VoucherNotReserved,
    InvalidStartDate."""
    voucher = locked_held(voucher, actor, today)
    if voucher.status != VoucherStatus.RESERVED:
        raise VoucherNotReserved(
            _(
                "Voucher %(voucher)s is %(status)s; the start date can be changed only before the "
                "completion report is filed (R-RES-4)."
            )
            % {"voucher": voucher.display_id, "status": voucher.get_status_display().lower()},
            details={"voucher_id": voucher.voucher_id, "status": voucher.status},
        )
    check_start_date(voucher, start_date, today)
    reservation = active_reservation(voucher)
    previous = reservation.start_date
    reservation.start_date = start_date
    reservation.save(update_fields=["start_date"])
    event = audit_voucher(
        actor=actor,
        voucher=voucher,
        event=VoucherStartDateChanged(
            voucher_id=voucher.voucher_id,
            previous_start_date=previous,
            start_date=start_date,
            reservation_id=reservation.pk,
        ),
        today=today,
        at=at,
    )
    message = VoucherDateChangedMessage(
        voucher_id=voucher.display_id,
        engagement_type=voucher.engagement_type.name,
        partner_name=reservation.partner.name,
        previous_start_date=previous,
        start_date=start_date,
        expiry_date=voucher.expiry_date,
        redeem_by=redeem_by_date(voucher, calendar_get()),
        change_id=event.pk,
        recipients=customer_recipients(voucher),
    )
    send(message, at=at)
    reservation.voucher = voucher  # the locked voucher, for the caller's answer
    return reservation
