from django.urls import URLPattern, URLResolver, path

from planserv.portal.operator import (
    acting,
    agreements,
    audit,
    bulk,
    claims,
    console,
    mail,
    operations,
    organisations,
    partners,
    payments,
    program_settings,
)
from planserv.portal.shared import reports as report_views
from planserv.portal.shared import support

urlpatterns: list[URLPattern | URLResolver] = [
    path("jobs/", operations.job_runs, name="operator_job_runs"),
    path("jobs/run/", operations.job_runs_run_due, name="operator_job_runs_run"),
    path("clock/", operations.sandbox_clock, name="operator_clock"),
    path("clock/move/", operations.sandbox_clock_move, name="operator_clock_move"),
    path("mail/", mail.mail_list, name="operator_mail"),
    path("mail/<int:message_id>/", mail.mail_detail, name="operator_mail_message"),
    path("mail/<int:message_id>/body.html", mail.mail_html, name="operator_mail_html"),
    path("mail/<int:message_id>/retry/", mail.mail_retry, name="operator_mail_retry"),
    path("partners/", partners.firm_list, name="operator_partners"),
    path("partners/import/", partners.partner_import, name="operator_partner_import"),
    # Organisation pages (docs/operator.md): firm, customer, voucher, one search.
    path("organisations/", organisations.search, name="operator_search"),
    path("partners/<str:partner_id>/", organisations.firm_page, name="operator_firm"),
    path("customers/<str:customer_id>/", organisations.customer_page, name="operator_customer"),
    path("vouchers/<str:voucher_id>/", organisations.voucher_page, name="operator_voucher"),
    # Partner evidence (R-EVD-1): the claims queue, decisions, evidence files.
    path("claims/", claims.claim_queue, name="operator_claims"),
    path("claims/<int:claim_id>/decide/", claims.claim_decide, name="operator_claim_decide"),
    path("claims/<int:claim_id>/file/", claims.claim_file, name="operator_claim_file"),
    path("support/", support.operator_queue, name="operator_support_queue"),
    path("support/<int:request_id>/", support.operator_detail, name="operator_support_detail"),
    path(
        "support/<int:request_id>/reply/",
        support.operator_reply,
        name="operator_support_reply",
    ),
    path(
        "support/<int:request_id>/status/",
        support.operator_status,
        name="operator_support_status",
    ),
    path(
        "support/<int:request_id>/attachments/<int:attachment_id>/",
        support.operator_attachment,
        name="operator_support_attachment",
    ),
    path("agreements/", agreements.agreement_list, name="operator_agreements"),
    path("agreements/new/", agreements.agreement_create_view, name="operator_agreement_create"),
    path("agreements/import/", agreements.agreement_import_view, name="operator_agreement_import"),
    path(
        "agreements/import/<int:import_id>/",
        agreements.agreement_import_detail,
        name="operator_agreement_import_detail",
    ),
    path(
        "agreements/import/<int:import_id>/commit/",
        agreements.agreement_import_commit_view,
        name="operator_agreement_import_commit",
    ),
    path(
        "agreements/import/<int:import_id>/errors.csv",
        agreements.agreement_import_errors,
        name="operator_agreement_import_errors",
    ),
    path("ledger/check/", agreements.ledger_check_view, name="operator_ledger_check"),
    path(
        "agreements/<str:licensing_id>/",
        agreements.agreement_detail,
        name="operator_agreement_detail",
    ),
    path(
        "agreements/<str:licensing_id>/grants/",
        agreements.agreement_grant_view,
        name="operator_agreement_grant",
    ),
    path(
        "agreements/<str:licensing_id>/ledger/<int:entry_id>/correct/",
        agreements.agreement_correct_view,
        name="operator_agreement_correct",
    ),
    # Payments (payments capability): review queue, decisions, runs.
    path("payments/", payments.payment_queue, name="operator_payments"),
    path("payments/runs/", payments.payment_runs, name="operator_payment_runs"),
    path("payments/runs/<str:run_id>/", payments.payment_run, name="operator_payment_run"),
    path(
        "payments/runs/<str:run_id>/files/<str:file_format>/",
        payments.payment_run_download,
        name="operator_payment_run_download",
    ),
    path(
        "payments/runs/<str:run_id>/confirm/",
        payments.payment_run_confirm_view,
        name="operator_payment_run_confirm",
    ),
    path(
        "payments/details-changes/",
        payments.details_changes,
        name="operator_payment_details_changes",
    ),
    path(
        "payments/details-changes/<int:change_id>/<str:action>/",
        payments.details_change_decide,
        name="operator_payment_details_change_decide",
    ),
    path(
        "payments/<str:request_id>/files/<int:file_id>/",
        payments.payment_answer_file,
        name="operator_payment_answer_file",
    ),
    path("payments/<str:request_id>/", payments.payment_detail, name="operator_payment_detail"),
    path(
        "payments/<str:request_id>/<str:action>/",
        payments.payment_decide,
        name="operator_payment_decide",
    ),
    # Program settings (docs/operator.md): program_admin's day rates, calendar, paying account.
    path("settings/", program_settings.settings_index, name="operator_settings"),
    path("settings/day-rates/", program_settings.day_rates, name="operator_settings_day_rates"),
    path("settings/calendar/", program_settings.milestones, name="operator_settings_milestones"),
    path(
        "settings/payments/", program_settings.payment_settings, name="operator_settings_payments"
    ),
    path("settings/catalogue/", program_settings.catalogue, name="operator_settings_catalogue"),
    # Operator console (docs/operator.md): operations index, imports, bulk operations, audit, acting.
    path("operations/", console.operations, name="operator_operations"),
    path("imports/", console.imports, name="operator_imports"),
    path("bulk/extend/", bulk.bulk_extend, name="operator_bulk_extend"),
    path("bulk/reassign/", bulk.bulk_reassign, name="operator_bulk_reassign"),
    path("audit/", audit.audit_browser, name="operator_audit"),
    path("audit/export.csv", audit.audit_export, name="operator_audit_export"),
    path("act-for/", acting.act_for, name="operator_act_for"),
    # Reports (reports capability): the index, dashboard, funnel and retirement impact.
    path("reports/", report_views.reports_index, name="operator_reports"),
    path("reports/dashboard/", report_views.dashboard, name="operator_report_dashboard"),
    path("reports/funnel/", report_views.funnel, name="operator_report_funnel"),
    path(
        "reports/retirement-impact/",
        report_views.retirement_impact,
        name="operator_report_retirement",
    ),
    path(
        "reports/retirement-impact/<str:milestone>/<str:organisation>/",
        report_views.retirement_organisation,
        name="operator_report_retirement_org",
    ),
]
