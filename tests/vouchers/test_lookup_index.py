"""PERF-4: looking a voucher up by its public id uses an index, never a scan of the table."""

from __future__ import annotations

import pytest
from django.db import connection

from planserv.vouchers.models import Voucher
from tests.factories import vouchers as voucher_factory

pytestmark = pytest.mark.django_db


def test_voucher_lookup_by_public_id_uses_an_index_perf_4():
    pool = voucher_factory.customer_pool(days=100)
    vouchers = [voucher_factory.assigned(pool, days=1) for _ in range(5)]
    queryset = Voucher.objects.filter(voucher_id=vouchers[2].voucher_id)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # A five-row table would be scanned by cost alone; forbid that to see the plan's index.
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
        assert "Index" in plan and "Seq Scan" not in plan, plan
    else:
        plan = queryset.explain()
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
    assert list(queryset) == [vouchers[2]]
