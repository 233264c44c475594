"""Data sets for the REL-6 / REL-10 process tests.

`due_vouchers()` builds a few thousand vouchers due for the expiry sweep quickly: one voucher per
agreement goes through `voucher_create_and_assign` (the real path), the rest are copies of it
inserted in bulk with their days moved available → held by `ledger_move_batch` (the ledger's own
batch writer, the same idempotency keys as the service), so the ledger is exactly what that many
service calls would have left. A quarter of the agreements end before the vouchers expire, so the
sweep forfeits their days instead of returning them (R-EXP-1)."""

from __future__ import annotations

import datetime as dt
import itertools

from django.db import transaction

from planserv.core.actor import Actor
from planserv.customers.ledger.accounts import AccountKind, EntryCause
from planserv.customers.ledger.services import Movement, ledger_move_batch
from planserv.vouchers import voucher_id as voucher_ids
from planserv.vouchers.models import Voucher
from tests.factories import vouchers as factory

D = dt.date
CREATED = D(2020, 9, 2)
SWEEP_DAY = D(2021, 3, 2)  # the day after vouchers created on CREATED expire
DAYS = (1, 3, 5)


def due_vouchers(*, count: int, agreements: int) -> int:
    """`count` vouchers due for the sweep of SWEEP_DAY across `agreements` agreements; returns
    the number of days they hold."""
    per_agreement = -(-count // agreements)
    used: set[str] = set(Voucher.objects.values_list("voucher_id", flat=True))
    held = made = 0
    for number in range(agreements):
        share = min(per_agreement, count - made)
        if share <= 0:
            break
        days = list(itertools.islice(itertools.cycle(DAYS), number, number + share))
        pool = factory.customer_pool(
            days=sum(days) + 7,
            end_date=D(2021, 1, 31) if number % 4 == 3 else D(2022, 6, 30),
        )
        template = factory.assigned(pool, today=CREATED, days=days[0])
        used.add(template.voucher_id)
        copies = []
        for serial, level in enumerate(days[1:], start=1):
            new_id = voucher_ids.generate()
            while new_id in used:
                new_id = voucher_ids.generate()
            used.add(new_id)
            copy = Voucher(
                **{
                    f.attname: getattr(template, f.attname)
                    for f in Voucher._meta.concrete_fields
                    if not f.primary_key
                }
            )
            copy.voucher_id, copy.days = new_id, level
            copy.division = copy.cap_group = f"copy {serial}"
            copies.append(copy)
        with transaction.atomic():
            Voucher.objects.bulk_create(copies, batch_size=500)
            ledger_move_batch(
                movements=[
                    Movement(
                        agreement_id=pool.agreement.pk,
                        source=AccountKind.AVAILABLE,
                        destination=AccountKind.HELD,
                        idempotency_key=f"voucher:{copy.voucher_id}:hold",
                        days=copy.days,
                        cause_id=copy.voucher_id,
                        memo="Voucher created and assigned (bulk copy)",
                    )
                    for copy in copies
                ],
                cause=EntryCause.VOUCHER,
                effective_date=CREATED,
                actor=Actor.system(label="test data"),
                at=factory.at(CREATED),
            )
        made += share
        held += sum(days)
    return held
