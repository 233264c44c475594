"""R-PAY-5: the reviewer approves, holds (asks a question) or denies; the partner answers a hold.
Maker-checker: a reviewer never decides a request they are connected to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from planserv.accounts.models import Membership
from planserv.core.actor import Actor
from planserv.core.types import Role
from planserv.payments import answer_files
from planserv.payments.answer_files import check_answer_files
from planserv.payments.errors import PaymentRequestNotFound, ReasonRequired, ReviewerConflict
from planserv.payments.lifecycle import PaymentRequestStatus
from planserv.payments.models import PaymentAnswerFile, PaymentRequest, PaymentRequestTransition
from planserv.payments.services._common import move
from planserv.vouchers.deliverables import Upload

S = PaymentRequestStatus
NOTE_LIMIT = 2000


def lock_request(public_id: str) -> PaymentRequest:
    request = (
        PaymentRequest.objects.select_for_update(of=("self",))
        .select_related("voucher", "filed_by")
        .filter(public_id=public_id)
        .first()
    )
    if request is None:
        raise PaymentRequestNotFound(
            _("There is no payment request %(public_id)r.") % {"public_id": public_id[:20]}
        )
    return request


def reviewer_connected(*, actor: Actor, request: PaymentRequest) -> bool:
    """True if the actor filed the request, answered it, or holds a membership in its firm."""
    if actor.user_id is None:
        return False
    if request.filed_by_id == actor.user_id:
        return True
    if PaymentRequestTransition.objects.filter(
        request=request, actor_user_id=actor.user_id, from_status=S.HELD
    ).exists():
        return True
    return Membership.objects.filter(
        user_id=actor.user_id, organisation_id=request.organisation_id
    ).exists()


def _reviewer_lock(*, actor: Actor, public_id: str, action: str) -> PaymentRequest:
    actor.require_role(Role.PAYMENT_REVIEWER, action=action)
    request = lock_request(public_id)
    if reviewer_connected(actor=actor, request=request):
        raise ReviewerConflict(
            _(
                "You are connected to payment request %(public_id)s (you filed or answered it, "
                "or belong to the requesting firm); another reviewer decides it (R-PAY-5)."
            )
            % {"public_id": request.public_id},
            details={"payment_request_id": request.public_id},
        )
    return request


def _text(value: str, field: str) -> str:
    text = value.strip()
    if not text or len(text) > NOTE_LIMIT:
        raise ReasonRequired(
            _("The %(field)s is required (at most %(NOTE_LIMIT)s characters) (R-PAY-5).")
            % {"field": field, "NOTE_LIMIT": NOTE_LIMIT},
            details={"field": field},
        )
    return text


@transaction.atomic
def payment_request_approve(
    *, public_id: str, actor: Actor, today: dt.date, at: dt.datetime, note: str = ""
) -> PaymentRequest:
    """R-PAY-5 validating → approved; the approval date decides the run (R-PAY-6). Raises
    Forbidden, PaymentRequestNotFound, ReviewerConflict, InvalidPaymentTransition."""
    request = _reviewer_lock(actor=actor, public_id=public_id, action=_("approve payment requests"))
    request.approved_on = today
    move(
        request,
        S.APPROVED,
        actor=actor,
        today=today,
        at=at,
        note=note.strip()[:NOTE_LIMIT],
        extra_fields=("approved_on",),
    )
    return request


@transaction.atomic
def payment_request_hold(
    *, public_id: str, question: str, actor: Actor, today: dt.date, at: dt.datetime
) -> PaymentRequest:
    """R-PAY-5 validating → held with a question to the partner. Raises as approve, and
    ReasonRequired."""
    text = _text(question, "question")
    request = _reviewer_lock(actor=actor, public_id=public_id, action=_("hold payment requests"))
    request.question = text
    move(request, S.HELD, actor=actor, today=today, at=at, note=text, extra_fields=("question",))
    return request


@transaction.atomic
def payment_request_deny(
    *, public_id: str, reason: str, actor: Actor, today: dt.date, at: dt.datetime
) -> PaymentRequest:
    """R-PAY-5 validating → denied with a reason. Raises as approve, and ReasonRequired."""
    text = _text(reason, "reason")
    request = _reviewer_lock(actor=actor, public_id=public_id, action=_("deny payment requests"))
    request.denial_reason = text
    move(
        request,
        S.DENIED,
        actor=actor,
        today=today,
        at=at,
        note=text,
        extra_fields=("denial_reason",),
    )
    return request


@transaction.atomic
def payment_request_respond(
    *,
    public_id: str,
    answer: str,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
    files: Sequence[Upload] = (),
) -> PaymentRequest:
    """R-PAY-5 held → validating: the requesting firm's partner admin answers the question, with
    files if asked for (an attendee list). Raises Forbidden, PaymentRequestNotFound (another
    firm's request), ReasonRequired, AnswerFileRefused, InvalidPaymentTransition."""
    actor.require_role(Role.PARTNER_ADMIN, action=_("answer payment request questions"))
    text = _text(answer, "answer")
    checked = check_answer_files(files)
    request = lock_request(public_id)
    if request.organisation_id != actor.organisation_id:
        raise PaymentRequestNotFound(
            _("There is no payment request %(public_id)r.") % {"public_id": public_id[:20]}
        )
    request.answer = text
    names = ", ".join(item.original_name for item in checked)
    note = f"{text}\nAttached: {names}" if names else text
    move(
        request, S.VALIDATING, actor=actor, today=today, at=at, note=note, extra_fields=("answer",)
    )
    for item in checked:  # stored last: every refusal came before any file was written
        PaymentAnswerFile.objects.create(
            request=request,
            storage_name=answer_files.store(item),
            original_name=item.original_name,
            content_type=item.content_type,
            extension=item.extension,
            size=len(item.content),
            sha256=item.sha256,
            uploaded_at=at,
            uploaded_by_label=actor.email,
        )
    return request
