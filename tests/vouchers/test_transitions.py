"""Every service performs exactly its transition of the table (domain.md 5.6), sets its per-state
timestamp, and together the services cover every (from, to) pair of TRANSITIONS."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from planserv.core.actor import Actor
from planserv.vouchers.lifecycle import TRANSITIONS, VoucherStatus
from planserv.vouchers.models import Voucher
from planserv.vouchers.services import voucher_cancel, voucher_release, vouchers_expire_due
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db
D = dt.date
S = VoucherStatus


def _to(voucher: Voucher, state: str, firm: factory.Firm) -> Voucher:
    if state in (S.RESERVED, S.DELIVERED):
        factory.reserved(voucher, firm)
    if state == S.DELIVERED:
        factory.delivered(voucher, firm)
    return factory.fresh(voucher)


def release(voucher: Voucher, pool: factory.Pool, firm: factory.Firm) -> object:
    return voucher_release(
        voucher=voucher, actor=firm.admin_actor, today=D(2021, 3, 11), at=factory.at(D(2021, 3, 11))
    )


def cancel(voucher: Voucher, pool: factory.Pool, firm: factory.Firm) -> object:
    return voucher_cancel(
        voucher=voucher, actor=pool.admin_actor, today=D(2021, 3, 11), at=factory.at(D(2021, 3, 11))
    )


def expire(voucher: Voucher, pool: factory.Pool, firm: factory.Firm) -> object:
    day = voucher.expiry_date + dt.timedelta(days=1)
    return vouchers_expire_due(as_of=day, actor=Actor.system(), at=factory.at(day))


@dataclass(frozen=True)
class Case:
    name: str
    source: str
    target: str
    act: Callable[[Voucher, factory.Pool, factory.Firm], object]
    timestamp: str


CASES = [
    Case(
        "voucher_reserve",
        S.ASSIGNED,
        S.RESERVED,
        lambda v, p, f: factory.reserved(v, f),
        "reserved_at",
    ),
    Case(
        "voucher_report_delivery",
        S.RESERVED,
        S.DELIVERED,
        lambda v, p, f: factory.delivered(v, f),
        "delivered_at",
    ),
    Case(
        "voucher_redeem",
        S.DELIVERED,
        S.REDEEMED,
        lambda v, p, f: factory.redeemed(v, f),
        "redeemed_at",
    ),
    Case("voucher_release", S.RESERVED, S.ASSIGNED, release, "assigned_at"),
    Case("voucher_release (report void)", S.DELIVERED, S.ASSIGNED, release, "assigned_at"),
    Case("voucher_cancel", S.ASSIGNED, S.CANCELLED, cancel, "cancelled_at"),
    Case("vouchers_expire_due", S.ASSIGNED, S.EXPIRED, expire, "expired_at"),
    Case("vouchers_expire_due", S.RESERVED, S.EXPIRED, expire, "expired_at"),
    Case("vouchers_expire_due", S.DELIVERED, S.EXPIRED, expire, "expired_at"),
]


def test_the_services_cover_every_pair_of_the_transition_table():
    covered = {(case.source, case.target) for case in CASES}
    table = {(source, target) for source, targets in TRANSITIONS.items() for target in targets}
    assert covered == table


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.name}: {c.source}→{c.target}")
def test_each_service_performs_exactly_its_transition(case):
    pool = factory.customer_pool()
    firm = factory.eligible_firm()
    voucher = _to(factory.assigned(pool), case.source, firm)
    others = {v.pk: v.status for v in Voucher.objects.exclude(pk=voucher.pk)}
    assert voucher.status == case.source
    case.act(voucher, pool, firm)
    after = factory.fresh(voucher)
    assert after.status == case.target
    assert getattr(after, case.timestamp) is not None
    assert {v.pk: v.status for v in Voucher.objects.exclude(pk=voucher.pk)} == others


def test_creation_makes_an_assigned_voucher_with_its_timestamp():
    voucher = factory.assigned(factory.customer_pool())
    assert (voucher.status, voucher.assigned_at is not None) == (S.ASSIGNED, True)
