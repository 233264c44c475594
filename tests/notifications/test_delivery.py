"""Delivery of the outbox (domain.md section 7): after commit, once, with retries and backoff."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction

from planserv.audit.models import AuditEvent
from planserv.core import clock
from planserv.core.errors import Forbidden
from planserv.jobs.services import outbox_message_retry
from planserv.notifications import delivery
from planserv.notifications.delivery import DEDUP_HEADER, deliver_due, message_id_for
from planserv.notifications.errors import MessageNotRetryable
from planserv.notifications.models import OutboxMessage, OutboxRelay, OutboxStatus
from planserv.notifications.services import outbox_enqueue
from tests.notifications import backends

pytestmark = pytest.mark.django_db
AT = dt.datetime(2021, 6, 15, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2021, 6, 15)


def enqueue(key: str, to: str = "pm@woodgrove.test") -> OutboxMessage:
    with transaction.atomic():
        return enqueue_here(key, to)


def enqueue_here(key: str, to: str = "pm@woodgrove.test") -> OutboxMessage:
    """outbox_enqueue in the caller's transaction."""
    return outbox_enqueue(
        template="support_reply",
        to_email=to,
        context={
            "request_id": key,
            "request_subject": "Where is my voucher?",
            "reply_excerpt": "It was sent on Tuesday.",
            "replied_by": "Program support",
            "recipient": None,
            "time_zone": "America/Los_Angeles",
            "site_url": "http://planserv.test",
        },
        dedup_key=f"test:{key}",
        at=AT,
        organisation_id=7,
    )


@pytest.fixture
def refusing(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingBackend"
    backends.refused_addresses.clear()
    backends.delivered.clear()
    yield backends
    backends.refused_addresses.clear()
    backends.delivered.clear()


class TestDeliveryAfterCommit:
    def test_commit_delivers_the_message_once_with_its_dedup_headers(
        self, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            message = enqueue("one")
        message.refresh_from_db()
        assert message.status == OutboxStatus.SENT and message.attempts == 1
        assert message.sent_at is not None
        (sent,) = mail.outbox
        assert sent.to == ["pm@woodgrove.test"]
        assert sent.extra_headers["Message-ID"] == message_id_for("test:one")
        assert sent.extra_headers[DEDUP_HEADER] == "test:one"
        assert sent.alternatives and sent.alternatives[0][1] == "text/html"
        assert "Where is my voucher?" in sent.body

    def test_nothing_is_stored_or_sent_when_the_change_rolls_back(
        self, django_capture_on_commit_callbacks
    ):
        def failing_change() -> None:
            with transaction.atomic():
                outbox_enqueue(
                    template="support_reply",
                    to_email="x@example.test",
                    context={},
                    dedup_key="test:rolled-back",
                    at=AT,
                )
                raise RuntimeError("the change failed")

        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            failing_change()
        assert not OutboxMessage.objects.exists()
        assert mail.outbox == []

    def test_the_same_dedup_key_is_stored_and_sent_once(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            first = enqueue("same")
            second = enqueue("same")
        assert first.pk == second.pk and first.is_new and not second.is_new
        assert OutboxMessage.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_a_sent_message_is_never_sent_again(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            enqueue("once")
        later = clock.real_now() + dt.timedelta(days=1)
        assert deliver_due(now=later).sent == []
        assert len(mail.outbox) == 1

    @pytest.mark.django_db(transaction=True)
    def test_enqueue_outside_a_transaction_is_a_programming_error(self):
        with pytest.raises(RuntimeError, match="inside the changing transaction"):
            outbox_enqueue(
                template="support_reply", to_email="a@b.test", context={}, dedup_key="k", at=AT
            )

    def test_delivers_oldest_first(self):
        messages = [enqueue(f"order-{n}") for n in range(5)]
        report = deliver_due(now=clock.real_now())
        assert report.sent == [m.pk for m in messages]
        assert [m.extra_headers[DEDUP_HEADER] for m in mail.outbox] == [
            f"test:order-{n}" for n in range(5)
        ]

    def test_the_task_sends_older_due_messages_before_its_own(self):
        older, newer = enqueue("older"), enqueue("newer")
        report = deliver_due(now=clock.real_now(), through_id=newer.pk)
        assert report.sent == [older.pk, newer.pk]
        assert deliver_due(now=clock.real_now(), through_id=older.pk).sent == []


class TestRetries:
    def test_a_refused_message_retries_with_backoff_and_others_still_go(self, refusing):
        refusing.refused_addresses.add("gone@woodgrove.test")
        bad, good = enqueue("bad", to="gone@woodgrove.test"), enqueue("good")
        now = clock.real_now()
        report = deliver_due(now=now)
        assert report.failed == [bad.pk] and report.sent == [good.pk]
        bad.refresh_from_db()
        assert bad.status == OutboxStatus.FAILED and bad.attempts == 1
        assert "SMTPRecipientsRefused" in bad.last_error and "No such user" in bad.last_error
        assert bad.next_attempt_at == now + delivery.MESSAGE_RETRY_FIRST
        # not due before its backoff has passed
        assert deliver_due(now=now + dt.timedelta(seconds=59)).failed == []
        second = deliver_due(now=now + dt.timedelta(minutes=1))
        assert second.failed == [bad.pk]
        bad.refresh_from_db()
        assert bad.attempts == 2
        assert (
            bad.next_attempt_at == now + dt.timedelta(minutes=1) + 2 * delivery.MESSAGE_RETRY_FIRST
        )

    def test_a_message_refused_max_attempts_times_is_dead_and_stays_visible(self, refusing):
        refusing.refused_addresses.add("gone@woodgrove.test")
        bad = enqueue("dead", to="gone@woodgrove.test")
        now = clock.real_now()
        for _ in range(delivery.MAX_ATTEMPTS):
            deliver_due(now=now)
            now += delivery.MESSAGE_RETRY_LONGEST
        bad.refresh_from_db()
        assert bad.status == OutboxStatus.DEAD
        assert bad.attempts == delivery.MAX_ATTEMPTS
        assert bad.last_error
        assert deliver_due(now=now + dt.timedelta(days=30)).failed == []

    def test_an_unreachable_relay_pauses_delivery_and_never_gives_up(self, settings):
        settings.EMAIL_BACKEND = "tests.notifications.backends.UnreachableBackend"
        first, second = enqueue("first"), enqueue("second")
        now = clock.real_now()
        report = deliver_due(now=now)
        assert report.failed == [first.pk]  # the pass stops at the first transport failure
        relay = OutboxRelay.objects.get()
        assert relay.paused_until == now + delivery.RELAY_RETRY_FIRST
        assert "ConnectionRefusedError" in relay.last_error
        # paused: nothing is tried, not even the newer message
        assert deliver_due(now=now + dt.timedelta(seconds=1)).relay_paused_until is not None
        second.refresh_from_db()
        assert second.attempts == 0 and second.status == OutboxStatus.PENDING
        for _ in range(3 * delivery.MAX_ATTEMPTS):
            now += delivery.RELAY_RETRY_LONGEST
            deliver_due(now=now)
        first.refresh_from_db()
        assert first.status == OutboxStatus.FAILED  # a relay outage never kills a message
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        report = deliver_due(now=now + delivery.RELAY_RETRY_LONGEST)
        assert report.sent == [first.pk, second.pk]
        relay.refresh_from_db()
        assert relay.consecutive_failures == 0 and relay.paused_until is None


class TestOperatorRetry:
    def test_retry_requeues_a_dead_message_delivers_it_and_audits(
        self, refusing, persona, django_capture_on_commit_callbacks
    ):
        refusing.refused_addresses.add("gone@woodgrove.test")
        bad = enqueue("retry", to="gone@woodgrove.test")
        OutboxMessage.objects.filter(pk=bad.pk).update(
            status=OutboxStatus.DEAD, attempts=8, last_error="550"
        )
        refusing.refused_addresses.clear()
        admin = persona("program_admin")
        from planserv.accounts.selectors import actor_for_membership

        with django_capture_on_commit_callbacks(execute=True):
            outbox_message_retry(
                message_id=bad.pk,
                actor=actor_for_membership(admin.membership),
                today=TODAY,
                at=AT,
            )
        bad.refresh_from_db()
        assert bad.status == OutboxStatus.SENT
        assert [m.to for m in refusing.delivered] == [["gone@woodgrove.test"]]
        event = AuditEvent.objects.get(action="notifications.outbox_message.retried")
        assert event.before["status"] == "dead" and event.after == {"status": "pending"}
        assert event.actor_label == admin.email

    def test_retry_refuses_a_sent_message(self, persona, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            sent = enqueue("sent")
        from planserv.accounts.selectors import actor_for_membership

        actor = actor_for_membership(persona("program_admin").membership)
        with pytest.raises(MessageNotRetryable):
            outbox_message_retry(message_id=sent.pk, actor=actor, today=TODAY, at=AT)
        assert len(mail.outbox) == 1

    @pytest.mark.parametrize("role", ["auditor", "payment_reviewer", "benefits_admin"])
    def test_retry_needs_program_admin_or_support_r_role_1(self, persona, role):
        from planserv.accounts.selectors import actor_for_membership

        message = enqueue("role")
        OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.FAILED)
        actor = actor_for_membership(persona(role).membership)
        with pytest.raises(Forbidden):
            outbox_message_retry(message_id=message.pk, actor=actor, today=TODAY, at=AT)
        message.refresh_from_db()
        assert message.status == OutboxStatus.FAILED


def test_one_delivery_task_per_transaction_delivers_all_its_messages(
    django_capture_on_commit_callbacks,
):
    """PERF-1: the messages one change queues cost one task after the commit, for the newest
    message; the task delivers the older ones of the transaction first."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            for number in range(3):
                enqueue_here(f"batch-{number}", to=f"person{number}@example.test")
    assert len(callbacks) == 1
    assert sorted(m.to[0] for m in mail.outbox) == [f"person{n}@example.test" for n in range(3)]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    # A later transaction gets its own task.
    with django_capture_on_commit_callbacks(execute=True) as later:
        enqueue("after")
    assert len(later) == 1 and len(mail.outbox) == 4
