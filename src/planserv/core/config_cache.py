"""Per-process caches of the configuration, invalidated on change in every process (PERF-1).

The calendar and program settings, the catalogue, the day rates and the webhook subscriptions are
read on every write of the hot path but change a few times a year. Each process keeps them in a
`VersionedCache`, built with the token of the `core_configversion` row; database triggers on the
cached tables set a new token on any change (migration core 0002), whoever makes it. A cache is
used only when its token equals the token read in the current transaction, so a change takes
effect on the next request in every process.

The token costs no statement of its own on the hot path: the voucher services read it in the
statement that locks the voucher (`version_column()` annotated onto it) and `note_version()`
records it for the rest of the transaction (those services never change the configuration). Where
no statement carries it, `current_version()` reads it (one indexed singleton read, in place of the
two to six reads the caches save). The noted token lives exactly as long as the (save)point that
read it (a no-op on-commit hook: Django drops it at commit or rollback, and it is ignored once its
savepoint is released), so a later request never uses an earlier request's token. A missing row means "not known": the loader
runs every time, nothing is cached.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from django.db import transaction
from django.db.models import Subquery

from planserv.core.models import ConfigVersion

T = TypeVar("T")
UNKNOWN = None


def version_column() -> Subquery:
    """The token as a scalar subquery, to annotate onto a statement the service runs anyway."""
    return Subquery(ConfigVersion.objects.filter(singleton=1).values("token")[:1])


class _VersionSeen:
    """A no-op on-commit hook that carries the token read in this transaction."""

    def __init__(self, token: int | None) -> None:
        self.token = token

    def __call__(self) -> None:
        """Nothing to do at commit."""


def _noted() -> _VersionSeen | None:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    open_savepoints = set(connection.savepoint_ids)
    for sids, hook, _robust in connection.run_on_commit:
        # Only a token noted at a (save)point still open: a service that ran in a savepoint
        # already released (an earlier call inside one long transaction) does not speak for now.
        if isinstance(hook, _VersionSeen) and set(sids) <= open_savepoints:
            return hook
    return None


def note_version(token: int | None) -> None:
    """Record the token read in this transaction (by a statement that carried `version_column`)."""
    if not transaction.get_connection().in_atomic_block:
        return
    seen = _noted()
    if seen is not None:
        seen.token = token
    else:
        transaction.on_commit(_VersionSeen(token))


def current_version() -> int | None:
    """The token noted in this transaction, or else the token read now. A token read here is not
    noted: a transaction that changes the configuration and then reads it must see its change."""
    seen = _noted()
    if seen is not None:
        return seen.token
    return ConfigVersion.objects.filter(singleton=1).values_list("token", flat=True).first()


class VersionedCache(Generic[T]):
    """One cached value per process, rebuilt by `loader` when the configuration token changed."""

    def __init__(self, name: str, loader: Callable[[], T]) -> None:
        self.name = name
        self.loader = loader
        self._lock = threading.Lock()
        self._entry: tuple[int, T] | None = None

    def get(self) -> T:
        token = current_version()
        if token is UNKNOWN:
            return self.loader()
        entry = self._entry
        if entry is not None and entry[0] == token:
            return entry[1]
        with self._lock:
            value = self.loader()
            self._entry = (token, value)
        return value

    def clear(self) -> None:
        self._entry = None
