"""Contains all the data models used in inputs/outputs"""

from .agreement_create_in import AgreementCreateIn
from .agreement_create_in_coverage import AgreementCreateInCoverage
from .agreement_filters import AgreementFilters
from .agreement_out import AgreementOut
from .answer_in import AnswerIn
from .audit_event_out import AuditEventOut
from .audit_event_out_after_type_0 import AuditEventOutAfterType0
from .audit_event_out_before_type_0 import AuditEventOutBeforeType0
from .audit_query import AuditQuery
from .balances_out import BalancesOut
from .batch_in import BatchIn
from .batch_out import BatchOut
from .batch_result_out import BatchResultOut
from .bulk_item_out import BulkItemOut
from .bulk_out import BulkOut
from .change_date_in import ChangeDateIn
from .checklist_figure_out import ChecklistFigureOut
from .checklist_item_out import ChecklistItemOut
from .checklist_link_out import ChecklistLinkOut
from .checklist_step_out import ChecklistStepOut
from .claim_reject_in import ClaimRejectIn
from .claim_verify_in import ClaimVerifyIn
from .clock_in import ClockIn
from .clock_move_out import ClockMoveOut
from .clock_out import ClockOut
from .column_out import ColumnOut
from .competency_claim_in import CompetencyClaimIn
from .competency_held_out import CompetencyHeldOut
from .competency_requirement_out import CompetencyRequirementOut
from .completion_report_out import CompletionReportOut
from .consultant_in import ConsultantIn
from .consultant_out import ConsultantOut
from .conversion_in import ConversionIn
from .conversion_out import ConversionOut
from .correction_in import CorrectionIn
from .coverage_out import CoverageOut
from .customer_ref_out import CustomerRefOut
from .day_rate_in import DayRateIn
from .day_rate_out import DayRateOut
from .deadlines_out import DeadlinesOut
from .deliverable_out import DeliverableOut
from .delivery_status import DeliveryStatus
from .details_change_in import DetailsChangeIn
from .details_change_out import DetailsChangeOut
from .details_reject_in import DetailsRejectIn
from .directory_competency_out import DirectoryCompetencyOut
from .directory_entry_out import DirectoryEntryOut
from .eligibility_out import EligibilityOut
from .engagement_type_eligibility_out import EngagementTypeEligibilityOut
from .engagement_type_out import EngagementTypeOut
from .engagement_type_ref_out import EngagementTypeRefOut
from .enrollment_create_in import EnrollmentCreateIn
from .enrollment_out import EnrollmentOut
from .enrollment_renew_in import EnrollmentRenewIn
from .enrollment_summary_out import EnrollmentSummaryOut
from .error_detail import ErrorDetail
from .error_detail_details import ErrorDetailDetails
from .error_out import ErrorOut
from .evidence_claim_out import EvidenceClaimOut
from .exam_claim_in import ExamClaimIn
from .exam_passed_out import ExamPassedOut
from .export_query import ExportQuery
from .extend_in import ExtendIn
from .faq_entry_out import FaqEntryOut
from .file_completion_report_multi_part_body_params import FileCompletionReportMultiPartBodyParams
from .flag_out import FlagOut
from .flag_out_evidence import FlagOutEvidence
from .funnel_query import FunnelQuery
from .getting_started_out import GettingStartedOut
from .grant_in import GrantIn
from .history_out import HistoryOut
from .impact_query import ImpactQuery
from .impact_totals_out import ImpactTotalsOut
from .invitation_in import InvitationIn
from .invitation_out import InvitationOut
from .job_run_detail_out import JobRunDetailOut
from .job_run_detail_out_counts import JobRunDetailOutCounts
from .job_run_out import JobRunOut
from .job_run_out_counts import JobRunOutCounts
from .jobs_run_out import JobsRunOut
from .ledger_entry_out import LedgerEntryOut
from .location_out import LocationOut
from .location_ref_out import LocationRefOut
from .logo_in import LogoIn
from .me_out import MeOut
from .member_out import MemberOut
from .member_roles_in import MemberRolesIn
from .milestone_change_in import MilestoneChangeIn
from .milestone_changed_out import MilestoneChangedOut
from .milestone_out import MilestoneOut
from .milestone_preview_in import MilestonePreviewIn
from .milestone_preview_out import MilestonePreviewOut
from .note_in import NoteIn
from .offering_eligibility_out import OfferingEligibilityOut
from .offering_out import OfferingOut
from .open_support_request_files_body import OpenSupportRequestFilesBody
from .open_support_request_files_body_support_category import OpenSupportRequestFilesBodySupportCategory
from .open_support_request_json_body import OpenSupportRequestJsonBody
from .open_support_request_json_body_support_category import OpenSupportRequestJsonBodySupportCategory
from .organisation_out import OrganisationOut
from .outbox_message_detail_out import OutboxMessageDetailOut
from .outbox_message_out import OutboxMessageOut
from .overdue_out import OverdueOut
from .overdue_request_out import OverdueRequestOut
from .page_agreement_out import PageAgreementOut
from .page_audit_event_out import PageAuditEventOut
from .page_consultant_out import PageConsultantOut
from .page_directory_entry_out import PageDirectoryEntryOut
from .page_enrollment_out import PageEnrollmentOut
from .page_evidence_claim_out import PageEvidenceClaimOut
from .page_faq_entry_out import PageFaqEntryOut
from .page_invitation_out import PageInvitationOut
from .page_job_run_detail_out import PageJobRunDetailOut
from .page_ledger_entry_out import PageLedgerEntryOut
from .page_location_out import PageLocationOut
from .page_member_out import PageMemberOut
from .page_outbox_message_out import PageOutboxMessageOut
from .page_request_out import PageRequestOut
from .page_support_request_out import PageSupportRequestOut
from .page_voucher_out import PageVoucherOut
from .page_webhook_delivery_out import PageWebhookDeliveryOut
from .payment_settings_in import PaymentSettingsIn
from .payment_settings_out import PaymentSettingsOut
from .preferences_in import PreferencesIn
from .preview_out import PreviewOut
from .profile_in import ProfileIn
from .profile_out import ProfileOut
from .question_in import QuestionIn
from .reason_in import ReasonIn
from .reassign_in import ReassignIn
from .redeem_in import RedeemIn
from .ref_out import RefOut
from .registration_in import RegistrationIn
from .registration_out import RegistrationOut
from .remittance_query import RemittanceQuery
from .renewal_out import RenewalOut
from .reply_to_support_request_files_body import ReplyToSupportRequestFilesBody
from .reply_to_support_request_files_body_support_status import ReplyToSupportRequestFilesBodySupportStatus
from .reply_to_support_request_json_body import ReplyToSupportRequestJsonBody
from .reply_to_support_request_json_body_support_status import ReplyToSupportRequestJsonBodySupportStatus
from .report_in import ReportIn
from .report_out import ReportOut
from .report_out_meta import ReportOutMeta
from .request_detail_out import RequestDetailOut
from .request_filters import RequestFilters
from .request_in import RequestIn
from .request_out import RequestOut
from .requirement_out import RequirementOut
from .reservation_out import ReservationOut
from .reserve_in import ReserveIn
from .run_confirm_in import RunConfirmIn
from .run_in import RunIn
from .run_out import RunOut
from .second_factor_out import SecondFactorOut
from .single_sign_on_in import SingleSignOnIn
from .single_sign_on_out import SingleSignOnOut
from .slice_query import SliceQuery
from .support_attachment_out import SupportAttachmentOut
from .support_message_out import SupportMessageOut
from .support_request_detail_out import SupportRequestDetailOut
from .support_request_out import SupportRequestOut
from .support_status import SupportStatus
from .support_status_in import SupportStatusIn
from .table_out import TableOut
from .transition_out import TransitionOut
from .unpayable_reservation_out import UnpayableReservationOut
from .validate_in import ValidateIn
from .voucher_create_in import VoucherCreateIn
from .voucher_detail_out import VoucherDetailOut
from .voucher_filters import VoucherFilters
from .voucher_out import VoucherOut
from .webhook_change_in import WebhookChangeIn
from .webhook_created_out import WebhookCreatedOut
from .webhook_delivery_out import WebhookDeliveryOut
from .webhook_delivery_out_payload import WebhookDeliveryOutPayload
from .webhook_in import WebhookIn
from .webhook_out import WebhookOut

__all__ = (
    "AgreementCreateIn",
    "AgreementCreateInCoverage",
    "AgreementFilters",
    "AgreementOut",
    "AnswerIn",
    "AuditEventOut",
    "AuditEventOutAfterType0",
    "AuditEventOutBeforeType0",
    "AuditQuery",
    "BalancesOut",
    "BatchIn",
    "BatchOut",
    "BatchResultOut",
    "BulkItemOut",
    "BulkOut",
    "ChangeDateIn",
    "ChecklistFigureOut",
    "ChecklistItemOut",
    "ChecklistLinkOut",
    "ChecklistStepOut",
    "ClaimRejectIn",
    "ClaimVerifyIn",
    "ClockIn",
    "ClockMoveOut",
    "ClockOut",
    "ColumnOut",
    "CompetencyClaimIn",
    "CompetencyHeldOut",
    "CompetencyRequirementOut",
    "CompletionReportOut",
    "ConsultantIn",
    "ConsultantOut",
    "ConversionIn",
    "ConversionOut",
    "CorrectionIn",
    "CoverageOut",
    "CustomerRefOut",
    "DayRateIn",
    "DayRateOut",
    "DeadlinesOut",
    "DeliverableOut",
    "DeliveryStatus",
    "DetailsChangeIn",
    "DetailsChangeOut",
    "DetailsRejectIn",
    "DirectoryCompetencyOut",
    "DirectoryEntryOut",
    "EligibilityOut",
    "EngagementTypeEligibilityOut",
    "EngagementTypeOut",
    "EngagementTypeRefOut",
    "EnrollmentCreateIn",
    "EnrollmentOut",
    "EnrollmentRenewIn",
    "EnrollmentSummaryOut",
    "ErrorDetail",
    "ErrorDetailDetails",
    "ErrorOut",
    "EvidenceClaimOut",
    "ExamClaimIn",
    "ExamPassedOut",
    "ExportQuery",
    "ExtendIn",
    "FaqEntryOut",
    "FileCompletionReportMultiPartBodyParams",
    "FlagOut",
    "FlagOutEvidence",
    "FunnelQuery",
    "GettingStartedOut",
    "GrantIn",
    "HistoryOut",
    "ImpactQuery",
    "ImpactTotalsOut",
    "InvitationIn",
    "InvitationOut",
    "JobRunDetailOut",
    "JobRunDetailOutCounts",
    "JobRunOut",
    "JobRunOutCounts",
    "JobsRunOut",
    "LedgerEntryOut",
    "LocationOut",
    "LocationRefOut",
    "LogoIn",
    "MemberOut",
    "MemberRolesIn",
    "MeOut",
    "MilestoneChangedOut",
    "MilestoneChangeIn",
    "MilestoneOut",
    "MilestonePreviewIn",
    "MilestonePreviewOut",
    "NoteIn",
    "OfferingEligibilityOut",
    "OfferingOut",
    "OpenSupportRequestFilesBody",
    "OpenSupportRequestFilesBodySupportCategory",
    "OpenSupportRequestJsonBody",
    "OpenSupportRequestJsonBodySupportCategory",
    "OrganisationOut",
    "OutboxMessageDetailOut",
    "OutboxMessageOut",
    "OverdueOut",
    "OverdueRequestOut",
    "PageAgreementOut",
    "PageAuditEventOut",
    "PageConsultantOut",
    "PageDirectoryEntryOut",
    "PageEnrollmentOut",
    "PageEvidenceClaimOut",
    "PageFaqEntryOut",
    "PageInvitationOut",
    "PageJobRunDetailOut",
    "PageLedgerEntryOut",
    "PageLocationOut",
    "PageMemberOut",
    "PageOutboxMessageOut",
    "PageRequestOut",
    "PageSupportRequestOut",
    "PageVoucherOut",
    "PageWebhookDeliveryOut",
    "PaymentSettingsIn",
    "PaymentSettingsOut",
    "PreferencesIn",
    "PreviewOut",
    "ProfileIn",
    "ProfileOut",
    "QuestionIn",
    "ReasonIn",
    "ReassignIn",
    "RedeemIn",
    "RefOut",
    "RegistrationIn",
    "RegistrationOut",
    "RemittanceQuery",
    "RenewalOut",
    "ReplyToSupportRequestFilesBody",
    "ReplyToSupportRequestFilesBodySupportStatus",
    "ReplyToSupportRequestJsonBody",
    "ReplyToSupportRequestJsonBodySupportStatus",
    "ReportIn",
    "ReportOut",
    "ReportOutMeta",
    "RequestDetailOut",
    "RequestFilters",
    "RequestIn",
    "RequestOut",
    "RequirementOut",
    "ReservationOut",
    "ReserveIn",
    "RunConfirmIn",
    "RunIn",
    "RunOut",
    "SecondFactorOut",
    "SingleSignOnIn",
    "SingleSignOnOut",
    "SliceQuery",
    "SupportAttachmentOut",
    "SupportMessageOut",
    "SupportRequestDetailOut",
    "SupportRequestOut",
    "SupportStatus",
    "SupportStatusIn",
    "TableOut",
    "TransitionOut",
    "UnpayableReservationOut",
    "ValidateIn",
    "VoucherCreateIn",
    "VoucherDetailOut",
    "VoucherFilters",
    "VoucherOut",
    "WebhookChangeIn",
    "WebhookCreatedOut",
    "WebhookDeliveryOut",
    "WebhookDeliveryOutPayload",
    "WebhookIn",
    "WebhookOut",
)
