from django.urls import URLPattern, URLResolver, path

from planserv.portal.views import support

SIDE = {"side": "partner"}

urlpatterns: list[URLPattern | URLResolver] = [
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
]
