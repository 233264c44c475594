"""The operator's Mail page: the outbox with status, attempts and errors, a retry for failed
messages, and each message rendered as its recipient sees it (domain.md section 7)."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.core.types import OrganisationKind
from planserv.jobs.services import MAIL_RETRY_ROLES, outbox_message_retry
from planserv.notifications.delivery import message_id_for
from planserv.notifications.models import OutboxStatus
from planserv.notifications.selectors import (
    outbox_message_get,
    outbox_messages_list,
    outbox_relay_get,
    outbox_status_counts,
)
from planserv.portal.decorators import actor_of, portal_view

OPERATORS = (OrganisationKind.OPERATOR,)
PAGE_SIZE = 50
# The email's own HTML (with its <style> block) is shown in a sandboxed frame under this policy.
EMAIL_FRAME_POLICY = {
    "default-src": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["data:"],
    "script-src": ["'none'"],
    "connect-src": ["'none'"],
    "form-action": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'self'"],
}


def _may_retry(request: HttpRequest) -> bool:
    return actor_of(request).role in MAIL_RETRY_ROLES


@portal_view(kinds=OPERATORS)
def mail_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    search = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    queryset = outbox_messages_list(
        status=status if status in OutboxStatus.values else None, search=search
    )
    before = request.GET.get("before", "")
    if before.isdigit() and len(before) < 19:
        queryset = queryset.filter(pk__lt=int(before))
    rows = list(queryset[: PAGE_SIZE + 1])
    older = rows[PAGE_SIZE - 1].pk if len(rows) > PAGE_SIZE else None
    return render(
        request,
        "portal/operator/mail_list.html",
        {
            "rows": rows[:PAGE_SIZE],
            "older": older,
            "counts": outbox_status_counts(),
            "relay": outbox_relay_get(),
            "now": clock.real_now(),
            "statuses": OutboxStatus.choices,
            "status": status,
            "q": search,
            "may_retry": _may_retry(request),
            "retryable": (OutboxStatus.FAILED, OutboxStatus.DEAD),
        },
    )


@portal_view(kinds=OPERATORS)
def mail_detail(request: HttpRequest, message_id: int) -> HttpResponse:
    message = outbox_message_get(message_id=message_id)
    return render(
        request,
        "portal/operator/mail_detail.html",
        {
            "message": message,
            "message_id_header": message_id_for(message.dedup_key),
            "may_retry": _may_retry(request)
            and message.status in (OutboxStatus.FAILED, OutboxStatus.DEAD),
        },
    )


@xframe_options_sameorigin
@csp_replace(EMAIL_FRAME_POLICY)
@portal_view(kinds=OPERATORS)
def mail_html(request: HttpRequest, message_id: int) -> HttpResponse:
    message = outbox_message_get(message_id=message_id)
    body = message.body_html or format_html("<p>{}</p>", _("This message has no HTML part."))
    return HttpResponse(body, content_type="text/html; charset=utf-8")


@require_POST
@portal_view(kinds=OPERATORS, roles=MAIL_RETRY_ROLES)
def mail_retry(request: HttpRequest, message_id: int) -> HttpResponse:
    try:
        message = outbox_message_retry(
            message_id=message_id, actor=actor_of(request), today=clock.today(), at=clock.now()
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Message to %(email)s queued for delivery again.") % {"email": message.to_email},
        )
    if request.POST.get("back") == "detail":
        return redirect("portal:operator_mail_message", message_id=message_id)
    return redirect("portal:operator_mail")
