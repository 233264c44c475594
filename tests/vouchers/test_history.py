"""A voucher's history is built from its audit events and sliced per party: the customer and
operators see everything; a partner sees from its own reservation on, never another partner's."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.core.actor import Actor
from planserv.vouchers.selectors import voucher_history_for
from planserv.vouchers.services import (
    voucher_release,
    vouchers_expire_due,
    vouchers_extend_expiry_due,
)
from tests.conftest import ApiClient
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db
D = dt.date


def actions(actor: Actor, voucher) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        entry.action for entry in voucher_history_for(actor=actor, voucher=factory.fresh(voucher))
    ]


def test_each_party_sees_its_own_slice(persona):
    pool = factory.customer_pool()
    first, second = factory.eligible_firm(), factory.eligible_firm()
    voucher = factory.assigned(pool, today=D(2021, 3, 1))
    factory.reserved(voucher, first, today=D(2021, 3, 2))
    voucher_release(
        voucher=factory.fresh(voucher),
        actor=first.admin_actor,
        today=D(2021, 3, 3),
        at=factory.at(D(2021, 3, 3)),
    )
    factory.reserved(voucher, second, today=D(2021, 3, 4))
    factory.delivered(voucher, second, today=D(2021, 3, 10))
    everything = ["created_and_assigned", "reserved", "released", "reserved", "delivered"]
    assert actions(pool.admin_actor, voucher) == everything
    assert actions(factory.actor(persona("auditor").membership), voucher) == everything
    assert actions(second.admin_actor, voucher) == ["reserved", "delivered"]
    assert actions(first.admin_actor, voucher) == []  # it no longer holds the voucher
    seen = ApiClient(second.admin).get(f"/vouchers/{voucher.voucher_id}").json()["history"]
    assert [entry["action"] for entry in seen] == ["reserved", "delivered"]
    assert first.organisation.name not in str(seen)


def test_the_sweep_and_extensions_appear_in_the_timeline():
    pool = factory.customer_pool()
    voucher = factory.assigned(pool, today=D(2020, 1, 6))
    vouchers_extend_expiry_due(
        as_of=D(2020, 4, 1), actor=Actor.system(), at=factory.at(D(2020, 4, 1))
    )
    day = factory.fresh(voucher).expiry_date + dt.timedelta(days=1)
    vouchers_expire_due(as_of=day, actor=Actor.system(), at=factory.at(day))
    timeline = voucher_history_for(actor=pool.admin_actor, voucher=factory.fresh(voucher))
    assert [entry.action for entry in timeline] == [
        "created_and_assigned",
        "expiry_extended",
        "expired",
    ]
    assert "returned to the available days" in timeline[-1].detail
    assert timeline[-1].program_date == day
