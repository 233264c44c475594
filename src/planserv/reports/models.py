"""The voucher counters the operator reports read instead of scanning every voucher (issue 22,
PERF-7): vouchers and days per dimension, group key, day and stage. Kept by database triggers on
the vouchers and the payment requests (`reports/counters.py`), so every writer keeps them exact:
the voucher services, the set-based sweeps, the bulk data generator, the Django admin, raw SQL."""

from __future__ import annotations

from django.db import models

COUNTER_SHARDS = 16


class VoucherCount(models.Model):
    """One counter row. `dimension` says what `key`, `day` and `stage` mean (`counters.DIMENSIONS`);
    `day` is `counters.NO_DAY` where a dimension has no date. The busy, low-cardinality dimensions
    are sharded (voucher id mod COUNTER_SHARDS, so concurrent single-voucher writers rarely wait
    on the same row); a reader sums the shards. `planserv ledger check` recounts them."""

    dimension = models.CharField(max_length=10)
    key = models.BigIntegerField()
    day = models.DateField()
    stage = models.CharField(max_length=24)
    shard = models.PositiveSmallIntegerField()
    vouchers = models.BigIntegerField(default=0)
    days = models.BigIntegerField(default=0)

    objects: models.Manager[VoucherCount] = models.Manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "key", "day", "stage", "shard"], name="voucher_count_once"
            )
        ]
        indexes = [models.Index(fields=["dimension", "day"], name="voucher_count_dimension_day")]

    def __str__(self) -> str:
        return f"{self.dimension} {self.key} {self.day} {self.stage}: {self.vouchers}"
