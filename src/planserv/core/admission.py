"""Admission control (PERF-5): a per-process limit on requests in flight, reads shed first.

On a deadline-day surge more requests arrive than the database can serve. Queueing them all makes
every answer slow, the reserves included; this middleware answers the excess at once instead, with
`503 overloaded` and `Retry-After`, and keeps a reserve of slots for the writes that matter
(reserve, redeem, report, every POST/PUT/PATCH/DELETE):

- a read (GET, HEAD, OPTIONS) is admitted while fewer than `max_inflight - write_reserve`
  requests are in flight in this process;
- a write is admitted while fewer than `max_inflight` are in flight.

So under overload reads are shed before writes, and writes still find a slot. The counter is
per process (one gunicorn worker); the slot is released however the request ends, an exception
included. `PLANSERV_MAX_INFLIGHT=0` (the default) switches it off. The server must have more
threads than `max_inflight` for the shedding to happen here rather than in the server's own queue
(docs/operations.md, "Admission control").
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
RETRY_AFTER_SECONDS = 1


@dataclass(frozen=True)
class Limits:
    max_inflight: int  # 0: admission control off
    write_reserve: int  # slots only writes may take

    @property
    def read_limit(self) -> int:
        return max(1, self.max_inflight - self.write_reserve)


def configured_limits() -> Limits:
    """From settings: PLANSERV_MAX_INFLIGHT and PLANSERV_INFLIGHT_WRITE_RESERVE (default a
    quarter of the limit, at least one slot)."""
    maximum = max(0, int(getattr(settings, "PLANSERV_MAX_INFLIGHT", 0) or 0))
    reserve = getattr(settings, "PLANSERV_INFLIGHT_WRITE_RESERVE", None)
    if reserve is None:
        reserve = max(1, maximum // 4)
    return Limits(
        max_inflight=maximum, write_reserve=min(max(0, int(reserve)), max(0, maximum - 1))
    )


class InflightCounter:
    """Requests in flight in this process, admitted against the limits under one lock."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.inflight = 0
        self.shed_reads = 0
        self.shed_writes = 0
        self._lock = threading.Lock()

    def try_acquire(self, *, write: bool) -> bool:
        limit = self.limits.max_inflight if write else self.limits.read_limit
        with self._lock:
            if self.inflight >= limit:
                if write:
                    self.shed_writes += 1
                else:
                    self.shed_reads += 1
                return False
            self.inflight += 1
            return True

    def release(self) -> None:
        with self._lock:
            self.inflight -= 1


def overloaded_response(request: HttpRequest) -> HttpResponse:
    message = (
        "The service is busy: too many requests are in progress. Try again in a moment; "
        "the Retry-After header says when."
    )
    response: HttpResponse
    if request.path.startswith("/api/"):
        body: dict[str, object] = {
            "error": {"code": "overloaded", "message": message, "rule": None, "details": {}}
        }
        response = JsonResponse(body, status=503)
    else:
        response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["Content-Length"] = str(len(response.content))
    return response


class AdmissionControlMiddleware:
    """Placed early (after the request id, before sessions and any database work)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        limits = configured_limits()
        self.counter = InflightCounter(limits) if limits.max_inflight > 0 else None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        counter = self.counter
        if counter is None:
            return self.get_response(request)
        write = request.method not in READ_METHODS
        if not counter.try_acquire(write=write):
            request.shed = "write" if write else "read"  # type: ignore[attr-defined]  # metrics
            return overloaded_response(request)
        try:
            return self.get_response(request)
        finally:
            counter.release()
