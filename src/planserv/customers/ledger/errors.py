"""Refusals of the days ledger."""

from __future__ import annotations

from planserv.core.errors import Conflict, InvalidInput, RuleViolation


class InsufficientDays(RuleViolation):
    """A non-source account would go negative (R-LED-2; for vouchers also R-VOU-2)."""

    code = "insufficient_days"
    rule = "R-LED-2"


class InvalidDays(InvalidInput):
    """Days are whole and positive."""

    code = "invalid_days"
    rule = "R-LED-1"


class LedgerKeyReused(Conflict):
    """An idempotency key already names an entry with other parameters."""

    code = "ledger_idempotency_key_reused"
    rule = "R-LED-1"


class EntryAlreadyReversed(Conflict):
    code = "already_reversed"
    rule = "R-LED-1"
