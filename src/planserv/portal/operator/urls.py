from django.urls import URLPattern, URLResolver, path

from planserv.portal.operator import mail, operations, partners
from planserv.portal.views import support

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
]
