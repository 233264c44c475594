"""The payment request lifecycle (R-PAY-5). No ORM, no clock.

    submitted ──► validating ──► approved ──► in_payment_run ──► paid
                   │   ▲   │
              hold ▼   │   └──► denied (with a reason)
                  held ─┘ respond

`submitted` is the moment of filing; the automated validation (R-PAY-4) runs in the same
transaction and moves the request to `validating`, where a reviewer decides.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planserv.core.errors import Conflict


class PaymentRequestStatus(models.TextChoices):
    SUBMITTED = "submitted", gettext_lazy("Submitted")
    VALIDATING = "validating", gettext_lazy("Validating")
    HELD = "held", gettext_lazy("Held: question to the partner")
    APPROVED = "approved", gettext_lazy("Approved")
    IN_PAYMENT_RUN = "in_payment_run", gettext_lazy("In a payment run")
    PAID = "paid", gettext_lazy("Paid")
    DENIED = "denied", gettext_lazy("Denied")


S = PaymentRequestStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    S.SUBMITTED: frozenset({S.VALIDATING}),
    S.VALIDATING: frozenset({S.APPROVED, S.HELD, S.DENIED}),
    S.HELD: frozenset({S.VALIDATING}),
    S.APPROVED: frozenset({S.IN_PAYMENT_RUN}),
    S.IN_PAYMENT_RUN: frozenset({S.PAID}),
    S.PAID: frozenset(),
    S.DENIED: frozenset(),
}

# The timestamp column set when a request enters each status (per-state timestamps).
TIMESTAMP_OF: dict[str, str] = {
    S.SUBMITTED: "submitted_at",
    S.VALIDATING: "validating_at",
    S.HELD: "held_at",
    S.APPROVED: "approved_at",
    S.IN_PAYMENT_RUN: "in_payment_run_at",
    S.PAID: "paid_at",
    S.DENIED: "denied_at",
}


class InvalidPaymentTransition(Conflict):
    code = "invalid_transition"
    rule = "R-PAY-5"


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def check_transition(current: str, target: str) -> None:
    """Raise InvalidPaymentTransition unless `current` → `target` is in the table (R-PAY-5)."""
    if not can_transition(current, target):
        raise InvalidPaymentTransition(
            _("A payment request that is %(label)s cannot become %(label2)s (R-PAY-5).")
            % {"label": S(current).label.lower(), "label2": S(target).label.lower()},
            details={"status": current, "target": target},
        )
