from django.urls import URLPattern, URLResolver, path

from planserv.portal.views import support

urlpatterns: list[URLPattern | URLResolver] = [
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
