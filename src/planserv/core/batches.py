"""Set-based work in batches over tables that can hold a million rows (STYLE.md principle 9).

Each batch is one SELECT of at most BATCH keys through the queryset's index, then one DELETE or
UPDATE of those keys, committed on its own: a retention job never holds one long transaction,
never loads the rows into Python objects, and a crash loses at most the batch in flight (the next
run carries on, because the predicate is the same).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q, QuerySet

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


def rows_in_batches(queryset: QuerySet[Any, Any], *, batch: int = 2000) -> Iterator[Any]:
    """Every row of `queryset` in its own order, read `batch` rows per query by keyset (the last
    row's values of the ordering columns), not by a server-side cursor: exports stream the same way
    behind a transaction-mode pooler, where Django fetches a whole cursor into memory. The order
    must end with a unique column (`id`/`pk`, or a unique key), or rows tied on it are lost."""
    order = [str(field) for field in queryset.query.order_by]
    if not order:
        raise ValueError("rows_in_batches() needs an ordered queryset ending with a unique key.")
    fields = [(field.lstrip("-"), field.startswith("-")) for field in order]
    after: Q | None = None
    while True:
        rows = list((queryset.filter(after) if after is not None else queryset)[:batch])
        yield from rows
        if len(rows) < batch:
            return
        after = _after(fields, [_value(rows[-1], name) for name, _ in fields])


def _value(row: Any, name: str) -> Any:
    return row.pk if name == "pk" else getattr(row, name)


def _after(fields: list[tuple[str, bool]], values: list[Any]) -> Q:
    """Rows after `values` in the order `fields`: (a > x) or (a = x and b > y) or …"""
    condition = Q(pk__in=[])
    for index, (name, descending) in enumerate(fields):
        step = Q(**{f"{name}__{'lt' if descending else 'gt'}": values[index]})
        for position, (earlier, _) in enumerate(fields[:index]):
            step &= Q(**{earlier: values[position]})
        condition |= step
    return condition
