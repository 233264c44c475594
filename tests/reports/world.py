"""A small reports world on 2021-06-15: two customers, two partner firms, vouchers in every live
state, redeemed vouchers with and without payment requests. Built through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planserv.accounts.models import Organisation
from tests.factories import payments as payment_factory
from tests.factories import vouchers as factory

D = dt.date
TODAY = D(2021, 6, 15)


@dataclass
class ReportWorld:
    pool_a: factory.Pool
    pool_b: factory.Pool
    firm_x: factory.Firm
    firm_y: factory.Firm

    @property
    def customer_a(self) -> Organisation:
        return self.pool_a.customer

    @property
    def customer_b(self) -> Organisation:
        return self.pool_b.customer


def build_report_world() -> ReportWorld:
    pool_a = factory.customer_pool(days=300, country="US")
    pool_b = factory.customer_pool(days=60, country="DE")
    firm_x = factory.eligible_firm(country="US")
    firm_y = factory.eligible_firm(country="US")
    # Customer A: an assigned voucher due soon (at risk), one due late, a reserved one, a
    # redeemed one without a payment request (window open), one with a filed request.
    factory.assigned(pool_a, today=D(2021, 1, 4), days=3)  # expires 2021-07-03: at risk
    factory.assigned(pool_a, today=D(2021, 6, 1), days=5)
    reserved = factory.assigned(pool_a, today=D(2021, 5, 3), days=5)
    factory.reserved(reserved, firm_x, today=D(2021, 5, 4))
    unrequested = factory.assigned(pool_a, today=D(2021, 5, 3), days=1)
    factory.reserved(unrequested, firm_x, today=D(2021, 5, 4))
    factory.delivered(unrequested, firm_x, today=D(2021, 5, 20), start=D(2021, 5, 10))
    factory.redeemed(unrequested, firm_x, today=D(2021, 6, 1))
    case = payment_factory.redeemed_case(firm=firm_x, pool=pool_a, days=1)
    payment_factory.filed(case)
    # Customer B: a delivered voucher held by firm Y.
    delivered = factory.assigned(pool_b, today=D(2021, 2, 1), days=10)
    factory.reserved(delivered, firm_y, today=D(2021, 2, 2))
    factory.delivered(delivered, firm_y, today=D(2021, 3, 1), start=D(2021, 2, 10))
    return ReportWorld(pool_a=pool_a, pool_b=pool_b, firm_x=firm_x, firm_y=firm_y)


def add_vouchers(world: ReportWorld, count: int) -> None:
    """`count` more vouchers in several states (for the PERF-4 query-count tests)."""
    for number in range(count):
        voucher = factory.assigned(world.pool_a, today=D(2021, 5, 3), days=1)
        if number % 3 == 1:
            factory.reserved(voucher, world.firm_x, today=D(2021, 5, 4))
        elif number % 3 == 2:
            factory.reserved(voucher, world.firm_y, today=D(2021, 5, 4))
            factory.delivered(voucher, world.firm_y, today=D(2021, 5, 20), start=D(2021, 5, 10))
            factory.redeemed(voucher, world.firm_y, today=D(2021, 6, 1))
