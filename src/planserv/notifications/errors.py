"""Refusals of the notifications capability."""

from __future__ import annotations

from planserv.core.errors import Conflict, NotFound


class OutboxMessageNotFound(NotFound):
    code = "outbox_message_not_found"


class MessageNotRetryable(Conflict):
    code = "message_not_retryable"
