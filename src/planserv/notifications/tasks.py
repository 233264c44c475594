"""Worker entry points (django-tasks): ids in, one delivery call."""

from __future__ import annotations

from django_tasks import task

from planserv.core import clock
from planserv.notifications.delivery import deliver_due


@task()
def deliver_outbox_message(message_id: int) -> dict[str, int]:
    """Deliver one outbox message, after the older due ones (order of creation)."""
    return deliver_due(now=clock.real_now(), through_id=message_id).counts()
