"""Refusals of the voucher lifecycle: a stable code, the rule, and (raised with) a sentence.

The list in docs/vouchers.md names the service that raises each one.
"""

from __future__ import annotations

from planserv.core.errors import Conflict, InvalidInput, NotFound, RuleViolation
from planserv.vouchers.lifecycle import InvalidTransition  # noqa: F401  (one import place)
from planserv.vouchers.voucher_id import InvalidVoucherId  # noqa: F401  (one import place)

# --- not found (R-ROLE-1) ----------------------------------------------------------------------


class VoucherNotFound(NotFound):
    """Unknown id, a foreign voucher, or (validate/reserve) a wrong id + email pair: one answer."""

    code = "voucher_not_found"


class VoucherNotReservedByYou(NotFound):
    """Batch redemption: the firm does not hold this voucher (R-RED-1)."""

    code = "voucher_not_reserved_by_you"
    rule = "R-RED-1"


class DeliverableNotFound(NotFound):
    code = "deliverable_not_found"


# --- create and assign -------------------------------------------------------------------------


class AgreementNotActivated(RuleViolation):
    code = "agreement_not_activated"
    rule = "R-ACT-1"


class AgreementNotActive(RuleViolation):
    code = "agreement_not_active"
    rule = "R-VOU-1"


class AfterLastCreateDay(RuleViolation):
    code = "after_last_create_day"
    rule = "R-VOU-3"


class CloudEngagementRetired(RuleViolation):
    code = "cloud_engagement_retired"
    rule = "R-VOU-3"


class InvalidServiceLevel(RuleViolation):
    code = "invalid_service_level"
    rule = "R-VOU-1"


class InvalidAssignee(RuleViolation):
    code = "invalid_assignee"
    rule = "R-VOU-1"


class InvalidNominatedPartner(RuleViolation):
    code = "invalid_nominated_partner"
    rule = "R-VOU-1"


class EngagementTypeCapExceeded(RuleViolation):
    code = "engagement_type_cap_exceeded"
    rule = "R-CAP-1"


class InsufficientDays(RuleViolation):
    code = "insufficient_days"
    rule = "R-VOU-2"


class VoucherIsReserved(Conflict):
    """Cancel refused: a partner holds the voucher (R-VOU-7)."""

    code = "voucher_reserved"
    rule = "R-VOU-7"


class VoucherCancelled(Conflict):
    code = "voucher_cancelled"
    rule = "R-VOU-7"


# --- validate and reserve ----------------------------------------------------------------------


class VoucherExpired(RuleViolation):
    code = "voucher_expired"
    rule = "R-EXP-2"


class AlreadyReserved(Conflict):
    code = "already_reserved"
    rule = "R-RES-3"


class AlreadyRedeemed(Conflict):
    code = "already_redeemed"
    rule = "R-RED-3"


class NominatedPartnerOnly(RuleViolation):
    code = "nominated_partner_only"
    rule = "R-RES-2"


class NotEligible(RuleViolation):
    code = "not_eligible"
    rule = "R-ENR-2"


class WrongLocationCountry(RuleViolation):
    code = "wrong_location_country"
    rule = "R-LOC-1"


class InvalidStartDate(RuleViolation):
    code = "invalid_start_date"
    rule = "R-RES-2"


class NoDayRateForCountry(RuleViolation):
    """The delivery country has no day rate in effect: the engagement could never be paid."""

    code = "no_day_rate_for_country"
    rule = "R-RES-5"


class TermsNotAccepted(RuleViolation):
    code = "terms_not_accepted"
    rule = "R-RES-2"


class VoucherNotReserved(Conflict):
    """The act needs a reserved voucher without a report (change date, file a report)."""

    code = "voucher_not_reserved"
    rule = "R-RES-4"


# --- deliver and report ------------------------------------------------------------------------


class ReportAlreadyFiled(Conflict):
    code = "report_already_filed"
    rule = "R-DEL-2"


class ReportInvalid(RuleViolation):
    code = "invalid_report"
    rule = "R-DEL-2"


class DaysExceedServiceLevel(RuleViolation):
    code = "days_exceed_service_level"
    rule = "R-DEL-2"


class OffsiteDaysExceeded(RuleViolation):
    code = "offsite_days_exceeded"
    rule = "R-DEL-2"


class ConsultantNotOfFirm(RuleViolation):
    code = "consultant_not_of_firm"
    rule = "R-DEL-1"


class ConsultantNotQualified(RuleViolation):
    code = "consultant_not_qualified"
    rule = "R-DEL-1"


class AttestationMissing(RuleViolation):
    code = "attestation_missing"
    rule = "R-DEL-2"


class DeliverableMissing(InvalidInput):
    code = "deliverable_missing"
    rule = "R-DEL-2"


class DeliverableTooLarge(InvalidInput):
    code = "file_too_large"
    rule = "R-DEL-2"


class UnsupportedDeliverableType(InvalidInput):
    code = "unsupported_file_type"
    rule = "R-DEL-2"


class TooManyDeliverables(InvalidInput):
    code = "too_many_files"
    rule = "R-DEL-2"


# --- redeem ------------------------------------------------------------------------------------


class ReportMissing(RuleViolation):
    code = "report_missing"
    rule = "R-RED-1"


class AfterLastRedemptionDay(RuleViolation):
    code = "after_last_redemption_day"
    rule = "R-RED-1"


class ConfirmationRequired(InvalidInput):
    code = "confirmation_required"
    rule = "R-RED-2"


class TooManyVouchers(InvalidInput):
    code = "too_many_vouchers"
    rule = "R-RED-2"


# --- operator bulk operations (docs/operator.md) -----------------------------------------------


class ExtensionNotUseful(RuleViolation):
    """The voucher is already usable through the last redemption day: more days would not help."""

    code = "extension_past_last_redemption_day"
    rule = "R-RED-1"


class AssigneeUnchanged(Conflict):
    code = "assignee_unchanged"
    rule = "R-VOU-1"


class BulkSelectionInvalid(InvalidInput):
    code = "invalid_selection"
    rule = "R-EXT-1"


class BulkReasonRequired(InvalidInput):
    code = "reason_required"
    rule = "R-EXT-1"
