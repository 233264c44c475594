"""Every write of the support capability (STYLE.md section 2): open, reply, set status, agents, FAQ.

Shape: check input and files → lock → re-check → change → audit_record → outbox_enqueue, in one
transaction. Refusals are DomainErrors and change nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from planserv.accounts.models import Membership, Organisation
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.types import OrganisationKind, Role
from planserv.notifications.messages import Recipient, SupportReplyMessage, send
from planserv.support import attachments as files
from planserv.support.attachments import AttachmentUpload
from planserv.support.errors import (
    NotQueueAgent,
    RequesterOnly,
    SupportInputInvalid,
    SupportRequestNotFound,
    SupportStaffOnly,
)
from planserv.support.lifecycle import SupportStatus, check_transition
from planserv.support.models import (
    FaqEntry,
    MessageSide,
    SupportAttachment,
    SupportCategory,
    SupportMessage,
    SupportQueue,
    SupportQueueAgent,
    SupportRequest,
)
from planserv.support.selectors import is_queue_agent, support_queue_for_country
from planserv.support.validation import (
    clean_audience,
    clean_body,
    clean_reference,
    clean_subject,
)


def _user_id(actor: Actor) -> int:
    if actor.user_id is None:
        raise SupportInputInvalid(_("Support messages are written by a person, not by a job."))
    return actor.user_id


def _store_attachments(
    *,
    checked: Sequence[files.CheckedAttachment],
    message: SupportMessage,
    at: dt.datetime,
) -> list[SupportAttachment]:
    return [
        SupportAttachment.objects.create(
            support_request=message.support_request,
            message=message,
            original_name=item.original_name,
            stored_name=files.store(item),
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
            created_at=at,
        )
        for item in checked
    ]


def _attachment_log(stored: Sequence[SupportAttachment]) -> list[dict[str, object]]:
    return [{"name": a.original_name, "type": a.content_type, "size": a.size} for a in stored]


@transaction.atomic
def support_request_open(
    *,
    subject: str,
    category: str,
    message: str,
    voucher_reference: str = "",
    payment_request_reference: str = "",
    attachments: Sequence[AttachmentUpload] = (),
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> SupportRequest:
    """Open a request for the acting partner or customer organisation, routed to the queue of its
    country (R-SUP-1). Raises RequesterOnly, SupportInputInvalid, AttachmentRefused (R-SUP-3)."""
    if not (actor.is_partner or actor.is_customer) or actor.organisation_id is None:
        raise RequesterOnly(
            _("Support requests are opened by partner and customer organisations (R-ROLE-1).")
        )
    if category not in SupportCategory.values:
        raise SupportInputInvalid(
            _("%(category)r is not a support category; use one of %(categories)s.")
            % {"category": category, "categories": ", ".join(SupportCategory.values)},
            details={"category": category, "allowed": SupportCategory.values},
        )
    subject, body = clean_subject(subject), clean_body(message)
    voucher_reference = clean_reference(voucher_reference, label="voucher id")
    payment_request_reference = clean_reference(
        payment_request_reference, label="payment request id"
    )
    checked = files.check_uploads(attachments)
    organisation = Organisation.objects.get(pk=actor.organisation_id)
    country = str(organisation.country)
    queue = support_queue_for_country(country=country)
    support_request = SupportRequest.objects.create(
        organisation=organisation,
        opened_by_id=_user_id(actor),
        queue=queue,
        country=country,
        subject=subject,
        category=category,
        voucher_reference=voucher_reference,
        payment_request_reference=payment_request_reference,
        status=SupportStatus.OPEN,
        opened_at=at,
        opened_on=today,
        last_requester_message_at=at,
        status_changed_at=at,
    )
    first = SupportMessage.objects.create(
        support_request=support_request,
        author_id=_user_id(actor),
        side=MessageSide.REQUESTER,
        body=body,
        created_at=at,
    )
    stored = _store_attachments(checked=checked, message=first, at=at)
    audit_record(
        actor=actor,
        action=AuditEventType.SUPPORT_REQUEST_OPENED,
        subject=support_request,
        at=at,
        program_date=today,
        organisation_id=organisation.pk,
        organisation_label=organisation.name,
        after={
            "subject": subject,
            "category": category,
            "queue": queue.code,
            "country": country,
            "status": support_request.status,
            "voucher_reference": voucher_reference,
            "payment_request_reference": payment_request_reference,
            "attachments": _attachment_log(stored),
        },
    )
    return support_request


def _locked(support_request: SupportRequest) -> SupportRequest:
    return (
        SupportRequest.objects.select_for_update()
        .select_related("organisation", "queue", "opened_by")
        .get(pk=support_request.pk)
    )


def _require_agent(actor: Actor, support_request: SupportRequest, *, action: str) -> None:
    if not actor.is_operator or (actor.role != Role.SUPPORT and not actor.is_system):
        raise SupportStaffOnly(
            _("Only operator support staff may %(action)s (R-ROLE-1).") % {"action": action},
            details={"role": actor.role},
        )
    if not actor.is_system and not is_queue_agent(actor=actor, queue_id=support_request.queue_id):
        raise NotQueueAgent(
            _(
                "You are not an agent of %(name)s, the queue of %(reference)s; a program admin "
                "adds agents to queues (R-SUP-1)."
            )
            % {"name": support_request.queue.name, "reference": support_request.reference},
            details={"queue": support_request.queue.code},
        )


def _side_of(actor: Actor, support_request: SupportRequest) -> MessageSide:
    """Which side a reply comes from; a foreign requester is answered as not found (R-ROLE-1)."""
    if actor.is_operator:
        _require_agent(actor, support_request, action=_("answer support requests"))
        return MessageSide.SUPPORT
    if actor.organisation_id != support_request.organisation_id:
        raise SupportRequestNotFound(
            _("There is no support request %(pk)s for your organisation (R-ROLE-1).")
            % {"pk": support_request.pk},
            details={"id": support_request.pk},
        )
    return MessageSide.REQUESTER


def _move(support_request: SupportRequest, target: str, at: dt.datetime) -> None:
    check_transition(support_request.status, target)
    support_request.status = target
    support_request.status_changed_at = at
    support_request.resolved_at = at if target == SupportStatus.RESOLVED else None


REPLY_EXCERPT_CHARACTERS = 2000


def _email_requester(
    *, support_request: SupportRequest, message: SupportMessage, actor: Actor, at: dt.datetime
) -> None:
    """R-SUP-5: every agent reply is emailed to the person who opened the request."""
    requester = support_request.opened_by
    author = actor.email if actor.is_system else (message.author.full_name or message.author.email)
    excerpt = message.body
    if len(excerpt) > REPLY_EXCERPT_CHARACTERS:
        excerpt = excerpt[:REPLY_EXCERPT_CHARACTERS].rstrip() + " …"
    reply = SupportReplyMessage(
        request_id=support_request.reference,
        request_subject=support_request.subject,
        reply_id=message.pk,
        reply_excerpt=excerpt,
        replied_by=f"{author} of {support_request.queue.name}",
        recipients=[
            Recipient(
                email=requester.email,
                name=requester.full_name,
                organisation_id=support_request.organisation_id,
            )
        ],
    )
    send(reply, at=at)


@transaction.atomic
def support_request_reply(
    *,
    support_request: SupportRequest,
    body: str,
    attachments: Sequence[AttachmentUpload] = (),
    then_status: str | None = None,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> SupportMessage:
    """Add a message. A requester's reply puts the request back to open (R-SUP-2); a queue agent's
    reply records the first response, may move the status (`then_status`) and emails the
    requester (R-SUP-5). Raises SupportRequestNotFound, SupportStaffOnly, NotQueueAgent,
    SupportStatusTransitionNotAllowed, SupportInputInvalid, AttachmentRefused."""
    text = clean_body(body)
    checked = files.check_uploads(attachments)
    support_request = _locked(support_request)
    side = _side_of(actor, support_request)
    if side == MessageSide.REQUESTER and then_status is not None:
        raise SupportStaffOnly(_("Only support staff choose the status after a reply (R-SUP-2)."))
    before = {"status": support_request.status}
    target = SupportStatus.OPEN if side == MessageSide.REQUESTER else then_status
    if target is not None and target != support_request.status:
        _move(support_request, target, at)
    if side == MessageSide.SUPPORT:
        support_request.last_support_message_at = at
        support_request.first_response_at = support_request.first_response_at or at
    else:
        support_request.last_requester_message_at = at
    support_request.save()
    message = SupportMessage.objects.create(
        support_request=support_request,
        author_id=_user_id(actor),
        side=side,
        body=text,
        created_at=at,
    )
    stored = _store_attachments(checked=checked, message=message, at=at)
    audit_record(
        actor=actor,
        action=AuditEventType.SUPPORT_REQUEST_REPLIED,
        subject=support_request,
        at=at,
        program_date=today,
        organisation_id=support_request.organisation_id,
        organisation_label=support_request.organisation.name,
        before=before,
        after={
            "status": support_request.status,
            "side": side,
            "message": message.pk,
            "attachments": _attachment_log(stored),
        },
    )
    if side == MessageSide.SUPPORT:
        _email_requester(support_request=support_request, message=message, actor=actor, at=at)
    return message


@transaction.atomic
def support_request_set_status(
    *,
    support_request: SupportRequest,
    status: str,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> SupportRequest:
    """A queue agent moves the request along the transition table (R-SUP-2). Raises
    SupportStaffOnly, NotQueueAgent, SupportStatusTransitionNotAllowed."""
    support_request = _locked(support_request)
    _require_agent(actor, support_request, action=_("change the status of support requests"))
    before = {"status": support_request.status, "resolved_at": support_request.resolved_at}
    _move(support_request, status, at)
    support_request.save(update_fields=["status", "status_changed_at", "resolved_at"])
    audit_record(
        actor=actor,
        action=AuditEventType.SUPPORT_REQUEST_STATUS_CHANGED,
        subject=support_request,
        at=at,
        program_date=today,
        organisation_id=support_request.organisation_id,
        organisation_label=support_request.organisation.name,
        before=before,
        after={"status": support_request.status, "resolved_at": support_request.resolved_at},
    )
    return support_request


@transaction.atomic
def support_agent_assign(
    *,
    membership: Membership,
    queue: SupportQueue,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> SupportQueueAgent:
    """Make an operator support membership an agent of `queue` (a program admin's act)."""
    actor.require_role(Role.PROGRAM_ADMIN, action=_("add support agents to queues"))
    membership = Membership.objects.select_related("organisation", "user").get(pk=membership.pk)
    if membership.organisation.kind != OrganisationKind.OPERATOR or membership.role != Role.SUPPORT:
        raise SupportInputInvalid(
            _(
                "%(email)s acts as %(role)s for %(organisation)s; only operator support "
                "memberships work support queues."
            )
            % {
                "email": membership.user.email,
                "role": membership.role,
                "organisation": membership.organisation,
            },
            details={"membership": membership.pk, "role": membership.role},
        )
    agent, created = SupportQueueAgent.objects.get_or_create(
        queue=queue, membership=membership, defaults={"added_at": at}
    )
    if created:
        audit_record(
            actor=actor,
            action=AuditEventType.SUPPORT_QUEUE_AGENT_ADDED,
            subject=agent,
            at=at,
            program_date=today,
            after={"queue": queue.code, "user": membership.user.email},
        )
    return agent


@transaction.atomic
def faq_entry_create(
    *,
    question: str,
    answer_markdown: str,
    audience_kinds: Sequence[str] = (),
    audience_roles: Sequence[str] = (),
    order: int = 100,
    published: bool = True,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> FaqEntry:
    """Add an FAQ entry (operators otherwise edit them in the admin, audited there)."""
    actor.require_role(Role.PROGRAM_ADMIN, action=_("edit the FAQ"))
    kinds, roles = clean_audience(audience_kinds, audience_roles)
    entry = FaqEntry.objects.create(
        question=clean_subject(question, label="question", limit=300),
        answer_markdown=clean_body(answer_markdown),
        audience_kinds=kinds,
        audience_roles=roles,
        order=order,
        published=published,
    )
    audit_record(
        actor=actor,
        action=AuditEventType.FAQ_ENTRY_CREATED,
        subject=entry,
        at=at,
        program_date=today,
        after={"question": entry.question, "kinds": kinds, "roles": roles, "published": published},
    )
    return entry
