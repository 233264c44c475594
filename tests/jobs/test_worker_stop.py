"""Issue 21 item 4: a worker asked to stop (SIGTERM/SIGINT set `stopping`) finishes the mail
batch in hand and takes no further one; otherwise its pass goes on until nothing is due.
The whole stop, processes and port included, is tests/reliability/test_run_shutdown.py."""

from __future__ import annotations

import functools
import io

import pytest
from django.core import mail

from planserv.jobs.management.commands import worker
from planserv.notifications.delivery import deliver_due
from planserv.notifications.models import OutboxMessage, OutboxStatus
from tests.notifications.test_delivery import enqueue

pytestmark = pytest.mark.django_db


@pytest.fixture
def batches_of_two(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "deliver_due", functools.partial(deliver_due, limit=2))
    monkeypatch.setattr(worker, "BATCH", 2)
    # Would close the test's connection (its transaction holds the messages); a long-running
    # worker calls it to drop stale connections.
    monkeypatch.setattr(worker, "close_old_connections", lambda: None)


@pytest.mark.parametrize(("stopping", "sent"), [(False, 5), (True, 2)])
def test_a_stopping_worker_finishes_its_batch_and_takes_no_other(batches_of_two, stopping, sent):
    for number in range(5):
        enqueue(f"stop-{number}")
    command = worker.Command(stdout=io.StringIO(), stderr=io.StringIO())
    command.stopping = stopping
    command._deliver_due_mail()
    assert len(mail.outbox) == sent
    assert OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == sent
    assert OutboxMessage.objects.exclude(status=OutboxStatus.SENT).count() == 5 - sent
