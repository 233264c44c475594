"""Domain section 10: the audit log is append-only, written inside the changing transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, transaction

from planserv.audit.models import AuditEvent
from planserv.audit.services import audit_record
from planserv.core.actor import Actor

pytestmark = pytest.mark.django_db(transaction=True)
AT = dt.datetime(2020, 1, 6, 9, tzinfo=dt.UTC)


def _event() -> AuditEvent:
    with transaction.atomic():
        return audit_record(
            actor=Actor.system(),
            action="tests.thing.done",
            subject=("tests.thing", "1"),
            at=AT,
            program_date=AT.date(),
            after={"n": 1},
        )


class TestAuditLog:
    def test_records_actor_subject_and_after(self):
        event = _event()
        assert (event.action, event.subject_id, event.after) == ("tests.thing.done", "1", {"n": 1})
        assert event.actor_label == "system"

    def test_database_refuses_update(self):
        event = _event()
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
        assert AuditEvent.objects.get(pk=event.pk).action == "tests.thing.done"

    def test_database_refuses_delete(self):
        event = _event()
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).delete()
        assert AuditEvent.objects.filter(pk=event.pk).exists()

    def test_refuses_to_write_outside_a_transaction(self):
        with pytest.raises(RuntimeError):
            audit_record(
                actor=Actor.system(),
                action="x.y.z",
                subject=("x.y", "1"),
                at=AT,
                program_date=AT.date(),
            )
