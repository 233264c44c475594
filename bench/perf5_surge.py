"""PERF-5: the deadline-day surge, open loop, against gunicorn with admission control.

Arrivals follow a Poisson process at a fixed rate, independent of the answers (open loop: a slow
server does not slow the arrivals, and each latency counts from the request's scheduled time, so
queueing in the client is included). The mix (quality.md): 60% reads (voucher list and detail),
30% critical writes (reserve, and redeem of a delivered voucher), 10% idempotent retries (a
previous write sent again with the same Idempotency-Key; the answer must be the replay).

Phase 1, at 70% of PERF-1's measured HTTP capacity (bench/results/PERF-1-http.json of this run,
or a 10-second probe) for 2 minutes (`--quick`: 30 s): p99 ≤ 200 ms and no 5xx.
Phase 2, at 150% for 30 s (`--quick`: 15 s): the excess gets fast 503 `overloaded` answers
(p99 ≤ 50 ms), no other 5xx, and critical writes are served first: a larger share of writes than
of reads is admitted. Admission control (planserv/core/admission.py) is on in both phases:
`PLANSERV_MAX_INFLIGHT` per gunicorn worker, with gthread threads above it.

    python -m bench.perf5_surge [--quick]      # alone (PLANSERV_BENCH_POSTGRES_URL needed)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import DB_PREFIX, Context, Result
from bench.load import http_sync
from bench.load.aio_http import Pool
from bench.load.server import gunicorn
from bench.load.stats import pct
from bench.perf1_reserve import build_template, worker

ID = "PERF-5"
TEMPLATE_DB = f"{DB_PREFIX}_perf5"
LOAD_FACTOR, OVERLOAD_FACTOR = 0.70, 1.50
TARGET_P99_MS = 200.0
TARGET_SHED_P99_MS = 50.0
WORKERS = int(os.environ.get("PLANSERV_BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("PLANSERV_BENCH_SURGE_THREADS", "16"))
MAX_INFLIGHT = int(os.environ.get("PLANSERV_BENCH_MAX_INFLIGHT", "6"))


@dataclass
class Outcome:
    kind: str  # read | write | retry
    status: int
    latency: float  # seconds from the scheduled arrival to the answer
    code: str = ""


@dataclass
class Mix:
    """What the arrivals draw from: vouchers to reserve, delivered ones to redeem, tokens."""

    data: dict[str, Any]
    rng: random.Random
    reserve_next: int = 0
    redeem_next: int = 0
    recent_writes: list[tuple[str, str, bytes, dict[str, str], int]] = field(default_factory=list)
    exhausted: int = 0

    def read(self) -> tuple[str, str, bytes, dict[str, str]]:
        vouchers = self.data["vouchers"]
        voucher = vouchers[self.rng.randrange(len(vouchers))]
        token = self.data["customers"][voucher["customer"]]["token"]
        if self.rng.random() < 0.5:
            path = "/api/v1/vouchers?limit=20"
        else:
            path = f"/api/v1/vouchers/{voucher['voucher_id']}"
        return "GET", path, b"", http_sync.headers(token)

    def write(self) -> tuple[str, str, bytes, dict[str, str]]:
        delivered = self.data["delivered"]
        key = uuid.uuid4().hex
        if self.rng.random() < 1 / 3 and self.redeem_next < len(delivered):
            voucher = delivered[self.redeem_next]
            self.redeem_next += 1
            firm = self.data["firms"][voucher["firm"]]
            body = json.dumps({"location_id": firm["location_id"]}).encode()
            path = f"/api/v1/vouchers/{voucher['voucher_id']}/redeem"
            return "POST", path, body, http_sync.headers(firm["token"], idempotency_key=key)
        vouchers = self.data["vouchers"]
        if self.reserve_next >= len(vouchers):
            self.exhausted += 1  # the pool ran dry: a reserve of a reserved voucher (409)
        voucher = vouchers[self.reserve_next % len(vouchers)]
        self.reserve_next += 1
        firm = self.data["firms"][self.reserve_next % len(self.data["firms"])]
        path, body = http_sync.reserve_request(voucher, firm, self.data["reserve_day"])
        return "POST", path, body, http_sync.headers(firm["token"], idempotency_key=key)

    def retry(self) -> tuple[str, str, bytes, dict[str, str], int] | None:
        if not self.recent_writes:
            return None
        return self.recent_writes[self.rng.randrange(len(self.recent_writes))]


async def _phase(
    pool: Pool, mix: Mix, *, rate: float, seconds: float, rng: random.Random
) -> tuple[list[Outcome], float, int]:
    """Poisson arrivals at `rate`/s for `seconds`; waits for the stragglers (≤ 30 s)."""
    outcomes: list[Outcome] = []
    replay_mismatches = 0
    tasks: set[asyncio.Task[None]] = set()
    loop = asyncio.get_running_loop()
    started = loop.time()

    async def send(kind: str, scheduled: float) -> None:
        nonlocal replay_mismatches
        expected = 0
        if kind == "retry":
            previous = mix.retry()
            if previous is None:
                kind = "write"
            else:
                method, path, body, headers, expected = previous
        if kind == "read":
            method, path, body, headers = mix.read()
        elif kind == "write":
            method, path, body, headers = mix.write()
        try:
            answer = await pool.request(method, path, headers=headers, body=body)
        except (OSError, TimeoutError, ConnectionError) as error:
            outcomes.append(Outcome(kind, 599, loop.time() - scheduled, type(error).__name__))
            return
        latency = loop.time() - scheduled
        code = ""
        if answer.status >= 400:
            try:
                code = json.loads(answer.body)["error"]["code"]
            except (ValueError, KeyError, TypeError):
                code = answer.body[:60].decode("latin-1")
        outcomes.append(Outcome(kind, answer.status, latency, code))
        if kind == "write" and answer.status < 500:
            mix.recent_writes.append((method, path, body, headers, answer.status))
            del mix.recent_writes[:-200]
        if (
            kind == "retry"
            and 0 < expected < 500
            and answer.status < 500
            and answer.status != expected
        ):
            replay_mismatches += 1

    next_at = started
    end = started + seconds
    while True:
        next_at += rng.expovariate(rate)
        if next_at >= end:
            break
        delay = next_at - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        draw = rng.random()
        kind = "read" if draw < 0.6 else "write" if draw < 0.9 else "retry"
        task = asyncio.create_task(send(kind, next_at))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.wait(tasks, timeout=30)
    for task in list(tasks):
        task.cancel()
    return outcomes, loop.time() - started, replay_mismatches


def _figures(outcomes: list[Outcome], elapsed: float) -> dict[str, Any]:
    by_kind: dict[str, Any] = {}
    for kind in ("read", "write", "retry"):
        mine = [o for o in outcomes if o.kind == kind]
        ok = [o for o in mine if o.status < 500]
        by_kind[kind] = {
            "sent": len(mine),
            "admitted": len(ok),
            "admitted_share": round(len(ok) / len(mine), 3) if mine else 1.0,
            "p50_ms": round(pct([o.latency * 1000 for o in ok], 50), 1),
            "p99_ms": round(pct([o.latency * 1000 for o in ok], 99), 1),
        }
    shed = [o for o in outcomes if o.status == 503 and o.code == "overloaded"]
    other_5xx = [
        o for o in outcomes if o.status >= 500 and not (o.status == 503 and o.code == "overloaded")
    ]
    served = [o.latency * 1000 for o in outcomes if o.status < 500]
    return {
        "requests": len(outcomes),
        "elapsed_s": round(elapsed, 1),
        "rate_achieved": round(len(outcomes) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(pct(served, 50), 1),
        "p95_ms": round(pct(served, 95), 1),
        "p99_ms": round(pct(served, 99), 1),
        "max_ms": round(max(served), 1) if served else 0.0,
        "statuses": dict(sorted(Counter(str(o.status) for o in outcomes).items())),
        "codes_4xx": dict(
            Counter(o.code for o in outcomes if 400 <= o.status < 500).most_common(6)
        ),
        "shed": len(shed),
        "shed_p99_ms": round(pct([o.latency * 1000 for o in shed], 99), 1),
        "other_5xx": len(other_5xx),
        "other_5xx_codes": dict(Counter(f"{o.status}:{o.code}" for o in other_5xx).most_common(5)),
        "by_kind": by_kind,
    }


def capacity(ctx: Context) -> tuple[float, str]:
    """PERF-1's HTTP reserve TPS of this run, if it ran; else None (a probe is made)."""
    path = ctx.results_dir / "PERF-1-http.json"
    if path.exists():
        saved = json.loads(path.read_text())
        if saved.get("value"):
            return float(saved["value"]), f"PERF-1 HTTP result ({saved.get('measured_at', '?')})"
    return 0.0, ""


def run(ctx: Context, *, quick: bool | None = None) -> list[Result]:
    if not ctx.postgres_url:
        return [
            Result(
                id="PERF-5",
                measure="not run: PERF-5 needs PLANSERV_BENCH_POSTGRES_URL",
                value=0.0,
                baseline=None,
                ratio=None,
                target="PostgreSQL",
                passed=False,
                unit="ms",
                details={"backend": "sqlite"},
            )
        ]
    if quick is None:
        quick = ctx.scale in ("small", "tiny") or os.environ.get("PLANSERV_BENCH_QUICK") == "1"
    load_seconds, overload_seconds = (30.0, 15.0) if quick else (120.0, 30.0)
    known, source = capacity(ctx)
    estimate = known or 60.0
    reserves = int(
        estimate * (LOAD_FACTOR * load_seconds + OVERLOAD_FACTOR * overload_seconds) * 0.2 * 1.2
    ) + (int(estimate * 10 * 1.5) if not known else 0)
    redeems = int(
        estimate * (LOAD_FACTOR * load_seconds + OVERLOAD_FACTOR * overload_seconds) * 0.1 * 1.1
    )
    reserves, redeems = min(max(reserves, 300), 6000), min(max(redeems, 50), 600)
    ctx.work_dir.mkdir(parents=True, exist_ok=True)
    data_path = str(ctx.work_dir / "perf5-data.json")
    build_started = time.perf_counter()
    url = build_template(ctx, data_path, vouchers=reserves, delivered=redeems, name=TEMPLATE_DB)
    ctx.log(f"data built in {time.perf_counter() - build_started:.0f} s")
    data = json.loads(Path(data_path).read_text())
    log_path = ctx.work_dir / "perf5-gunicorn.log"
    phases: dict[str, Any] = {}
    with gunicorn(
        ctx.env(url), workers=WORKERS, threads=THREADS, log_path=log_path, max_inflight=MAX_INFLIGHT
    ) as server:
        if not known:
            probe_data = dict(data, vouchers=data["vouchers"][-int(estimate * 10 * 1.5) :])
            data["vouchers"] = data["vouchers"][: -int(estimate * 10 * 1.5)]
            probe = http_sync.reserve_over_http(
                server.host, server.port, probe_data, threads=16, seconds=10.0
            )
            known = len(probe["latencies"]) / probe["elapsed"]
            source = "a 10 s closed-loop probe of 16 reserving clients (PERF-1 did not run)"
        ctx.log(f"HTTP capacity {known:.1f} reserves/s from {source}")
        mix = Mix(data=data, rng=random.Random(5))
        for name, factor, seconds in (
            ("load", LOAD_FACTOR, load_seconds),
            ("overload", OVERLOAD_FACTOR, overload_seconds),
        ):
            rate = known * factor
            outcomes, elapsed, mismatches = asyncio.run(
                _surge(server.host, server.port, mix, rate=rate, seconds=seconds)
            )
            figures = _figures(outcomes, elapsed)
            figures.update(
                rate_target=round(rate, 1),
                factor=factor,
                seconds=seconds,
                replay_mismatches=mismatches,
                pool_exhausted=mix.exhausted,
            )
            phases[name] = figures
            ctx.log(
                f"{name:8s} {rate:6.1f}/s for {seconds:.0f} s: {figures['requests']} requests, "
                f"p50 {figures['p50_ms']} ms p95 {figures['p95_ms']} ms p99 {figures['p99_ms']} ms, "
                f"shed {figures['shed']} (p99 {figures['shed_p99_ms']} ms), other 5xx "
                f"{figures['other_5xx']}, statuses {figures['statuses']}"
            )
            ctx.log(
                f"         by kind {json.dumps(figures['by_kind'])}; replay mismatches {mismatches}"
            )
    check = worker(ctx, url, "check")
    ctx.log(f"invariants: {check}")
    if not ctx.keep:
        ctx.pg_drop(TEMPLATE_DB)

    load, over = phases["load"], phases["overload"]
    reads, writes = over["by_kind"]["read"], over["by_kind"]["write"]
    load_ok = (
        load["p99_ms"] <= TARGET_P99_MS
        and load["other_5xx"] == 0
        and load["shed"] == 0
        and load["replay_mismatches"] == 0
        and check["ok"]
    )
    over_ok = (
        over["other_5xx"] == 0
        and over["shed_p99_ms"] <= TARGET_SHED_P99_MS
        and writes["admitted_share"] >= reads["admitted_share"]
        and over["replay_mismatches"] == 0
        and check["ok"]
    )
    common = {
        "capacity_rps": round(known, 1),
        "capacity_source": source,
        "invariants": check,
        "gunicorn": {"workers": WORKERS, "threads": THREADS, "max_inflight": MAX_INFLIGHT},
        "quick": quick,
    }
    return [
        Result(
            id="PERF-5",
            measure=f"surge at 70% of HTTP capacity ({load['rate_target']}/s, open loop, "
            f"{load_seconds:.0f} s): p99 of all answers",
            value=load["p99_ms"],
            baseline=None,
            ratio=None,
            target=f"p99 ≤ {TARGET_P99_MS:.0f} ms, 0 errors 5xx",
            passed=load_ok,
            unit="ms",
            details={**common, "phase": load},
        ),
        Result(
            id="PERF-5-overload",
            measure=f"at 150% ({over['rate_target']}/s): p99 of the shed 503 answers; "
            f"writes admitted {writes['admitted_share']:.0%} vs reads {reads['admitted_share']:.0%}",
            value=over["shed_p99_ms"],
            baseline=None,
            ratio=None,
            target=f"excess gets fast 503 (p99 ≤ {TARGET_SHED_P99_MS:.0f} ms), no other 5xx, "
            "critical writes served first",
            passed=over_ok,
            unit="ms",
            details={**common, "phase": over},
        ),
    ]


async def _surge(
    host: str, port: int, mix: Mix, *, rate: float, seconds: float
) -> tuple[list[Outcome], float, int]:
    pool = Pool(host, port)
    try:
        return await _phase(pool, mix, rate=rate, seconds=seconds, rng=random.Random(7))
    finally:
        await pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.perf5_surge")
    parser.add_argument("--quick", action="store_true", help="30 s + 15 s instead of 2 min + 30 s")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    ctx = Context(
        scale="small" if args.quick else "full",
        postgres_url=os.environ.get("PLANSERV_BENCH_POSTGRES_URL", ""),
        keep=args.keep,
    )
    results = run(ctx, quick=args.quick)
    for result in results:
        print(result.line())
    raise SystemExit(0 if all(r.passed for r in results) else 1)


if __name__ == "__main__":
    main()
