"""Set-based work in batches over tables that can hold a million rows (STYLE.md principle 9).

Each batch is one SELECT of at most BATCH keys through the queryset's index, then one DELETE or
UPDATE of those keys, committed on its own: a retention job never holds one long transaction,
never loads the rows into Python objects, and a crash loses at most the batch in flight (the next
run carries on, because the predicate is the same).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

BATCH = 5000


def _next_keys(queryset: QuerySet[Any, Any], order: tuple[str, ...], batch: int) -> list[Any]:
    return list(queryset.order_by(*order).values_list("pk", flat=True)[:batch])


def delete_in_batches(
    queryset: QuerySet[Any, Any], *, order: tuple[str, ...] = ("pk",), batch: int = BATCH
) -> int:
    """Delete every row of `queryset`, `batch` rows per statement; returns how many (the rows of
    `queryset`'s model; for a model without relations or delete signals each batch is one plain
    DELETE … WHERE pk IN …)."""
    model = queryset.model
    total = 0
    while keys := _next_keys(queryset, order, batch):
        _, per_model = model._default_manager.filter(pk__in=keys).delete()
        total += per_model.get(model._meta.label, 0)
    return total


def update_in_batches(
    queryset: QuerySet[Any, Any],
    *,
    values: dict[str, Any],
    order: tuple[str, ...] = ("pk",),
    batch: int = BATCH,
) -> int:
    """Set `values` on every row of `queryset`, `batch` rows per statement; returns how many.
    The update must take the rows out of `queryset`, or this never ends."""
    manager = queryset.model._default_manager
    total = 0
    while keys := _next_keys(queryset, order, batch):
        total += manager.filter(pk__in=keys).update(**values)
    return total
