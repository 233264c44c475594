from django.urls import URLPattern, URLResolver, path

from planserv.portal.operator import mail, operations, partners

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
]
