"""The accounts of an agreement and the movements between them (R-LED-1, R-LED-2). No ORM here.

Planning days (whole days)::

    issued ──accrual / manual grant / conversion──▶ available ──removal──▶ removed
                                                     │   ▲
                                       voucher create│   │return (cancel, expiry)
                                                     ▼   │
                                                     held ──redeem──▶ consumed
                                                     │
                                                     └──expiry after end/removal──▶ forfeited

Training-voucher days (their own unit; converted at the operator-set ratio, R-TRN-1)::

    training_issued ──operator grant──▶ training ──conversion──▶ training_converted

`issued` and `training_issued` are the program-side sources: their balance is minus what they
gave out, so they go negative. Every other account is guarded by CHECK (balance >= 0).
R-LED-1 conservation: -issued = available + held + consumed + forfeited + removed, and
-training_issued = training + training_converted, for every agreement at all times.
A correction is the reverse of an allowed movement.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    AVAILABLE = "available", _("Available")
    HELD = "held", _("Held in vouchers")
    CONSUMED = "consumed", _("Consumed")
    FORFEITED = "forfeited", _("Forfeited")
    REMOVED = "removed", _("Removed")
    ISSUED = "issued", _("Issued (program source)")
    TRAINING = "training", _("Training days")
    TRAINING_ISSUED = "training_issued", _("Training issued (program source)")
    TRAINING_CONVERTED = "training_converted", _("Training days converted")


class EntryCause(models.TextChoices):
    ACCRUAL = "accrual", _("Accrual")
    MANUAL_GRANT = "manual_grant", _("Manual grant")
    TRAINING_GRANT = "training_grant", _("Training days granted")
    CONVERSION = "conversion", _("Training conversion")
    VOUCHER = "voucher", _("Voucher")
    EXPIRY = "expiry", _("Voucher expiry")
    REMOVAL = "removal", _("Removal of remaining days")
    CORRECTION = "correction", _("Correction")


SOURCE_KINDS: frozenset[str] = frozenset({AccountKind.ISSUED, AccountKind.TRAINING_ISSUED})
PLANNING_KINDS: tuple[str, ...] = (
    AccountKind.AVAILABLE,
    AccountKind.HELD,
    AccountKind.CONSUMED,
    AccountKind.FORFEITED,
    AccountKind.REMOVED,
)
TRAINING_KINDS: tuple[str, ...] = (AccountKind.TRAINING, AccountKind.TRAINING_CONVERTED)
ALL_KINDS: tuple[str, ...] = tuple(AccountKind.values)

# The movements of the diagram above. Their reverses are allowed only as corrections.
FORWARD_MOVES: frozenset[tuple[str, str]] = frozenset(
    {
        (AccountKind.ISSUED, AccountKind.AVAILABLE),
        (AccountKind.AVAILABLE, AccountKind.HELD),
        (AccountKind.HELD, AccountKind.AVAILABLE),
        (AccountKind.HELD, AccountKind.CONSUMED),
        (AccountKind.HELD, AccountKind.FORFEITED),
        (AccountKind.AVAILABLE, AccountKind.FORFEITED),
        (AccountKind.AVAILABLE, AccountKind.REMOVED),
        (AccountKind.TRAINING_ISSUED, AccountKind.TRAINING),
        (AccountKind.TRAINING, AccountKind.TRAINING_CONVERTED),
    }
)


def is_source(kind: str) -> bool:
    return kind in SOURCE_KINDS


def check_move(source: str, destination: str, *, cause: str) -> None:
    """Raise ValueError unless the ledger allows days to move from `source` to `destination`."""
    if (source, destination) in FORWARD_MOVES:
        return
    if cause == EntryCause.CORRECTION and (destination, source) in FORWARD_MOVES:
        return
    raise ValueError(
        f"The ledger does not move days from {source!r} to {destination!r} (cause {cause!r})."
    )
