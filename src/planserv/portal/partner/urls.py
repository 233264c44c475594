from django.urls import URLPattern, URLResolver, path

from planserv.portal.partner import payments, vouchers
from planserv.portal.partner.onboarding import consultants, eligibility, enrollment, profile
from planserv.portal.shared import documents, support
from planserv.portal.shared import reports as report_views

SIDE = {"side": "partner"}

urlpatterns: list[URLPattern | URLResolver] = [
    path("eligibility/", eligibility.eligibility, name="partner_eligibility"),
    path("enrollments/", enrollment.enrollments, name="partner_enrollments"),
    path("enrollments/<str:offering>/enroll/", enrollment.enroll, name="partner_enroll"),
    path(
        "enrollments/<str:offering>/renew/",
        enrollment.enrollment_renewal,
        name="partner_enrollment_renew",
    ),
    path("profile/", profile.profile, name="partner_profile"),
    path("profile/edit/", profile.profile_edit, name="partner_profile_edit"),
    path("profile/publish/", profile.profile_publish_view, name="partner_profile_publish"),
    path("profile/unpublish/", profile.profile_unpublish_view, name="partner_profile_unpublish"),
    path("profile/logo/", profile.profile_logo_view, name="partner_profile_logo"),
    path(
        "profile/logo/remove/",
        profile.profile_logo_remove_view,
        name="partner_profile_logo_remove",
    ),
    path("logos/<str:partner_id>/", profile.logo, name="partner_logo"),
    path("locations/", consultants.locations, name="partner_locations"),
    path("consultants/", consultants.consultants, name="partner_consultants"),
    path("evidence/", consultants.evidence, name="partner_evidence"),
    path("evidence/<int:claim_id>/file/", consultants.evidence_file, name="partner_evidence_file"),
    path("vouchers/", vouchers.voucher_list, name="partner_vouchers"),
    path("vouchers/reserve/", vouchers.voucher_reserve_view, name="partner_voucher_reserve"),
    path("vouchers/redeem/", vouchers.voucher_redeem_batch, name="partner_voucher_redeem_batch"),
    path("vouchers/<str:voucher_id>/", vouchers.voucher_detail, name="partner_voucher_detail"),
    path(
        "vouchers/<str:voucher_id>/voucher.pdf",
        documents.partner_voucher_pdf,
        name="partner_voucher_pdf",
    ),
    path(
        "vouchers/<str:voucher_id>/receipt.pdf",
        documents.partner_receipt_pdf,
        name="partner_voucher_receipt_pdf",
    ),
    path(
        "vouchers/<str:voucher_id>/start-date/",
        vouchers.voucher_change_date,
        name="partner_voucher_change_date",
    ),
    path(
        "vouchers/<str:voucher_id>/release/",
        vouchers.voucher_release_view,
        name="partner_voucher_release",
    ),
    path(
        "vouchers/<str:voucher_id>/report/", vouchers.voucher_report, name="partner_voucher_report"
    ),
    path(
        "vouchers/<str:voucher_id>/redeem/",
        vouchers.voucher_redeem_view,
        name="partner_voucher_redeem",
    ),
    path("support/", support.requester_list, SIDE, name="partner_support_list"),
    path("support/new/", support.requester_new, SIDE, name="partner_support_new"),
    path(
        "support/<int:request_id>/",
        support.requester_detail,
        SIDE,
        name="partner_support_detail",
    ),
    path(
        "support/<int:request_id>/reply/",
        support.requester_reply,
        SIDE,
        name="partner_support_reply",
    ),
    path(
        "support/<int:request_id>/attachments/<int:attachment_id>/",
        support.requester_attachment,
        SIDE,
        name="partner_support_attachment",
    ),
    # Payments (payments capability).
    path("payments/", payments.payment_list, name="partner_payments"),
    path("payments/register/", payments.payment_register, name="partner_payment_register"),
    path(
        "payments/details/change/",
        payments.payment_details_change,
        name="partner_payment_details_change",
    ),
    path(
        "payments/vouchers/<str:voucher_id>/request/",
        payments.payment_request_form,
        name="partner_payment_request",
    ),
    path("payments/<str:request_id>/", payments.payment_detail, name="partner_payment_detail"),
    path(
        "payments/<str:request_id>/files/<int:file_id>/",
        payments.payment_answer_file,
        name="partner_payment_answer_file",
    ),
    path(
        "payments/<str:request_id>/remittance.pdf",
        documents.partner_remittance_pdf,
        name="partner_payment_remittance_pdf",
    ),
    path(
        "payments/<str:request_id>/respond/",
        payments.payment_respond,
        name="partner_payment_respond",
    ),
    # Reports (reports capability): the partner firm's own slice.
    path("reports/", report_views.partner_reports, name="partner_reports"),
]
