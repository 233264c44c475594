"""Reads of the support capability: routing, the requester's and the agent's views, the response
clock, the FAQ for a reader. Access helpers answer a foreign request as not found (R-ROLE-1)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from planserv.core.actor import Actor
from planserv.core.errors import Forbidden, InvalidInput
from planserv.core.types import Role
from planserv.support.errors import (
    NoSupportQueue,
    SupportAttachmentNotFound,
    SupportRequestNotFound,
)
from planserv.support.models import (
    FaqEntry,
    SupportAttachment,
    SupportCountryRoute,
    SupportMessage,
    SupportQueue,
    SupportQueueAgent,
    SupportRequest,
)

# Operator roles that read requests (domain.md section 1: support, program_admin and auditor read
# everything); only support agents of the request's queue write, only support staff see files.
OPERATOR_READER_ROLES = (Role.SUPPORT, Role.PROGRAM_ADMIN, Role.AUDITOR)
ALL_QUEUES = "all"
MY_QUEUES = "mine"
_QUEUE_CODE = re.compile(r"^[a-z0-9_-]{1,20}$")


def queue_scope_valid(scope: str) -> bool:
    """A queue filter is "mine", "all" or something shaped like a queue code."""
    return bool(_QUEUE_CODE.match(scope))


def support_queue_for_country(*, country: str) -> SupportQueue:
    """R-SUP-1: the queue the country is routed to, or the default queue; NoSupportQueue if none."""
    route = (
        SupportCountryRoute.objects.select_related("queue")
        .filter(country=country)
        .order_by("pk")
        .first()
    )
    if route is not None:
        return route.queue
    default = SupportQueue.objects.filter(is_default=True).order_by("pk").first()
    if default is None:
        raise NoSupportQueue(
            _(
                "No support queue serves %(country)s and no default queue is set up; the program "
                "office must add one (R-SUP-1)."
            )
            % {"country": country or _("your country")},
            details={"country": country},
        )
    return default


def support_queues_list() -> QuerySet[SupportQueue]:
    return SupportQueue.objects.order_by("name", "id")


def agent_queue_ids(*, actor: Actor) -> list[int]:
    """The queues the acting support membership works (empty for anyone else)."""
    if not actor.is_operator or actor.role != Role.SUPPORT or actor.membership_id is None:
        return []
    return list(
        SupportQueueAgent.objects.filter(membership_id=actor.membership_id)
        .order_by("queue_id")
        .values_list("queue_id", flat=True)
    )


def is_queue_agent(*, actor: Actor, queue_id: int) -> bool:
    return queue_id in agent_queue_ids(actor=actor)


def _with_lists(queryset: QuerySet[SupportRequest]) -> QuerySet[SupportRequest]:
    return queryset.select_related("organisation", "queue", "opened_by")


def support_requests_for_requester(
    *, actor: Actor, status: str | None = None
) -> QuerySet[SupportRequest]:
    """The requests of the acting partner or customer organisation (R-ROLE-1)."""
    if not (actor.is_partner or actor.is_customer) or actor.organisation_id is None:
        return SupportRequest.objects.none()
    queryset = SupportRequest.objects.filter(organisation_id=actor.organisation_id)
    if status:
        queryset = queryset.filter(status=status)
    return _with_lists(queryset)


def _require_operator_reader(actor: Actor) -> None:
    if not actor.is_operator:
        raise Forbidden(_("Only the program office works the support queues (R-ROLE-1)."))
    actor.require_role(*OPERATOR_READER_ROLES, action=_("read support requests"))


def support_requests_for_agent(
    *, actor: Actor, queue: str | None = None, status: str | None = None
) -> QuerySet[SupportRequest]:
    """An operator's queue view: `queue` is a queue code, "all", or None/"mine" for the queues
    the support agent works (every queue for program admins and auditors)."""
    _require_operator_reader(actor)
    queryset = SupportRequest.objects.all()
    scope = queue or (MY_QUEUES if actor.role == Role.SUPPORT else ALL_QUEUES)
    if not queue_scope_valid(scope):
        raise InvalidInput(
            _("%(scope)r is not a queue: use a queue code, %(ALL_QUEUES)r or %(MY_QUEUES)r.")
            % {"scope": scope[:40], "ALL_QUEUES": ALL_QUEUES, "MY_QUEUES": MY_QUEUES},
            details={"queue": scope[:40]},
        )
    if scope == MY_QUEUES:
        queryset = queryset.filter(queue_id__in=agent_queue_ids(actor=actor))
    elif scope != ALL_QUEUES:
        queryset = queryset.filter(queue__code=scope)
    if status:
        queryset = queryset.filter(status=status)
    return _with_lists(queryset)


def access_support_request_for_requester(*, actor: Actor, request_id: int) -> SupportRequest:
    """The request if it belongs to the acting organisation; SupportRequestNotFound otherwise."""
    try:
        return support_requests_for_requester(actor=actor).get(pk=request_id)
    except SupportRequest.DoesNotExist:
        raise SupportRequestNotFound(
            _("There is no support request %(request_id)s for your organisation (R-ROLE-1).")
            % {"request_id": request_id},
            details={"id": request_id},
        ) from None


def access_support_request_for_agent(*, actor: Actor, request_id: int) -> SupportRequest:
    """Any request, for an operator who reads the queues; Forbidden for other operator roles."""
    try:
        return support_requests_for_agent(actor=actor, queue=ALL_QUEUES).get(pk=request_id)
    except SupportRequest.DoesNotExist:
        raise SupportRequestNotFound(
            _("There is no support request %(request_id)s.") % {"request_id": request_id},
            details={"id": request_id},
        ) from None


def access_support_request(*, actor: Actor, request_id: int) -> SupportRequest:
    """The request as the actor's side may see it."""
    if actor.is_operator:
        return access_support_request_for_agent(actor=actor, request_id=request_id)
    return access_support_request_for_requester(actor=actor, request_id=request_id)


def support_request_thread(*, support_request: SupportRequest) -> list[SupportMessage]:
    """The messages, oldest first, with authors and attachments (a fixed number of queries)."""
    return list(
        SupportMessage.objects.filter(support_request=support_request)
        .select_related("author")
        .prefetch_related(Prefetch("attachments", SupportAttachment.objects.order_by("id")))
        .order_by("created_at", "id")
    )


def can_download_attachments(*, actor: Actor, support_request: SupportRequest) -> bool:
    """R-SUP-3: files go to the requester's organisation and operator support staff only."""
    if actor.is_operator:
        return actor.role == Role.SUPPORT
    return actor.organisation_id == support_request.organisation_id


def access_support_attachment(
    *, actor: Actor, request_id: int, attachment_id: int
) -> SupportAttachment:
    """An attachment the actor may download; SupportAttachmentNotFound otherwise (R-SUP-3)."""
    support_request = access_support_request(actor=actor, request_id=request_id)
    if not can_download_attachments(actor=actor, support_request=support_request):
        raise Forbidden(
            _("Only the requesting organisation and support staff may open attachments (R-SUP-3).")
        )
    attachment = (
        SupportAttachment.objects.filter(support_request=support_request, pk=attachment_id)
        .order_by("pk")
        .first()
    )
    if attachment is None:
        raise SupportAttachmentNotFound(
            _("Support request %(reference)s has no attachment %(attachment_id)s.")
            % {"reference": support_request.reference, "attachment_id": attachment_id},
            details={"id": attachment_id},
        )
    return attachment


@dataclass(frozen=True)
class ResponseClock:
    """How long the request has been open, waiting for support, and the first response time."""

    open_for: dt.timedelta
    waiting_on_support_for: dt.timedelta | None  # since the last requester message, if unanswered
    first_response_after: dt.timedelta | None

    @property
    def awaiting_support(self) -> bool:
        return self.waiting_on_support_for is not None


def response_clock(*, support_request: SupportRequest, at: dt.datetime) -> ResponseClock:
    """The response-time clock at `at` (R-SUP-5)."""
    end = support_request.resolved_at or at
    last_support = support_request.last_support_message_at
    unanswered = support_request.status != "resolved" and (
        last_support is None or last_support < support_request.last_requester_message_at
    )
    first = support_request.first_response_at
    return ResponseClock(
        open_for=max(end - support_request.opened_at, dt.timedelta(0)),
        waiting_on_support_for=(
            max(at - support_request.last_requester_message_at, dt.timedelta(0))
            if unanswered
            else None
        ),
        first_response_after=(first - support_request.opened_at) if first else None,
    )


def faq_entries_for(*, actor: Actor) -> QuerySet[FaqEntry]:
    """Published entries for the reader's organisation kind and role (R-SUP-4), in order."""
    kind = actor.organisation_kind or ""
    role = actor.role or ""
    return FaqEntry.objects.filter(
        Q(published=True),
        Q(audience_kinds=[]) | Q(audience_kinds__icontains=f'"{kind}"'),
        Q(audience_roles=[]) | Q(audience_roles__icontains=f'"{role}"'),
    ).order_by("order", "id")


def support_requests_of_organisation(*, organisation_id: int) -> QuerySet[SupportRequest]:
    """Every support request of one organisation, newest first (the operator's organisation
    pages; served by the (organisation, id) index)."""
    return (
        SupportRequest.objects.filter(organisation_id=organisation_id)
        .select_related("queue")
        .order_by("-id")
    )
