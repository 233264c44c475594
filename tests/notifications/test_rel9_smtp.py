"""REL-9: no email lost or sent twice, against a real SMTP server the test starts and stops."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import transaction

from planserv.core import clock
from planserv.notifications.delivery import DEDUP_HEADER, deliver_due, message_id_for
from planserv.notifications.models import OutboxMessage, OutboxRelay, OutboxStatus
from planserv.notifications.services import outbox_enqueue
from tests.notifications.smtp_server import SmtpServer
from tests.races import race

pytestmark = pytest.mark.django_db(transaction=True)
AT = dt.datetime(2021, 6, 15, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def smtp(settings) -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.use_in(settings)
    yield server
    server.stop()


def change(key: str) -> OutboxMessage:
    """A change that writes one email in its transaction; the commit schedules its delivery
    (the test settings run the task at once, like a worker that is always idle)."""
    with transaction.atomic():
        return outbox_enqueue(
            template="support_reply",
            to_email=f"{key}@woodgrove.test",
            context={
                "request_id": key,
                "request_subject": "Status",
                "reply_excerpt": "Done.",
                "replied_by": "Support",
                "time_zone": "UTC",
                "site_url": "http://planserv.test",
            },
            dedup_key=f"rel9:{key}",
            at=AT,
        )


def keys(server: SmtpServer) -> list[str]:
    return [str(message[DEDUP_HEADER]) for message in server.received]


def test_rel_9_every_email_is_delivered_once_in_order_across_a_relay_outage(smtp):
    smtp.start()
    change("before")
    assert keys(smtp) == ["rel9:before"]

    smtp.stop()
    made = [change(f"outage-{n}") for n in range(6)]
    # The first delivery failed on the transport; the relay is paused so the others wait.
    statuses = list(OutboxMessage.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["sent", "failed"] + ["pending"] * 5
    relay = OutboxRelay.objects.get()
    assert relay.consecutive_failures == 1 and "Connection refused" in relay.last_error

    # The worker's retry pass while the server is still down fails again, later.
    now = clock.real_now() + dt.timedelta(hours=1)
    retry = deliver_due(now=now)
    assert retry.sent == [] and retry.failed == [made[0].pk]
    assert OutboxRelay.objects.get().consecutive_failures == 2

    smtp.start()
    now += dt.timedelta(hours=1)
    report = deliver_due(now=now)
    assert report.sent == [message.pk for message in made]
    assert keys(smtp) == ["rel9:before"] + [f"rel9:outage-{n}" for n in range(6)]

    # Replaying the same changes stores nothing new and sends nothing; nor do later passes.
    assert not any(change(f"outage-{n}").is_new for n in range(6))
    assert deliver_due(now=now + dt.timedelta(hours=2)).sent == []
    assert len(smtp.received) == 7
    message_ids = [str(message["Message-ID"]) for message in smtp.received]
    assert message_ids == [
        message_id_for(f"rel9:{key}") for key in ["before"] + [f"outage-{n}" for n in range(6)]
    ]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    assert OutboxRelay.objects.get().consecutive_failures == 0


def test_rel_9_workers_racing_over_the_outbox_send_each_email_once(smtp):
    smtp.start()
    smtp.stop()
    made = [change(f"race-{n}") for n in range(40)]  # queued while the relay was down
    smtp.start()
    now = clock.real_now() + dt.timedelta(hours=1)
    outcomes = race([lambda: deliver_due(now=now)] * 4)
    assert outcomes == {"ok": 4}
    received = keys(smtp)
    assert sorted(received) == sorted(f"rel9:race-{n}" for n in range(40))
    assert len(received) == len(set(received)) == 40
    assert OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == len(made)
