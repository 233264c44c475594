"""Closed-loop HTTP clients for PERF-1: threads, each with one keep-alive connection."""

from __future__ import annotations

import http.client
import json
import threading
import time
import uuid
from typing import Any


def reserve_request(voucher: dict[str, str], firm: dict[str, Any], day: str) -> tuple[str, bytes]:
    body = {
        "email": voucher["email"],
        "location_id": firm["location_id"],
        "start_date": day,
        "accept_terms": True,
        "delivery_country": firm["country"],
    }
    return f"/api/v1/vouchers/{voucher['voucher_id']}/reservation", json.dumps(body).encode()


def headers(token: str, *, idempotency_key: str | None = None) -> dict[str, str]:
    result = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "X-Forwarded-Proto": "https",  # the TLS-terminating proxy production runs behind
    }
    if idempotency_key:
        result["Idempotency-Key"] = idempotency_key
    return result


def reserve_over_http(
    host: str, port: int, data: dict[str, Any], *, threads: int, seconds: float
) -> dict[str, Any]:
    """`threads` clients, thread i reserving vouchers i, i+threads, … as firm i, until `seconds`
    pass or the vouchers run out. Latencies of 201 answers; anything else is an error."""
    vouchers, firms, day = data["vouchers"], data["firms"], data["reserve_day"]
    barrier = threading.Barrier(threads + 1)
    latencies: list[list[float]] = [[] for _ in range(threads)]
    statuses: dict[int, int] = {}
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = [float("inf")]

    def run(number: int) -> None:
        firm = firms[number % len(firms)]
        conn = http.client.HTTPConnection(host, port, timeout=60)
        barrier.wait(timeout=120)
        for voucher in vouchers[number::threads]:
            if time.perf_counter() >= stop_at[0]:
                break
            path, body = reserve_request(voucher, firm, day)
            began = time.perf_counter()
            try:
                conn.request(
                    "POST",
                    path,
                    body=body,
                    headers=headers(firm["token"], idempotency_key=uuid.uuid4().hex),
                )
                response = conn.getresponse()
                payload = response.read()
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(f"{type(error).__name__}: {error}")
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=60)
                continue
            elapsed = time.perf_counter() - began
            with lock:
                statuses[response.status] = statuses.get(response.status, 0) + 1
                if response.status == 201:
                    latencies[number].append(elapsed)
                elif len(errors) < 20:
                    errors.append(f"{response.status}: {payload[:200]!r}")
        conn.close()

    workers = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    barrier.wait(timeout=120)
    started = time.perf_counter()
    stop_at[0] = started + seconds
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    return {
        "latencies": [x for per in latencies for x in per],
        "elapsed": elapsed,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "errors": errors[:20],
        "error_count": sum(v for k, v in statuses.items() if k != 201) + len(errors),
    }
