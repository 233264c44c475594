"""outbox_enqueue(): the one way email leaves planserv (STYLE.md principle 6), and the requeue of
a message that failed (the operator's retry).

The message is rendered now (so it says what was true at the change) and stored in the same
transaction as the change; a worker delivers it after commit (notifications.delivery). The dedup
key makes a repeat a no-op: a message is stored once and therefore sent at most once per key.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from planserv.core.batches import update_in_batches
from planserv.notifications import tasks
from planserv.notifications.errors import MessageNotRetryable, OutboxMessageNotFound
from planserv.notifications.models import OutboxMessage, OutboxStatus


def _tidy(text: str) -> str:
    """Template tags leave blank lines behind: keep at most one blank line in a row."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy) + "\n"


def recipient_language(email: str | None) -> str:
    """The language an address reads its email in (docs/i18n.md): the language preference of the
    person with that address, else the program's default (English). The user model is looked up
    through Django (notifications stands below accounts)."""
    default = settings.LANGUAGE_CODE
    if not email:
        return default
    preferred = (
        get_user_model()
        .objects.filter(email__iexact=email.strip())
        .values_list("language", flat=True)
        .first()
    )
    codes = {code for code, _name in settings.LANGUAGES}
    return preferred if preferred in codes else default


def _render(
    template: str, context: dict[str, Any], *, to_email: str | None = None
) -> tuple[str, str, str]:
    """The one place an outbox message is rendered: subject, text and HTML, in the recipient's
    language (`to_email`'s preference; none given: the active language, e.g. a preview), times
    in the program's zone."""
    language = recipient_language(to_email) if to_email else translation.get_language()
    base = f"notifications/email/{template}"
    # Times of day in the program's zone, which the e-mails name beside them ("(time_zone)").
    with translation.override(language), timezone.override(settings.PROGRAM_TIME_ZONE):
        subject = " ".join(render_to_string(f"{base}.subject.txt", context).split())
        text = _tidy(render_to_string(f"{base}.txt", context))
        try:
            html: str = render_to_string(f"{base}.html", context)
        except TemplateDoesNotExist:  # the HTML part is optional per template
            html = ""
    return subject[:250], text, html


class _DeliveryAfterCommit:
    """One delivery task per transaction, for its newest message: the task delivers every due
    message up to that id, oldest first (delivery.deliver_due), so the messages a change queues
    cost one task row and one commit after it, not one each (PERF-1)."""

    def __init__(self, message_id: int) -> None:
        self.through_id = message_id
        self.fired = False

    def __call__(self) -> None:
        self.fired = True
        tasks.schedule(self.through_id)


def _schedule_after_commit(message_id: int) -> None:
    connection = transaction.get_connection()
    level = set(connection.savepoint_ids)
    for sids, hook, _robust in connection.run_on_commit:
        # A hook still pending at this same (save)point of the transaction takes the message.
        if isinstance(hook, _DeliveryAfterCommit) and not hook.fired and sids == level:
            hook.through_id = max(hook.through_id, message_id)
            return
    # robust: a failure to queue the task never breaks the committed change; the worker's
    # periodic pass delivers the message anyway.
    transaction.on_commit(_DeliveryAfterCommit(message_id), robust=True)


def outbox_enqueue(
    *,
    template: str,
    to_email: str,
    context: dict[str, Any],
    dedup_key: str,
    at: dt.datetime,
    organisation_id: int | None = None,
    subject_ref: str = "",
) -> OutboxMessage:
    """Store one rendered email for delivery after commit; the same dedup key is stored once.
    The returned message has `is_new` False when the key already existed."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox_enqueue() must be called inside the changing transaction.")
    if len(dedup_key) > 200:
        raise ValueError(f"The dedup key is longer than 200 characters: {dedup_key!r}")
    existing = OutboxMessage.objects.filter(dedup_key=dedup_key).order_by("pk").first()
    if existing is not None:
        existing.is_new = False
        return existing
    subject, text, html = _render(template, context, to_email=to_email)
    message = OutboxMessage.objects.create(
        dedup_key=dedup_key,
        template=template,
        to_email=to_email,
        organisation_id=organisation_id,
        subject=subject,
        body_text=text,
        body_html=html,
        subject_ref=subject_ref,
        created_at=at,
        next_attempt_at=None,
    )
    message.is_new = True
    _schedule_after_commit(message.pk)
    return message


def outbox_requeue(*, message_id: int) -> tuple[OutboxMessage, str]:
    """Low-level write: put a failed or dead message back in the queue, due now. Called only by
    jobs.services.outbox_message_retry, which checks the role and audits (notifications may not
    import audit). Returns the message and its previous status. Raises OutboxMessageNotFound,
    MessageNotRetryable (a sent message is never sent again)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox_requeue() must be called inside the operator's transaction.")
    message = (
        OutboxMessage.objects.select_for_update().filter(pk=message_id).order_by("pk").first()
        if 0 < message_id < 2**63
        else None
    )
    if message is None:
        raise OutboxMessageNotFound(f"There is no outbox message {message_id}.")
    if message.status not in (OutboxStatus.FAILED, OutboxStatus.DEAD):
        raise MessageNotRetryable(
            f"Message {message_id} is {message.get_status_display().lower()}; only a failed "
            "message can be retried, so that no email is ever sent twice.",
            details={"status": message.status},
        )
    previous = message.status
    message.status = OutboxStatus.PENDING
    message.next_attempt_at = None
    message.save(update_fields=["status", "next_attempt_at"])
    _schedule_after_commit(message.pk)
    return message, previous


def outbox_render(
    template: str, context: dict[str, Any], *, to_email: str | None = None
) -> tuple[str, str, str]:
    """Render a message without storing it (subject, text, html): previews, e.g. the retirement
    impact report's notice preview, in `to_email`'s language (else the active one). Nothing is
    enqueued."""
    return _render(template, context, to_email=to_email)


def outbox_bodies_blank_sent_before(*, before: dt.datetime) -> int:
    """Blank the bodies of the messages sent before the real instant `before` (retention): the
    row stays, with who, what template, subject, when and its dedup key; the text and HTML go.
    Batched through the partial index `outbox_sent_with_body`; returns how many were blanked."""
    return update_in_batches(
        OutboxMessage.objects.filter(status=OutboxStatus.SENT, sent_at__lt=before).exclude(
            body_text=""
        ),
        values={"body_text": "", "body_html": ""},
        order=("sent_at", "pk"),
    )
