"""What the reserving firm's acts share (R-RES-4, R-DEL, R-RED): the held voucher locked and
re-checked, and its active reservation."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from planserv.core.actor import Actor
from planserv.core.types import Role
from planserv.vouchers.errors import VoucherNotReserved
from planserv.vouchers.models import Reservation, Voucher
from planserv.vouchers.services._common import (
    locked_voucher,
    refuse_final,
    refuse_if_expired,
    require_holder,
)


def active_reservation(voucher: Voucher) -> Reservation:
    reservation = (
        Reservation.objects.select_related("partner", "location")
        .filter(voucher=voucher, is_active=True)
        .order_by("pk")
        .first()
    )
    if reservation is None:  # the holder constraint makes this unreachable for a held voucher
        raise VoucherNotReserved(
            _("Voucher %(display_id)s has no active reservation.")
            % {"display_id": voucher.display_id}
        )
    return reservation


def locked_held(voucher: Voucher, actor: Actor, today: dt.date) -> Voucher:
    """The voucher locked and re-read, held by the actor's firm, neither final nor expired."""
    actor.require_role(Role.PARTNER_ADMIN, action=_("act on reserved vouchers"))
    require_holder(actor, voucher)
    voucher = locked_voucher(pk=voucher.pk, today=today)
    require_holder(actor, voucher)  # re-checked under the lock
    refuse_final(voucher)
    refuse_if_expired(voucher, today=today)
    return voucher
