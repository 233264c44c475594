"""api.md: Idempotency-Key replays the first response; another body with the same key is 422."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.accounts.models import ApiToken
from planserv.core import clock

pytestmark = pytest.mark.django_db


def test_repeat_with_the_same_key_and_body_returns_the_first_response_and_does_nothing(
    api_as, pin_clock
):
    pin_clock(dt.date(2020, 1, 6))
    api = api_as("program_admin")
    first = api.post("/clock", {"advance_days": 2}, idempotency_key="k-1")
    again = api.post("/clock", {"advance_days": 2}, idempotency_key="k-1")
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert again["Idempotent-Replayed"] == "true"
    assert clock.today() == dt.date(2020, 1, 8)


def test_same_key_with_another_body_is_refused(api_as, pin_clock):
    pin_clock(dt.date(2020, 1, 6))
    api = api_as("program_admin")
    api.post("/clock", {"advance_days": 2}, idempotency_key="k-2")
    response = api.post("/clock", {"advance_days": 5}, idempotency_key="k-2")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert clock.today() == dt.date(2020, 1, 8)


def test_refusals_are_replayed_too(api_as, pin_clock):
    pin_clock(dt.date(2020, 1, 6))
    api = api_as("support")
    first = api.post("/clock", {"advance_days": 1}, idempotency_key="k-3")
    assert first.status_code == 403
    assert api.post("/clock", {"advance_days": 1}, idempotency_key="k-3").json() == first.json()


def test_keys_are_scoped_to_the_credential(api_as, pin_clock, persona):
    pin_clock(dt.date(2020, 1, 6))
    api_as("program_admin").post("/clock", {"advance_days": 1}, idempotency_key="shared")
    second = api_as("program_admin").post("/clock", {"advance_days": 1}, idempotency_key="shared")
    assert second.status_code == 200 and "Idempotent-Replayed" not in second
    assert clock.today() == dt.date(2020, 1, 8)
    assert ApiToken.objects.count() == 2
