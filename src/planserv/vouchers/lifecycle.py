"""The voucher lifecycle (domain.md section 5.6) as data. No ORM, no clock.

    assigned ──reserve──▶ reserved ──report──▶ delivered ──redeem──▶ redeemed (final, R-RED-3)
       │  ▲                 │   │                 │
       │  └────release──────┘   │                 │
       │  ▲                     │                 │
       │  └──────────release (the report is void)─┘
       ├──cancel──▶ cancelled (R-VOU-7: only while unreserved)
       └──expire──▶ expired ◀── reserved / delivered (R-EXP-1)

Every transition is one service in vouchers/services; nothing else changes `status`.
Payment states hang off a redeemed voucher (payments), not off this table.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planserv.core.errors import Conflict


class VoucherStatus(models.TextChoices):
    ASSIGNED = "assigned", gettext_lazy("Assigned")
    RESERVED = "reserved", gettext_lazy("Reserved")
    DELIVERED = "delivered", gettext_lazy("Delivered (report filed)")
    REDEEMED = "redeemed", gettext_lazy("Redeemed")
    EXPIRED = "expired", gettext_lazy("Expired")
    CANCELLED = "cancelled", gettext_lazy("Cancelled")


TRANSITIONS: dict[str, frozenset[str]] = {
    VoucherStatus.ASSIGNED: frozenset(
        {VoucherStatus.RESERVED, VoucherStatus.EXPIRED, VoucherStatus.CANCELLED}
    ),
    VoucherStatus.RESERVED: frozenset(
        {VoucherStatus.DELIVERED, VoucherStatus.ASSIGNED, VoucherStatus.EXPIRED}
    ),
    VoucherStatus.DELIVERED: frozenset(
        {VoucherStatus.REDEEMED, VoucherStatus.ASSIGNED, VoucherStatus.EXPIRED}
    ),
    VoucherStatus.REDEEMED: frozenset(),
    VoucherStatus.EXPIRED: frozenset(),
    VoucherStatus.CANCELLED: frozenset(),
}

LIVE_STATUSES = frozenset({VoucherStatus.ASSIGNED, VoucherStatus.RESERVED, VoucherStatus.DELIVERED})
HOLDING_STATUSES = LIVE_STATUSES  # their days sit in the agreement's `held` account
FINAL_STATUSES = frozenset(status for status, targets in TRANSITIONS.items() if not targets)


class InvalidTransition(Conflict):
    code = "invalid_transition"
    rule = "R-VOU-1"


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def check_transition(current: str, target: str) -> None:
    """Raise InvalidTransition unless `current → target` is in the table (section 5.6)."""
    if not can_transition(current, target):
        current_label = VoucherStatus(current).label if current in VoucherStatus.values else current
        target_label = VoucherStatus(target).label if target in VoucherStatus.values else target
        raise InvalidTransition(
            _(
                "A voucher that is %(current_label)s cannot become %(target_label)s (voucher "
                "lifecycle, domain.md 5.6)."
            )
            % {"current_label": current_label.lower(), "target_label": target_label.lower()},
            details={"status": current, "requested": target},
        )
