"""The race harness (STYLE.md principle 8): real threads, each with its own database connection,
released together by one barrier.

`run_threads(count, work)` runs `work(number)` in `count` threads and returns every outcome the
threads reported; an exception is reported as an "error: ..." outcome, never lost, so the test's
assertion on the outcomes shows it. `race(calls)` runs one call per thread and counts the outcomes:
"ok", the `DomainError` code of a refusal, or the error. Each thread closes its connection when it
ends (Django opens one per thread), so transactional tests can flush afterwards.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from django.db import connection

from planserv.core.errors import DomainError

T = TypeVar("T")


def run_threads(
    count: int,
    work: Callable[[int], Iterable[T]],
    *,
    barrier_timeout: float = 120,
    join_timeout: float = 600,
) -> list[T | str]:
    """Start `count` threads behind one barrier; thread `number` runs `work(number)` and its
    outcomes are collected. Returns the outcomes of all threads (in no particular order)."""
    barrier = threading.Barrier(count)
    outcomes: list[T | str] = []
    lock = threading.Lock()

    def run(number: int) -> None:
        results: list[T | str] = []
        try:
            barrier.wait(timeout=barrier_timeout)
            results.extend(work(number))
        except Exception as error:  # reported as an outcome, never lost
            results = [f"error: {type(error).__name__}: {error}"]
        finally:
            connection.close()
        with lock:
            outcomes.extend(results)

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=join_timeout)
    return outcomes


def outcome_of(call: Callable[[], object]) -> str:
    """ "ok", the code of the domain's refusal, or the unexpected error."""
    try:
        call()
    except DomainError as refused:
        return refused.code
    return "ok"


def race(
    calls: Sequence[Callable[[], object]], *, barrier_timeout: float = 60, join_timeout: float = 120
) -> Counter[str]:
    """Run each call in its own thread, all released together; count the outcomes."""
    outcomes = run_threads(
        len(calls),
        lambda number: [outcome_of(calls[number])],
        barrier_timeout=barrier_timeout,
        join_timeout=join_timeout,
    )
    return Counter(str(outcome) for outcome in outcomes)
