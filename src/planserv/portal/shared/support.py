"""Support pages: partners and customers open and follow their organisation's requests; operator
support agents work their regional queues (docs/support.md). Each view makes one service or
selector call and renders; refusals are shown as the service's sentence."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries

from planserv.core import clock, uploads
from planserv.core.errors import DomainError, Forbidden
from planserv.core.types import Role
from planserv.portal.decorators import actor_of, portal_view
from planserv.portal.shared.support_forms import (
    ATTACHMENT_HELP,
    SupportAgentReplyForm,
    SupportReplyForm,
    SupportRequestForm,
    SupportStatusForm,
)
from planserv.support.attachments import ACCEPT_EXTENSIONS, AttachmentUpload, open_stored
from planserv.support.lifecycle import TRANSITIONS, SupportStatus
from planserv.support.models import SupportRequest
from planserv.support.selectors import (
    ALL_QUEUES,
    MY_QUEUES,
    OPERATOR_READER_ROLES,
    access_support_attachment,
    access_support_request_for_agent,
    access_support_request_for_requester,
    can_download_attachments,
    is_queue_agent,
    queue_scope_valid,
    response_clock,
    support_queue_for_country,
    support_queues_list,
    support_request_thread,
    support_requests_for_agent,
    support_requests_for_requester,
)
from planserv.support.services import (
    support_request_open,
    support_request_reply,
    support_request_set_status,
)

REQUESTER_SIDES = ("partner", "customer")
PAGE_SIZE = 50
OPERATOR_URLS = {
    "list": "portal:operator_support_queue",
    "detail": "portal:operator_support_detail",
    "reply": "portal:operator_support_reply",
    "status": "portal:operator_support_status",
    "attachment": "portal:operator_support_attachment",
}


def _urls(side: str) -> dict[str, str]:
    if side == "operator":
        return OPERATOR_URLS
    names = ("list", "new", "detail", "reply", "attachment")
    return {name: f"portal:{side}_support_{name}" for name in names}


def _wrong_side(request: HttpRequest) -> HttpResponse:
    reason = _("This page belongs to another side of the program.")
    return render(request, "portal/common/forbidden.html", {"reason": reason}, status=403)


def _uploads(request: HttpRequest) -> list[AttachmentUpload]:
    return [AttachmentUpload.of(upload) for upload in request.FILES.getlist("attachments")]


def _status_filter(value: str | None) -> str | None:
    return value if value in SupportStatus.values else None


def _page(request: HttpRequest, queryset: QuerySet[SupportRequest]) -> dict[str, Any]:
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    at = clock.now()
    rows = [{"item": item, "clock": response_clock(support_request=item, at=at)} for item in page]
    return {"page": page, "rows": rows}


@portal_view(kinds=REQUESTER_SIDES)
def requester_list(request: HttpRequest, side: str) -> HttpResponse:
    actor = actor_of(request)
    if actor.organisation_kind != side:
        return _wrong_side(request)
    status = _status_filter(request.GET.get("status"))
    queryset = support_requests_for_requester(actor=actor, status=status)
    context: dict[str, Any] = {
        "side": side,
        "urls": _urls(side),
        "status": status or "",
        "statuses": SupportStatus.choices,
    }
    context.update(_page(request, queryset))
    return render(request, "portal/common/support_list.html", context)


def _render_new(
    request: HttpRequest, side: str, form: SupportRequestForm, status: int = 200
) -> HttpResponse:
    actor = actor_of(request)
    try:
        queue = support_queue_for_country(country=actor.organisation_country)
    except DomainError:
        queue = None
    context = {
        "side": side,
        "urls": _urls(side),
        "form": form,
        "queue": queue,
        "country_name": countries.name(actor.organisation_country),
        "attachment_help": ATTACHMENT_HELP,
        "accept": ACCEPT_EXTENSIONS,
    }
    return render(request, "portal/common/support_new.html", context, status=status)


@portal_view(kinds=REQUESTER_SIDES)
def requester_new(request: HttpRequest, side: str) -> HttpResponse:
    actor = actor_of(request)
    if actor.organisation_kind != side:
        return _wrong_side(request)
    if request.method != "POST":
        return _render_new(request, side, SupportRequestForm())
    form = SupportRequestForm(request.POST)
    if not form.is_valid():
        return _render_new(request, side, form, status=400)
    data = form.cleaned_data
    try:
        item = support_request_open(
            subject=data["subject"],
            category=data["category"],
            message=data["message"],
            voucher_reference=data["voucher_id"],
            payment_request_reference=data["payment_request_id"],
            attachments=_uploads(request),
            actor=actor,
            today=clock.today(),
            at=clock.now(),
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _render_new(request, side, form, status=error.http_status)
    messages.success(
        request,
        _("Request %(reference)s sent to %(team)s.")
        % {"reference": item.reference, "team": item.queue.name},
    )
    return redirect(_urls(side)["detail"], request_id=item.pk)


def _render_detail(
    request: HttpRequest,
    side: str,
    item: SupportRequest,
    *,
    form: SupportReplyForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = actor_of(request)
    agent = side == "operator" and is_queue_agent(actor=actor, queue_id=item.queue_id)
    if form is None:
        form = SupportAgentReplyForm() if agent else SupportReplyForm()
    next_statuses = [
        (s, SupportStatus(s).label) for s in sorted(TRANSITIONS[SupportStatus(item.status)])
    ]
    context = {
        "side": side,
        "urls": _urls(side),
        "item": item,
        "thread": support_request_thread(support_request=item),
        "clock": response_clock(support_request=item, at=clock.now()),
        "can_reply": side != "operator" or agent,
        "is_agent": agent,
        "can_download": can_download_attachments(actor=actor, support_request=item),
        "form": form,
        "status_form": SupportStatusForm(),
        "next_statuses": next_statuses,
        "attachment_help": ATTACHMENT_HELP,
        "accept": ACCEPT_EXTENSIONS,
    }
    return render(request, "portal/common/support_detail.html", context, status=status)


@portal_view(kinds=REQUESTER_SIDES)
def requester_detail(request: HttpRequest, side: str, request_id: int) -> HttpResponse:
    actor = actor_of(request)
    if actor.organisation_kind != side:
        return _wrong_side(request)
    item = access_support_request_for_requester(actor=actor, request_id=request_id)
    return _render_detail(request, side, item)


def _reply(request: HttpRequest, side: str, item: SupportRequest) -> HttpResponse:
    agent = side == "operator"
    form: SupportReplyForm = (
        SupportAgentReplyForm(request.POST) if agent else SupportReplyForm(request.POST)
    )
    if not form.is_valid():
        return _render_detail(request, side, item, form=form, status=400)
    try:
        support_request_reply(
            support_request=item,
            body=form.cleaned_data["body"],
            attachments=_uploads(request),
            then_status=(form.cleaned_data.get("then_status") or None) if agent else None,
            actor=actor_of(request),
            today=clock.today(),
            at=clock.now(),
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _render_detail(request, side, item, form=form, status=error.http_status)
    messages.success(
        request, _("Reply sent. The requester is emailed.") if agent else _("Reply sent.")
    )
    return redirect(_urls(side)["detail"], request_id=item.pk)


@require_POST
@portal_view(kinds=REQUESTER_SIDES)
def requester_reply(request: HttpRequest, side: str, request_id: int) -> HttpResponse:
    actor = actor_of(request)
    if actor.organisation_kind != side:
        return _wrong_side(request)
    item = access_support_request_for_requester(actor=actor, request_id=request_id)
    return _reply(request, side, item)


def _download(request: HttpRequest, request_id: int, attachment_id: int) -> HttpResponseBase:
    try:
        attachment = access_support_attachment(
            actor=actor_of(request), request_id=request_id, attachment_id=attachment_id
        )
    except Forbidden as error:
        return render(
            request, "portal/common/forbidden.html", {"reason": error.message}, status=403
        )
    return uploads.file_response(
        open_stored(attachment.stored_name),
        content_type=attachment.content_type,
        download_name=attachment.original_name,
    )


@portal_view(kinds=REQUESTER_SIDES)
def requester_attachment(
    request: HttpRequest, side: str, request_id: int, attachment_id: int
) -> HttpResponseBase:
    if actor_of(request).organisation_kind != side:
        return _wrong_side(request)
    return _download(request, request_id, attachment_id)


@portal_view(kinds=("operator",), roles=OPERATOR_READER_ROLES)
def operator_queue(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    default_scope = MY_QUEUES if actor.role == Role.SUPPORT else ALL_QUEUES
    scope = request.GET.get("queue") or default_scope
    if not queue_scope_valid(scope):
        scope = default_scope
    raw_status = request.GET.get("status", SupportStatus.OPEN)
    status = _status_filter(raw_status)
    queryset = support_requests_for_agent(actor=actor, queue=scope, status=status)
    if status == SupportStatus.OPEN:
        # Longest-waiting first: the response clock runs from the last requester message.
        queryset = queryset.order_by("last_requester_message_at", "id")
    context = {
        "side": "operator",
        "urls": OPERATOR_URLS,
        "queues": support_queues_list(),
        "scope": scope,
        "status": status or "any",
        "statuses": SupportStatus.choices,
        "is_support": actor.role == Role.SUPPORT,
    }
    context.update(_page(request, queryset))
    return render(request, "portal/operator/support_queue.html", context)


@portal_view(kinds=("operator",), roles=OPERATOR_READER_ROLES)
def operator_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    item = access_support_request_for_agent(actor=actor_of(request), request_id=request_id)
    return _render_detail(request, "operator", item)


@require_POST
@portal_view(kinds=("operator",), roles=(Role.SUPPORT,))
def operator_reply(request: HttpRequest, request_id: int) -> HttpResponse:
    item = access_support_request_for_agent(actor=actor_of(request), request_id=request_id)
    return _reply(request, "operator", item)


@require_POST
@portal_view(kinds=("operator",), roles=(Role.SUPPORT,))
def operator_status(request: HttpRequest, request_id: int) -> HttpResponse:
    item = access_support_request_for_agent(actor=actor_of(request), request_id=request_id)
    form = SupportStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses offered."))
        return redirect(OPERATOR_URLS["detail"], request_id=item.pk)
    try:
        item = support_request_set_status(
            support_request=item,
            status=form.cleaned_data["status"],
            actor=actor_of(request),
            today=clock.today(),
            at=clock.now(),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        label = SupportStatus(item.status).label.lower()
        messages.success(
            request,
            _("%(reference)s is now %(status)s.") % {"reference": item.reference, "status": label},
        )
    return redirect(OPERATOR_URLS["detail"], request_id=item.pk)


@portal_view(kinds=("operator",), roles=OPERATOR_READER_ROLES)
def operator_attachment(
    request: HttpRequest, request_id: int, attachment_id: int
) -> HttpResponseBase:
    return _download(request, request_id, attachment_id)
