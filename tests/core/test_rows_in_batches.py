"""Exports read their rows by keyset batches (core/batches.py: rows_in_batches), so they stream
behind a transaction-mode pooler too (PERF-8): every row once, in the queryset's order, whatever
the batch size, with ties on the first column broken by the last."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from planserv.audit.models import AuditEvent
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.batches import rows_in_batches

pytestmark = pytest.mark.django_db


@pytest.fixture
def events() -> None:
    base = dt.datetime(2021, 6, 15, 9, 0, tzinfo=dt.UTC)
    with transaction.atomic():
        for number in range(11):
            audit_record(
                actor=Actor.system(label="batches"),
                action="program.thing.changed",
                subject=("program.thing", str(number)),
                at=base + dt.timedelta(minutes=number % 3),  # ties on occurred_at
                program_date=base.date(),
            )


@pytest.mark.parametrize("batch", [1, 2, 3, 5, 11, 50])
@pytest.mark.parametrize(
    "order", [("-id",), ("id",), ("-occurred_at", "-id"), ("occurred_at", "-id")]
)
def test_every_row_once_in_the_querysets_order(events: None, batch: int, order: tuple) -> None:
    queryset = AuditEvent.objects.order_by(*order)
    assert [event.pk for event in rows_in_batches(queryset, batch=batch)] == list(
        queryset.values_list("pk", flat=True)
    )


def test_an_unordered_queryset_is_refused() -> None:
    with pytest.raises(ValueError, match="ordered"):
        list(rows_in_batches(AuditEvent.objects.order_by(), batch=10))
