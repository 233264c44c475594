"""Partitioned sweeps: the keyset batches of a set-based sweep (expiry, removal) spread over
several database connections, so that PostgreSQL works on more than one core (PERF-2, PERF-3).

A sweep splits its key space into contiguous ranges holding about the same number of due rows
(`key_ranges`) and runs its ordinary batch loop over each range in its own thread, each thread
with its own connection (`run_partitioned`). Each batch is still its own transaction, so a run
stays idempotent and resumable (REL-6); the ranges only decide which connection does a batch.

One connection (the plain loop in the caller's thread) when:
- the database is SQLite: one writer at a time, a second connection would only wait;
- the caller is inside a transaction: another connection would not see its uncommitted rows;
- `PLANSERV_SWEEP_WORKERS` is 1.
"""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection, connections
from django.db.models import QuerySet

logger = logging.getLogger(__name__)

DEFAULT_WORKERS = 2
Batch = TypeVar("Batch")


def sweep_workers() -> int:
    """How many connections a sweep started here may use."""
    wanted = int(getattr(settings, "PLANSERV_SWEEP_WORKERS", DEFAULT_WORKERS) or 1)
    if wanted <= 1 or connection.vendor != "postgresql" or connection.in_atomic_block:
        return 1
    return wanted


def key_ranges(rows: QuerySet[Any, Any], key: str, parts: int) -> list[tuple[int, int | None]]:
    """Split the integer `key` values of `rows` (in key order) into at most `parts` ranges
    `(after, upto)` of about as many rows each: a key k belongs to a range when
    after < k <= upto (`upto` None: no upper bound, so the last range also takes rows that
    become due while the sweep runs). One range when `parts` is 1 or there are few rows."""
    if parts <= 1:
        return [(0, None)]
    ordered = rows.order_by(key).values_list(key, flat=True)
    total = ordered.count()
    if total < 2 * parts:
        return [(0, None)]
    bounds: list[int] = []
    for part in range(1, parts):
        bound = ordered[part * total // parts - 1]
        if not bounds or bound > bounds[-1]:
            bounds.append(int(bound))
    ranges: list[tuple[int, int | None]] = []
    after = 0
    for bound in bounds:
        ranges.append((after, bound))
        after = bound
    ranges.append((after, None))
    return ranges


@dataclass
class Partitioned:
    """What the threads of one partitioned run share: a lock, the stop signal, a batch counter."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)
    batches: int = 0

    def next_batch_number(self) -> int:
        with self.lock:
            self.batches += 1
            return self.batches


def run_partitioned(
    ranges: Sequence[tuple[int, int | None]],
    work: Callable[[int, int | None, Partitioned], None],
) -> Partitioned:
    """Run `work(after, upto, shared)` for every range, each in its own thread and connection
    (one range: in this thread). `work` loops over its range's batches and should stop early
    when `shared.stop` is set; the first exception sets it and is raised here once every thread
    has finished (batches committed by then stay committed: the sweep resumes from them)."""
    shared = Partitioned()
    if len(ranges) == 1:
        after, upto = ranges[0]
        work(after, upto, shared)
        return shared
    errors: list[BaseException] = []

    def thread_main(after: int, upto: int | None) -> None:
        try:
            work(after, upto, shared)
        except BaseException as exc:  # re-raised in the caller's thread below
            with shared.lock:
                errors.append(exc)
            shared.stop.set()
        finally:
            connections.close_all()  # this thread's connections

    # Each thread runs in a copy of the caller's context, so its log lines carry the job run.
    threads = [
        threading.Thread(
            target=contextvars.copy_context().run,
            args=(thread_main, after, upto),
            name=f"sweep-{number}",
        )
        for number, (after, upto) in enumerate(ranges, start=1)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return shared


def run_batches_in_ranges(
    ranges: Sequence[tuple[int, int | None]],
    *,
    batch: Callable[[int, int | None, Callable[[], int]], Batch | None],
    last_key: Callable[[Batch], int],
    on_batch: Callable[[Batch], None],
) -> None:
    """A sweep's keyset loop over each range (`run_partitioned`): `batch(after, upto, numbering)`
    commits one batch after key `after` (and at most `upto`) and returns it, or None when the
    range is done; `numbering()` gives the next batch number of the whole run. `on_batch` is
    called after each committed batch, one call at a time (the shared lock is held)."""

    def work(after: int, upto: int | None, shared: Partitioned) -> None:
        while not shared.stop.is_set():
            done = batch(after, upto, shared.next_batch_number)
            if done is None:
                return
            logger.info("sweep.batch", extra={"after_key": after, "last_key": last_key(done)})
            after = last_key(done)
            with shared.lock:
                on_batch(done)

    run_partitioned(ranges, work)
