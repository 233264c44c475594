"""outbox_enqueue(): the one way email leaves planserv (STYLE.md principle 6), and the requeue of
a message that failed (the operator's retry).

The message is rendered now (so it says what was true at the change) and stored in the same
transaction as the change, the messages of one change in one multi-row `INSERT … ON CONFLICT DO
NOTHING`, and nothing else (one commit, PERF-1); the worker's outbox pass, every second, delivers
it after commit (notifications.delivery). The dedup key makes a repeat a no-op: a message
is stored once and therefore sent at most once per key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

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
    template: str,
    context: dict[str, Any],
    *,
    language: str = "",
    to_email: str | None = None,
) -> tuple[str, str, str]:
    """The one place an outbox message is rendered: subject, text and HTML, in the recipient's
    language (`language` when the caller knows it, as `messages.send` does from the recipient;
    else `to_email`'s preference; neither: the active language, e.g. a preview), times in the
    program's zone."""
    if not language:
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
    """One delivery task per transaction, for its newest message, queued after the commit: only
    with a task backend that runs a task as it is enqueued (the tests' immediate backend)."""

    def __init__(self, message_id: int) -> None:
        self.through_id = message_id
        self.fired = False

    def __call__(self) -> None:
        self.fired = True
        tasks.schedule(self.through_id)


def _schedule(message_id: int) -> None:
    """Have the transaction's messages delivered after its commit. In production nothing is
    written: the worker polls the outbox every second (`planserv worker --mail-interval`, the
    same pace as its task worker), so a change stores its messages and nothing else: one
    statement, one commit (PERF-1). With a backend that runs tasks at once (the tests), one task
    per transaction runs after the commit, for its newest message."""
    if not tasks.runs_at_once():
        return
    connection = transaction.get_connection()
    level = set(connection.savepoint_ids)
    for sids, hook, _robust in connection.run_on_commit:
        # A hook still pending at this same (save)point of the transaction takes the message.
        if isinstance(hook, _DeliveryAfterCommit) and not hook.fired and sids == level:
            hook.through_id = max(hook.through_id, message_id)
            return
    # robust: a failure to deliver never breaks the committed change; the worker's pass
    # delivers the message anyway.
    transaction.on_commit(_DeliveryAfterCommit(message_id), robust=True)


_schedule_after_commit = _schedule  # outbox_requeue's name for it


@dataclass(frozen=True)
class Outgoing:
    """One email to store: what `outbox_enqueue_many` takes."""

    template: str
    to_email: str
    context: dict[str, Any]
    dedup_key: str
    organisation_id: int | None = None
    subject_ref: str = ""
    language: str = ""  # the recipient's; "" renders in the active language


_COLUMNS = [f for f in OutboxMessage._meta.concrete_fields if not f.primary_key]


def _insert_new(messages: list[OutboxMessage]) -> dict[str, int]:
    """One multi-row `INSERT … ON CONFLICT (dedup_key) DO NOTHING RETURNING` (PostgreSQL and
    SQLite ≥ 3.35): the ids of the rows stored, by dedup key; a key already stored is skipped."""
    connection = transaction.get_connection()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in _COLUMNS)
    row = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
    table = quote(OutboxMessage._meta.db_table)
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES {', '.join([row] * len(messages))} "  # noqa: S608 - names from the model, values bound
        f"ON CONFLICT ({quote('dedup_key')}) DO NOTHING RETURNING {quote('id')}, {quote('dedup_key')}"
    )
    params = [
        f.get_db_prep_save(getattr(m, f.attname), connection) for m in messages for f in _COLUMNS
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {key: pk for pk, key in cursor.fetchall()}


def outbox_enqueue_many(outgoing: Sequence[Outgoing], *, at: dt.datetime) -> list[OutboxMessage]:
    """Store rendered emails for delivery, in one statement; a dedup key already stored is stored
    once (the returned message has `is_new` False and is the stored one). The worker's outbox pass
    delivers them (`_schedule`). Raises RuntimeError outside a transaction,
    ValueError for a key longer than 200 characters."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox_enqueue() must be called inside the changing transaction.")
    if not outgoing:
        return []
    messages = []
    for item in outgoing:
        if len(item.dedup_key) > 200:
            raise ValueError(f"The dedup key is longer than 200 characters: {item.dedup_key!r}")
        subject, text, html = _render(
            item.template, item.context, language=item.language, to_email=item.to_email
        )
        messages.append(
            OutboxMessage(
                dedup_key=item.dedup_key,
                template=item.template,
                to_email=item.to_email,
                organisation_id=item.organisation_id,
                subject=subject,
                body_text=text,
                body_html=html,
                subject_ref=item.subject_ref,
                status=OutboxStatus.PENDING,
                created_at=at,
                next_attempt_at=None,
            )
        )
    stored = _insert_new(messages)
    missing = [m.dedup_key for m in messages if m.dedup_key not in stored]
    existing = (
        {m.dedup_key: m for m in OutboxMessage.objects.filter(dedup_key__in=missing)}
        if missing
        else {}
    )
    result = []
    for message in messages:
        if message.dedup_key in stored:
            message.pk = stored[message.dedup_key]
            message._state.adding = False
            message.is_new = True
            result.append(message)
        else:
            found = existing[message.dedup_key]
            found.is_new = False
            result.append(found)
    if stored:
        _schedule(max(stored.values()))
    return result


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
    (message,) = outbox_enqueue_many(
        [Outgoing(template, to_email, context, dedup_key, organisation_id, subject_ref)], at=at
    )
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
        raise OutboxMessageNotFound(
            _("There is no outbox message %(message_id)s.") % {"message_id": message_id}
        )
    if message.status not in (OutboxStatus.FAILED, OutboxStatus.DEAD):
        raise MessageNotRetryable(
            _(
                "Message %(message_id)s is %(message)s; only a failed message can be retried, so "
                "that no email is ever sent twice."
            )
            % {"message_id": message_id, "message": message.get_status_display().lower()},
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
