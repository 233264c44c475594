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


def schedule(message_id: int) -> str:
    """Ask the worker to deliver the due messages through this one; returns the task's id. With
    the database backend the task row is written in the caller's transaction and commits with it
    (outbox_enqueue); with a backend that runs at once, outbox_enqueue calls this after commit."""
    return str(deliver_outbox_message.enqueue(message_id).id)


def runs_at_once() -> bool:
    """True when the task backend runs a task as it is enqueued (the tests' immediate backend):
    such a task must be queued after the commit, never inside the transaction."""
    return isinstance(deliver_outbox_message.get_backend(), ImmediateBackend)


def move_through(task_id: str, message_id: int) -> None:
    """A later message of the same transaction: the task row queued for it delivers through
    `message_id` too (database backend only; the row is still uncommitted, in this transaction)."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=task_id).update(
        args_kwargs={"args": [message_id], "kwargs": {}}
    )
