"""Worker entry points (django-tasks): ids in, one delivery call; and `schedule()`, which queues
one. Only this module names the task, so `delivery` never imports it back (no import circle)."""

from __future__ import annotations

from django_tasks import task

from planserv.core import clock
from planserv.notifications.delivery import deliver_due


@task()
def deliver_outbox_message(message_id: int) -> dict[str, int]:
    """Deliver one outbox message, after the older due ones (order of creation)."""
    return deliver_due(now=clock.real_now(), through_id=message_id).counts()


def schedule(message_id: int) -> None:
    """Ask the worker to deliver the due messages through this one (called after commit by
    outbox_enqueue and outbox_requeue)."""
    deliver_outbox_message.enqueue(message_id)
