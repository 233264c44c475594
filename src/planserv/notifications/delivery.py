"""Delivery of outbox messages after commit. The notifications capability fills this in:
a django-tasks task per message, SMTP through Django's email backend, retries with backoff."""

from __future__ import annotations


def schedule(message_id: int) -> None:
    """Ask the worker to deliver one message (a no-op until delivery is wired)."""
    del message_id
