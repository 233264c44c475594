"""PERF-5 admission control: reads are shed before writes, slots are released however a request
ends, and the middleware does nothing when PLANSERV_MAX_INFLIGHT is 0."""

from __future__ import annotations

import json
import threading

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings

from planserv.core.admission import (
    AdmissionControlMiddleware,
    InflightCounter,
    Limits,
    configured_limits,
)

factory = RequestFactory()


class Gate:
    """A view that holds its request until released, so a test controls what is in flight."""

    def __init__(self) -> None:
        self.entered = threading.Semaphore(0)
        self.release = threading.Event()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.entered.release()
        self.release.wait(timeout=10)
        return HttpResponse("ok")


def _middleware(view: object, **limits: int) -> AdmissionControlMiddleware:
    with override_settings(
        PLANSERV_MAX_INFLIGHT=limits.get("max_inflight", 0),
        PLANSERV_INFLIGHT_WRITE_RESERVE=limits.get("write_reserve"),
    ):
        return AdmissionControlMiddleware(view)  # type: ignore[arg-type]


def _hold(middleware: AdmissionControlMiddleware, gate: Gate, requests: list[HttpRequest]) -> list:
    """Send each request in its own thread and wait until all are inside the view."""
    threads = [threading.Thread(target=middleware, args=(r,)) for r in requests]
    for thread in threads:
        thread.start()
    for _ in requests:
        assert gate.entered.acquire(timeout=10)
    return threads


def test_limits_from_settings() -> None:
    with override_settings(PLANSERV_MAX_INFLIGHT=8, PLANSERV_INFLIGHT_WRITE_RESERVE=None):
        assert configured_limits() == Limits(max_inflight=8, write_reserve=2)
    with override_settings(PLANSERV_MAX_INFLIGHT=8, PLANSERV_INFLIGHT_WRITE_RESERVE=3):
        assert configured_limits().read_limit == 5
    with override_settings(PLANSERV_MAX_INFLIGHT=1, PLANSERV_INFLIGHT_WRITE_RESERVE=5):
        # A reserve never takes every slot: reads still get one.
        assert configured_limits().read_limit == 1


def test_disabled_when_the_setting_is_zero() -> None:
    gate = Gate()
    middleware = _middleware(gate, max_inflight=0)
    assert middleware.counter is None
    threads = _hold(middleware, gate, [factory.get("/api/v1/vouchers") for _ in range(20)])
    gate.release.set()
    for thread in threads:
        thread.join(timeout=10)


def test_reads_are_shed_before_writes() -> None:
    gate = Gate()
    middleware = _middleware(gate, max_inflight=3, write_reserve=1)
    threads = _hold(middleware, gate, [factory.get("/api/v1/vouchers") for _ in range(2)])
    try:
        # Two in flight: the read limit (3 - 1) is reached, a write still gets the reserve slot.
        shed = middleware(factory.get("/api/v1/vouchers/X"))
        assert shed.status_code == 503
        assert shed["Retry-After"] == "1"
        assert json.loads(shed.content)["error"]["code"] == "overloaded"
        threads += _hold(middleware, gate, [factory.post("/api/v1/vouchers/X/reservation")])
        # Now full: a further write is shed too.
        assert middleware(factory.post("/api/v1/redemptions")).status_code == 503
        assert middleware.counter is not None
        assert (middleware.counter.shed_reads, middleware.counter.shed_writes) == (1, 1)
    finally:
        gate.release.set()
        for thread in threads:
            thread.join(timeout=10)
    assert middleware.counter.inflight == 0
    assert middleware(factory.get("/api/v1/vouchers")).status_code == 200


def test_portal_pages_get_a_plain_503() -> None:
    gate = Gate()
    middleware = _middleware(gate, max_inflight=2, write_reserve=1)
    threads = _hold(middleware, gate, [factory.get("/portal/")])
    try:
        shed = middleware(factory.get("/portal/vouchers/"))
        assert shed.status_code == 503
        assert shed["Content-Type"].startswith("text/plain")
        assert shed["Retry-After"] == "1"
    finally:
        gate.release.set()
        for thread in threads:
            thread.join(timeout=10)


def test_the_slot_is_released_when_the_view_raises() -> None:
    def broken(request: HttpRequest) -> HttpResponse:
        raise RuntimeError("boom")

    middleware = _middleware(broken, max_inflight=1, write_reserve=0)
    for _ in range(3):
        with pytest.raises(RuntimeError):
            middleware(factory.post("/api/v1/vouchers"))
    assert middleware.counter is not None
    assert middleware.counter.inflight == 0


def test_counter_under_contention_never_exceeds_the_limit() -> None:
    counter = InflightCounter(Limits(max_inflight=4, write_reserve=1))
    peak = 0
    lock = threading.Lock()

    def worker(write: bool) -> None:
        nonlocal peak
        for _ in range(500):
            if counter.try_acquire(write=write):
                with lock:
                    peak = max(peak, counter.inflight)
                counter.release()

    threads = [threading.Thread(target=worker, args=(n % 2 == 0,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert counter.inflight == 0
    assert peak <= 4


@pytest.mark.django_db
def test_the_stack_sheds_with_the_standard_error_format() -> None:
    """Through the whole middleware stack: the one read slot taken, a read is shed at once."""
    with override_settings(PLANSERV_MAX_INFLIGHT=2, PLANSERV_INFLIGHT_WRITE_RESERVE=1):
        client = Client()
        client.handler.load_middleware()  # the chain is built with these settings
    admission = _find_admission(client.handler)
    assert admission.counter is not None
    assert admission.counter.try_acquire(write=False)
    try:
        answer = client.get("/api/v1/vouchers", HTTP_AUTHORIZATION="Bearer nope")
        assert answer.status_code == 503
        assert answer.json()["error"]["code"] == "overloaded"
        assert answer["X-Request-ID"]
        # A write still gets the reserved slot (and is then refused by authentication, not 503).
        assert (
            client.post("/api/v1/vouchers", {}, content_type="application/json").status_code != 503
        )
    finally:
        admission.counter.release()
    assert admission.counter.inflight == 0


def _find_admission(handler: object) -> AdmissionControlMiddleware:
    """Walk Django's middleware chain (each wrapped by convert_exception_to_response)."""
    current = handler._middleware_chain  # type: ignore[attr-defined]
    for _ in range(50):
        target = getattr(current, "__wrapped__", current)
        if isinstance(target, AdmissionControlMiddleware):
            return target
        current = getattr(target, "get_response", None)
        if current is None:
            break
    raise AssertionError("AdmissionControlMiddleware is not in MIDDLEWARE")
