"""Worker entry points (django-tasks): ids in, one delivery call; and `schedule()`, which queues
one. Only this module names the task, so `delivery` never imports it back (no import circle)."""

from __future__ import annotations

from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from planserv.core import clock
from planserv.notifications.delivery import deliver_due


@task()
def deliver_outbox_message(message_id: int) -> dict[str, int]:
    """Deliver one outbox message, after the older due ones (order of creation)."""
    return deliver_due(now=clock.real_now(), through_id=message_id).counts()


def schedule(message_id: int) -> None:
    """Ask the task worker to deliver the due messages through this one (after commit, with a
    backend that runs tasks at once; in production the worker's outbox pass delivers them)."""
    deliver_outbox_message.enqueue(message_id)


def runs_at_once() -> bool:
    """True when the task backend runs a task as it is enqueued (the tests' immediate backend)."""
    return isinstance(deliver_outbox_message.get_backend(), ImmediateBackend)
