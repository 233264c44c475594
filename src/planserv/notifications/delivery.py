"""Delivery of outbox messages after commit (domain.md section 7, REL-9).

How a message leaves planserv:

1. `outbox_enqueue_many()` stores it in the changing transaction, and nothing else (PERF-1).
2. The worker's outbox pass (`planserv worker`, every second) calls `deliver_due()`: the due
   messages (pending, or failed whose `next_attempt_at` has come), oldest first, so mail leaves
   in order of creation. With a task backend that runs tasks at once (the tests), the task
   `notifications.tasks.deliver_outbox_message` runs after the commit instead and passes
   `through_id`, so older due messages go before its own. The task imports this module, never
   the reverse.
3. Each message is claimed in its own transaction with `SELECT … FOR UPDATE SKIP LOCKED`
   (PostgreSQL; on SQLite the IMMEDIATE transaction serialises workers instead) and its status
   re-checked; the SMTP call is made; the message is marked sent **in the same transaction**, which
   then commits. Two workers never send one message: the second skips the locked row, or finds it
   sent.

Delivery guarantee: at-least-once with one tiny window, never "maybe lost". Sending before
marking means a crash (or a failed COMMIT) after the relay accepted the message and before the
commit leaves the message pending, and it is sent again. The window is one UPDATE and a COMMIT.
Every copy carries the same `Message-ID` and an `X-Planserv-Dedup-Key` header derived from the
dedup key, so a downstream system can drop the duplicate. The other order (mark, then send)
would lose mail on a crash, which the program must never do.

Failures:
- a transport failure (relay unreachable, connection dropped, timeout, authentication refused)
  is the relay's fault, not the message's: the message records the error and stays `failed`, and
  the whole outbox pauses with backoff (`OutboxRelay`), so later messages do not overtake it and
  nothing is ever given up because the relay was down;
- a message failure (recipient, sender or content refused, a malformed message) retries that
  message alone with exponential backoff; after MAX_ATTEMPTS it is `dead`. Failed and dead
  messages stay visible to operators with their error and can be retried (the Mail page).
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import logging
import smtplib
from dataclasses import dataclass, field
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from planserv.notifications.models import OutboxMessage, OutboxRelay, OutboxStatus
from planserv.notifications.selectors import outbox_due, outbox_relay_get

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8  # message failures before a message is dead (about 4 hours of retries)
MESSAGE_RETRY_FIRST = dt.timedelta(minutes=1)
MESSAGE_RETRY_LONGEST = dt.timedelta(hours=1)
RELAY_RETRY_FIRST = dt.timedelta(seconds=15)
RELAY_RETRY_LONGEST = dt.timedelta(minutes=15)
BATCH = 200
DEDUP_HEADER = "X-Planserv-Dedup-Key"
# Refusals of this one message by the relay; every other OSError (smtplib's errors are OSErrors)
# is a transport failure.
MESSAGE_REFUSALS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


class Outcome(enum.Enum):
    SENT = "sent"
    FAILED = "failed"
    DEAD = "dead"
    TRANSPORT_FAILED = "transport_failed"
    SKIPPED = "skipped"


@dataclass
class DeliveryReport:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    dead: list[int] = field(default_factory=list)
    skipped: int = 0
    relay_paused_until: dt.datetime | None = None

    def counts(self) -> dict[str, int]:
        return {
            "sent": len(self.sent),
            "failed": len(self.failed),
            "dead": len(self.dead),
            "skipped": self.skipped,
        }


def backoff(attempt: int, *, first: dt.timedelta, longest: dt.timedelta) -> dt.timedelta:
    """first, twice that, four times that, … capped at `longest` (attempt counts from 1)."""
    return min(first * (2 ** max(attempt - 1, 0)), longest)


def message_id_for(dedup_key: str) -> str:
    """The Message-ID of every copy of a message: derived from its dedup key only."""
    digest = hashlib.sha256(dedup_key.encode()).hexdigest()[:40]
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "planserv.invalid"
    return f"<outbox.{digest}@{domain}>"


def build_email(message: OutboxMessage, connection: BaseEmailBackend) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_email],
        connection=connection,
        headers={
            "Message-ID": message_id_for(message.dedup_key),
            DEDUP_HEADER: message.dedup_key,
            "Auto-Submitted": "auto-generated",
        },
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    return email


def deliver_due(
    *, now: dt.datetime, through_id: int | None = None, limit: int = BATCH
) -> DeliveryReport:
    """Deliver the due messages (up to `limit`, id ≤ `through_id` if given), oldest first.
    `now` is the real instant. Stops at a transport failure and pauses the outbox."""
    report = DeliveryReport()
    relay = outbox_relay_get()
    if relay is not None and relay.paused_until is not None and relay.paused_until > now:
        report.relay_paused_until = relay.paused_until
        return report
    ids = list(outbox_due(now=now, through_id=through_id).values_list("pk", flat=True)[:limit])
    if not ids:
        return report
    connection = get_connection()
    try:
        for message_id in ids:
            outcome, error = _deliver_one(message_id, now=now, connection=connection)
            _tally(report, outcome, message_id)
            logger.info("mail.delivery", extra={"message_id": message_id, "outcome": outcome.value})
            if outcome is Outcome.TRANSPORT_FAILED:
                report.relay_paused_until = _relay_failed(now=now, error=error)
                break
    finally:
        _close_quietly(connection)
    if report.sent and relay is not None and relay.consecutive_failures:
        OutboxRelay.objects.filter(singleton=1).update(
            consecutive_failures=0, paused_until=None, last_success_at=now
        )
    return report


def _tally(report: DeliveryReport, outcome: Outcome, message_id: int) -> None:
    if outcome is Outcome.SENT:
        report.sent.append(message_id)
    elif outcome is Outcome.DEAD:
        report.dead.append(message_id)
    elif outcome is Outcome.SKIPPED:
        report.skipped += 1
    else:
        report.failed.append(message_id)


def _deliver_one(
    message_id: int, *, now: dt.datetime, connection: BaseEmailBackend
) -> tuple[Outcome, str]:
    with transaction.atomic():
        message = (
            outbox_due(now=now, through_id=message_id)
            .select_for_update(skip_locked=True)
            .filter(pk=message_id)
            .order_by("pk")
            .first()
        )
        if message is None:  # sent or dead meanwhile, not due, or claimed by another worker
            return Outcome.SKIPPED, ""
        try:
            connection.open()
            accepted = connection.send_messages([build_email(message, connection)])
        except MESSAGE_REFUSALS as error:
            return _message_failed(message, error, now=now)
        except OSError as error:
            _record(message, OutboxStatus.FAILED, error=error, next_attempt_at=None)
            logger.warning("Mail relay failed on outbox message %s: %s", message.pk, error)
            return Outcome.TRANSPORT_FAILED, message.last_error
        except Exception as error:  # a malformed message (bad header, encoding): this one only
            return _message_failed(message, error, now=now)
        if accepted != 1:
            return _message_failed(message, RuntimeError("The relay took no recipient."), now=now)
        message.status = OutboxStatus.SENT
        message.attempts += 1
        message.sent_at = now
        message.next_attempt_at = None
        message.last_error = ""
        message.save(
            update_fields=["status", "attempts", "sent_at", "next_attempt_at", "last_error"]
        )
        return Outcome.SENT, ""


def _message_failed(
    message: OutboxMessage, error: Exception, *, now: dt.datetime
) -> tuple[Outcome, str]:
    attempt = message.attempts + 1
    if attempt >= MAX_ATTEMPTS:
        _record(message, OutboxStatus.DEAD, error=error, next_attempt_at=None)
        logger.error("Outbox message %s gave up after %s attempts: %s", message.pk, attempt, error)
        return Outcome.DEAD, message.last_error
    delay = backoff(attempt, first=MESSAGE_RETRY_FIRST, longest=MESSAGE_RETRY_LONGEST)
    _record(message, OutboxStatus.FAILED, error=error, next_attempt_at=now + delay)
    logger.warning("Outbox message %s failed (attempt %s): %s", message.pk, attempt, error)
    return Outcome.FAILED, message.last_error


def _record(
    message: OutboxMessage,
    status: OutboxStatus,
    *,
    error: BaseException,
    next_attempt_at: dt.datetime | None,
) -> None:
    message.status = status
    message.attempts += 1
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    message.next_attempt_at = next_attempt_at
    message.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])


def _relay_failed(*, now: dt.datetime, error: str) -> dt.datetime:
    """Pause all delivery with backoff after a transport failure; returns the end of the pause."""
    with transaction.atomic():
        relay, _ = OutboxRelay.objects.select_for_update().get_or_create(singleton=1)
        relay.consecutive_failures += 1
        delay = backoff(
            relay.consecutive_failures, first=RELAY_RETRY_FIRST, longest=RELAY_RETRY_LONGEST
        )
        relay.paused_until = now + delay
        relay.last_error = error
        relay.last_failure_at = now
        relay.save()
        return relay.paused_until


def _close_quietly(connection: BaseEmailBackend) -> None:
    try:
        connection.close()
    except OSError as error:  # the relay already dropped the connection
        logger.info("Closing the mail connection failed: %s", error)
