"""`with nothing_changes():` around a refused action asserts that it left the database as it found
it: every row of every table, so the rows of the domain, the ledger accounts with their stored
balances and the ledger entries, the audit events and the outbox messages.

    with nothing_changes(), pytest.raises(Forbidden):
        convert(agreement, project_manager, 2)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps


def database_rows() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table Django manages, by model label, in primary-key order."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        rows[meta.label] = list(model._base_manager.order_by("pk").values_list())
    return rows


@contextmanager
def nothing_changes() -> Iterator[None]:
    before = database_rows()
    yield
    after = database_rows()
    changed = {
        label: {"before": len(before[label]), "after": len(after[label])}
        for label in before
        if before[label] != after[label]
    }
    assert not changed, f"the refused action changed these tables (row counts): {changed}"
