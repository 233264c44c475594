"""Refusals of the customer benefits capability (stable codes, rule ids)."""

from __future__ import annotations

from planserv.core.errors import Conflict, InvalidInput, NotFound, RuleViolation
from planserv.customers.ledger.errors import (  # noqa: F401  (one import place for callers)
    EntryAlreadyReversed,
    InsufficientDays,
    InvalidDays,
    LedgerKeyReused,
)


class AgreementNotFound(NotFound):
    code = "agreement_not_found"


class AgreementInvalid(InvalidInput):
    """A new agreement's fields are wrong (dates, type, coverage, customer)."""

    code = "invalid_agreement"
    rule = "R-ACC-1"


class LicensingIdTaken(Conflict):
    code = "licensing_id_taken"


class AlreadyActivated(Conflict):
    code = "already_activated"
    rule = "R-ACT-1"


class ConversionEnded(RuleViolation):
    code = "after_conversion_end"
    rule = "R-TRN-1"


class ConversionNotWhole(RuleViolation):
    code = "conversion_not_whole_days"
    rule = "R-TRN-1"


class AccrualEnded(RuleViolation):
    code = "after_accrual_end"
    rule = "R-ACC-1"


class NotACoverageYear(RuleViolation):
    code = "not_a_coverage_year"
    rule = "R-ACC-1"


class ReasonRequired(InvalidInput):
    code = "reason_required"


class RemovalNotDue(RuleViolation):
    code = "removal_not_due"
    rule = "R-LED-1"


class ImportAlreadyCommitted(Conflict):
    code = "import_already_committed"


class ImportFileInvalid(InvalidInput):
    code = "invalid_import_file"


class CorrectionNotAllowed(Conflict):
    code = "correction_not_allowed"
    rule = "R-LED-1"
