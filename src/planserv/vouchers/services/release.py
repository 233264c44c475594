"""Release (R-RES-4): the reserving firm gives the voucher back; it is assigned again."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from planserv.core.actor import Actor
from planserv.notifications.messages import VoucherReleasedMessage, send
from planserv.vouchers.events import VoucherReleased
from planserv.vouchers.lifecycle import VoucherStatus, check_transition
from planserv.vouchers.models import CompletionReport, Reservation, Voucher
from planserv.vouchers.services._common import audit_voucher, customer_recipients, voucher_state
from planserv.vouchers.services._held import active_reservation, locked_held


@transaction.atomic
def voucher_release(*, voucher: Voucher, actor: Actor, today: dt.date, at: dt.datetime) -> Voucher:
    """R-RES-4: the reserving firm releases; the voucher is assigned again with the same expiry,
    so any partner may reserve it, and a filed completion report becomes void. Raises Forbidden,
    VoucherNotFound, AlreadyRedeemed, VoucherExpired."""
    voucher = locked_held(voucher, actor, today)
    check_transition(voucher.status, VoucherStatus.ASSIGNED)
    before = voucher_state(voucher)
    reservation = active_reservation(voucher)
    # A report is filed only by delivering (reserved → delivered), so only a delivered voucher
    # has one to void: a reserved one costs no statement here (PERF-1).
    voided = (
        CompletionReport.objects.filter(reservation=reservation, voided_at__isnull=True).update(
            voided_at=at
        )
        if voucher.status == VoucherStatus.DELIVERED
        else 0
    )
    Reservation.objects.filter(pk=reservation.pk).update(
        is_active=False, released_on=today, released_at=at, released_by_label=actor.email
    )
    voucher.status = VoucherStatus.ASSIGNED
    voucher.holder = None
    voucher.reserved_at = None
    voucher.delivered_at = None
    voucher.save(update_fields=["status", "holder", "reserved_at", "delivered_at"])
    audit_voucher(
        actor=actor,
        voucher=voucher,
        event=VoucherReleased(
            voucher_id=voucher.voucher_id,
            previous=before,
            state=voucher_state(voucher),
            reservation_id=reservation.pk,
            partner=reservation.partner.public_id,
            partner_name=reservation.partner.name,
            report_voided=bool(voided),
        ),
        today=today,
        at=at,
    )
    message = VoucherReleasedMessage(
        voucher_id=voucher.display_id,
        engagement_type=voucher.engagement_type.name,
        service_level_days=voucher.days,
        partner_name=reservation.partner.name,
        released_on=today,
        expiry_date=voucher.expiry_date,
        reservation_id=reservation.pk,
        recipients=customer_recipients(voucher),
    )
    send(message, at=at)
    return voucher
