"""REL-3 (builders in tests/security/operations.py make a fresh object per call): every mutating API operation, enumerated from the registry that REL-7 checks against the
OpenAPI document, replayed with the same Idempotency-Key (3 in a row, then 8 concurrent) has one
effect and identical responses; the same key with another body is 422."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from planserv.audit.models import AuditEvent
from tests.conftest import ApiClient
from tests.races import run_threads
from tests.security.operations import API_OPERATIONS
from tests.security.world import build_world

MUTATING = [op for op in API_OPERATIONS if op.method in {"POST", "PUT", "PATCH", "DELETE"}]


def _caller(world, operation):
    role = sorted(operation.roles)[0]
    return role, ApiClient(world.member(role))


@pytest.mark.django_db
@pytest.mark.parametrize("operation", MUTATING, ids=lambda op: f"{op.method} {op.path}")
def test_three_replays_have_one_effect_and_identical_responses_rel_3(pin_clock, operation):
    pin_clock(dt.date(2021, 6, 15))
    world = build_world()
    role, client = _caller(world, operation)
    call = operation.build(world, "own", role)
    path = call.path.removeprefix("/api/v1")
    key = str(uuid.uuid4())
    first = client.send(operation.method, path, call.body, idempotency_key=key)
    assert first.status_code in operation.ok_statuses, first.content
    effect = AuditEvent.objects.count()
    for _ in range(2):
        again = client.send(operation.method, path, call.body, idempotency_key=key)
        assert (again.status_code, again.content) == (first.status_code, first.content)
    assert AuditEvent.objects.count() == effect
    other_body = (
        {**(call.body or {}), "_different": True} if isinstance(call.body, dict) else {"x": 1}
    )
    reused = client.send(operation.method, path, other_body, idempotency_key=key)
    assert reused.status_code == 422
    assert reused.json()["error"]["code"] == "idempotency_key_reused"
    assert AuditEvent.objects.count() == effect


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("operation", MUTATING, ids=lambda op: f"{op.method} {op.path}")
def test_eight_concurrent_replays_have_one_effect_rel_3(pin_clock, operation):
    pin_clock(dt.date(2021, 6, 15))
    world = build_world()
    role, client = _caller(world, operation)
    # One plain call on a fresh object measures what a single effect writes.
    warm_up = operation.build(world, "own", role)
    before = AuditEvent.objects.count()
    response = client.send(
        operation.method,
        warm_up.path.removeprefix("/api/v1"),
        warm_up.body,
        idempotency_key=str(uuid.uuid4()),
    )
    assert response.status_code in operation.ok_statuses, response.content
    single = AuditEvent.objects.count() - before
    call = operation.build(world, "own", role)  # builders make a fresh object per call
    path = call.path.removeprefix("/api/v1")
    key = str(uuid.uuid4())
    before = AuditEvent.objects.count()

    def send(_: int) -> list[tuple[int, bytes]]:
        response = client.send(operation.method, path, call.body, idempotency_key=key)
        return [(response.status_code, response.content)]

    results = run_threads(8, send, join_timeout=60)
    assert len(results) == 8
    assert len(set(results)) == 1, results
    assert results[0][0] in operation.ok_statuses
    assert AuditEvent.objects.count() - before == single
    replay = client.send(operation.method, path, call.body, idempotency_key=key)
    assert (replay.status_code, replay.content) == results[0]
    assert AuditEvent.objects.count() - before == single
