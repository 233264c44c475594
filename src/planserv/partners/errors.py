"""Refusals of the partners domain: a stable code, the rule and a sentence (domain.md section 11)."""

from __future__ import annotations

from planserv.core.errors import Conflict, InvalidInput, NotFound, RuleViolation


class NotEligible(RuleViolation):
    code = "not_eligible"
    rule = "R-ENR-1"


class NotEligibleToDeliver(RuleViolation):
    """R-ENR-2 refuses: raised by callers that require engagement-type eligibility."""

    code = "not_eligible"
    rule = "R-ENR-2"


class CloudOfferingRetired(RuleViolation):
    code = "cloud_offering_retired"
    rule = "R-ENR-1"


class AgreementNotAccepted(RuleViolation):
    code = "agreement_not_accepted"
    rule = "R-ENR-1"


class AgreementVersionNotCurrent(Conflict):
    code = "agreement_version_not_current"
    rule = "R-ENR-1"


class NoAgreementInForce(RuleViolation):
    code = "no_agreement_in_force"
    rule = "R-ENR-1"


class AlreadyEnrolled(Conflict):
    code = "already_enrolled"
    rule = "R-ENR-1"


class EnrollmentLapsed(Conflict):
    code = "enrollment_lapsed"
    rule = "R-ENR-1"


class RenewalNotOpen(RuleViolation):
    code = "renewal_not_open"
    rule = "R-ENR-1"


class NotAPartnerFirm(InvalidInput):
    code = "not_a_partner_firm"
    rule = "R-ROLE-1"


class PartnerNotFound(NotFound):
    code = "partner_not_found"


class LocationNotFound(NotFound):
    code = "location_not_found"


class ConsultantNotFound(NotFound):
    code = "consultant_not_found"


class EnrollmentNotFound(NotFound):
    code = "enrollment_not_found"


class OfferingNotFound(NotFound):
    code = "offering_not_found"


class CompetencyNotFound(NotFound):
    code = "competency_not_found"


class ExamNotFound(NotFound):
    code = "exam_not_found"


class LogoNotFound(NotFound):
    code = "logo_not_found"


class LocationIdTaken(Conflict):
    code = "location_id_taken"


class ConsultantExists(Conflict):
    code = "consultant_exists"


class CompetencyAlreadyRecorded(Conflict):
    code = "competency_already_recorded"


class ExamAlreadyRecorded(Conflict):
    code = "exam_already_recorded"


class InvalidDates(InvalidInput):
    code = "invalid_dates"


class InvalidProfile(InvalidInput):
    code = "invalid_profile"


class DescriptionTooLong(InvalidInput):
    code = "description_too_long"


class OfferingNotEnrolled(RuleViolation):
    code = "offering_not_enrolled"
    rule = "R-ENR-1"


class ProfileIncomplete(RuleViolation):
    code = "profile_incomplete"


class ProfileAlreadyPublished(Conflict):
    code = "profile_already_published"


class ProfileNotPublished(Conflict):
    code = "profile_not_published"


class NoLogo(Conflict):
    code = "no_logo"


class FileTooLarge(InvalidInput):
    code = "file_too_large"


class UnsupportedFileType(InvalidInput):
    code = "unsupported_file_type"


class InvalidImport(InvalidInput):
    code = "invalid_import"


class ImportHasErrors(RuleViolation):
    code = "import_has_errors"


class ClaimNotFound(NotFound):
    code = "claim_not_found"
    rule = "R-EVD-1"


class ClaimAlreadyDecided(Conflict):
    code = "claim_already_decided"
    rule = "R-EVD-1"


class ClaimPending(Conflict):
    code = "claim_pending"
    rule = "R-EVD-1"


class EvidenceMissing(InvalidInput):
    code = "evidence_missing"
    rule = "R-EVD-1"


class ReasonMissing(InvalidInput):
    code = "reason_missing"
    rule = "R-EVD-1"
