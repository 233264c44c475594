from django.urls import URLPattern, URLResolver, path

from planserv.portal.customer import agreements, directory, vouchers
from planserv.portal.shared import documents, support
from planserv.portal.shared import reports as report_views

SIDE = {"side": "customer"}

urlpatterns: list[URLPattern | URLResolver] = [
    path("directory/", directory.directory, name="customer_directory"),
    path("support/", support.requester_list, SIDE, name="customer_support_list"),
    path("support/new/", support.requester_new, SIDE, name="customer_support_new"),
    path(
        "support/<int:request_id>/",
        support.requester_detail,
        SIDE,
        name="customer_support_detail",
    ),
    path(
        "support/<int:request_id>/reply/",
        support.requester_reply,
        SIDE,
        name="customer_support_reply",
    ),
    path(
        "support/<int:request_id>/attachments/<int:attachment_id>/",
        support.requester_attachment,
        SIDE,
        name="customer_support_attachment",
    ),
    path("agreements/", agreements.agreement_list, name="customer_agreements"),
    path(
        "agreements/<str:licensing_id>/",
        agreements.agreement_detail,
        name="customer_agreement_detail",
    ),
    path(
        "agreements/<str:licensing_id>/activate/",
        agreements.agreement_activate_view,
        name="customer_agreement_activate",
    ),
    path(
        "agreements/<str:licensing_id>/conversions/",
        agreements.agreement_convert_view,
        name="customer_agreement_convert",
    ),
    path("vouchers/", vouchers.voucher_list, name="customer_vouchers"),
    path("vouchers/new/", vouchers.voucher_create, name="customer_voucher_create"),
    path("vouchers/<str:voucher_id>/", vouchers.voucher_detail, name="customer_voucher_detail"),
    path(
        "vouchers/<str:voucher_id>/voucher.pdf",
        documents.customer_voucher_pdf,
        name="customer_voucher_pdf",
    ),
    path(
        "vouchers/<str:voucher_id>/cancel/",
        vouchers.voucher_cancel_view,
        name="customer_voucher_cancel",
    ),
    # Reports (reports capability): the customer's own slice.
    path("reports/", report_views.customer_reports, name="customer_reports"),
]
