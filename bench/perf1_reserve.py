"""PERF-1: reserve transactions/s at 16 clients against `pgbench -b simple-update` in the same run.

Three levels, each on its own copy of one freshly built database (so each reserves the same
untouched vouchers, and each copy is checked afterwards):

1. **SQL**: the statements one reserve commits (bench/load/reserve_worker.py `SqlWork`: the clock
   reads, the peek, the unlocked read and the eligibility reads before the transaction, then the
   locked re-read, the reservation, the voucher update, the audit event, two outbox messages,
   and the email task queued after the commit),
   through psycopg, 16 threads;
2. **service**: 16 threads calling `voucher_reserve`, each firm reserving distinct vouchers;
3. **HTTP**: gunicorn (production settings, gthread) and 16 client threads with keep-alive
   connections and a bearer token, `POST /api/v1/vouchers/{id}/reservation`.

Each level runs SECONDS (30) of steady state on enough vouchers that it never runs dry (a level
that did is flagged `ran_dry`), and reports p50/p95/p99 and throughput as a ratio of the pgbench
TPS measured at the start of the same run.

Targets (quality.md, PERF-1 revised): service ≥ 0.35× pgbench TPS; HTTP ≥ 0.10× with p99 ≤
150 ms; afterwards one active reservation per reserved voucher and `planserv ledger check` clean.
PostgreSQL only.
"""

from __future__ import annotations

import json
import os
import re
import subprocess  # nosec B404 - pgbench and our own worker
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.common import DB_PREFIX, ROOT, Context, Result
from bench.load import http_sync
from bench.load.server import gunicorn
from bench.load.stats import summary

ID = "PERF-1"
CLIENTS = 16
PGBENCH_DB = f"{DB_PREFIX}_pgbench"
TEMPLATE_DB = f"{DB_PREFIX}_perf1"
TARGET_SERVICE = 0.35
TARGET_HTTP = 0.10
TARGET_HTTP_P99_MS = 150.0
# gunicorn for a 2-core machine (docs/performance.md, "PERF-1"): 2 workers × 8 threads.
WORKERS = int(os.environ.get("PLANSERV_BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("PLANSERV_BENCH_THREADS", "8"))


# Each level reserves for SECONDS of steady state (quality.md: at least 30 s), from its own copy
# of one template, which holds enough vouchers for the fastest level (the SQL one) not to run dry
# before its time: HEADROOM × pgbench TPS × (SECONDS + 5), measured in this run. The vouchers are
# made set-based (bench/load/reserve_worker.py `_pool_vouchers`).
SECONDS = float(os.environ.get("PLANSERV_BENCH_PERF1_SECONDS", "30"))
HEADROOM = 0.9  # the SQL level measured 0.4-0.5× pgbench; room for a faster run


def _vouchers(ctx: Context, baseline_tps: float) -> int:
    """Vouchers in the template: enough for SECONDS of the fastest level at full and medium
    scale; a quick burst at small and tiny."""
    if ctx.scale in ("small", "tiny"):
        return {"small": 800, "tiny": 400}[ctx.scale]
    return max(4000, int(HEADROOM * baseline_tps * (SECONDS + 5)))


def _pg_env(ctx: Context) -> dict[str, str]:
    parts = urlsplit(ctx.postgres_url)
    env = dict(os.environ)
    env.update(PGHOST=parts.hostname or "127.0.0.1", PGPORT=str(parts.port or 5432))
    if parts.username:
        env["PGUSER"] = parts.username
    if parts.password:
        env["PGPASSWORD"] = parts.password
    return env


def pgbench_tps(ctx: Context, *, seconds: int = 20, scale: int = 10) -> dict[str, Any]:
    """`pgbench -b simple-update` at 16 clients on its own database; TPS without connection time."""
    ctx.pg_drop(PGBENCH_DB)
    ctx.pg_execute(f'CREATE DATABASE "{PGBENCH_DB}"')
    env = _pg_env(ctx)
    subprocess.run(  # nosec B603 B607
        ["pgbench", "-i", "-q", "-s", str(scale), PGBENCH_DB],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    done = subprocess.run(  # nosec B603 B607
        [
            "pgbench",
            "-b",
            "simple-update",
            "-c",
            str(CLIENTS),
            "-j",
            "2",
            "-T",
            str(seconds),
            "-r",
            PGBENCH_DB,
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    match = re.search(r"tps = ([\d.]+) \(without initial connection time\)", done.stdout)
    latency = re.search(r"latency average = ([\d.]+) ms", done.stdout)
    if not match:
        raise RuntimeError(f"pgbench printed no TPS:\n{done.stdout}\n{done.stderr}")
    if not ctx.keep:
        ctx.pg_drop(PGBENCH_DB)
    return {
        "tps": float(match.group(1)),
        "latency_avg_ms": float(latency.group(1)) if latency else None,
        "scale": scale,
        "seconds": seconds,
    }


def worker(ctx: Context, url: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(  # nosec B603 - our own interpreter and module
        [sys.executable, "-m", "bench.load.reserve_worker", *args],
        env=ctx.env(url),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def build_template(
    ctx: Context, data_path: str, *, vouchers: int, delivered: int = 0, name: str = TEMPLATE_DB
) -> str:
    """A migrated database with firms, customers and assigned vouchers (and `delivered` ones
    with a completion report filed, for redemptions); returns its URL."""
    ctx.pg_drop(name)
    ctx.pg_execute(f'CREATE DATABASE "{name}"')
    url = ctx.pg_url(name)
    ctx.planserv("migrate", "--noinput", "-v", "0", database_url=url)
    made = worker(
        ctx,
        url,
        "setup",
        "--out",
        data_path,
        "--vouchers",
        str(vouchers),
        "--delivered",
        str(delivered),
        "--firms",
        str(CLIENTS),
    )
    ctx.log(f"data: {made}")
    return url


def _level(name: str, run: dict[str, Any], baseline: float) -> dict[str, Any]:
    figures = summary(run["latencies"], run["elapsed"])
    figures["ratio"] = round(figures["tps"] / baseline, 3) if baseline else 0.0
    figures["errors"] = run.get("error_count", 0)
    # A steady state: the level ran its whole time, never out of vouchers.
    figures["steady_s"] = round(min(run["elapsed"], SECONDS), 1)
    figures["ran_dry"] = run["elapsed"] < SECONDS * 0.98
    if run.get("errors"):
        figures["first_errors"] = run["errors"][:5]
    if run.get("statuses"):
        figures["statuses"] = run["statuses"]
    return figures


def _show(ctx: Context, name: str, figures: dict[str, Any]) -> None:
    ctx.log(
        f"{name:8s} {figures['tps']:8.1f} TPS  ratio {figures['ratio']:.3f}  "
        f"p50 {figures['p50_ms']:.1f} ms  p95 {figures['p95_ms']:.1f} ms  "
        f"p99 {figures['p99_ms']:.1f} ms  ({figures['count']} in {figures['elapsed_s']} s, "
        f"{figures['errors']} errors{', RAN DRY' if figures['ran_dry'] else ''})"
    )


def run(ctx: Context) -> list[Result]:
    if not ctx.postgres_url:
        return [
            Result(
                id="PERF-1",
                measure="not run: PERF-1 needs PLANSERV_BENCH_POSTGRES_URL",
                value=0.0,
                baseline=None,
                ratio=None,
                target="PostgreSQL",
                passed=False,
                unit="tps",
                details={"backend": "sqlite"},
            )
        ]
    ctx.work_dir.mkdir(parents=True, exist_ok=True)
    data_path = str(ctx.work_dir / "perf1-data.json")
    started = time.perf_counter()

    base = pgbench_tps(ctx)
    baseline = base["tps"]
    ctx.log(
        f"pgbench  {baseline:8.1f} TPS  (simple-update, {CLIENTS} clients, avg "
        f"{base['latency_avg_ms']} ms)"
    )

    template = build_template(ctx, data_path, vouchers=_vouchers(ctx, baseline))
    data = json.loads(Path(data_path).read_text())
    queries = worker(ctx, template, "profile", "--data", data_path)["queries"]
    ctx.log(f"one reserve through the service: {queries} queries")
    # The profile reserved the last voucher on the template: no level uses it.
    data["vouchers"] = data["vouchers"][:-1]
    (ctx.work_dir / "perf1-levels.json").write_text(json.dumps(data))
    levels_path = str(ctx.work_dir / "perf1-levels.json")

    levels: dict[str, dict[str, Any]] = {}
    checks: dict[str, dict[str, Any]] = {}
    seconds = str(SECONDS)
    for name in ("sql", "service", "http"):
        url = ctx.pg_copy(TEMPLATE_DB, f"{TEMPLATE_DB}_{name}")
        if name == "http":
            log_path = ctx.work_dir / "perf1-gunicorn.log"
            with gunicorn(ctx.env(url), workers=WORKERS, threads=THREADS, log_path=log_path) as srv:
                outcome = http_sync.reserve_over_http(
                    srv.host, srv.port, data, threads=CLIENTS, seconds=SECONDS
                )
        else:
            outcome = worker(
                ctx,
                url,
                name,
                "--data",
                levels_path,
                "--threads",
                str(CLIENTS),
                "--seconds",
                seconds,
            )
        levels[name] = _level(name, outcome, baseline)
        _show(ctx, name, levels[name])
        checks[name] = worker(ctx, url, "check")
        ctx.log(f"         invariants: {checks[name]}")
        if not ctx.keep:
            ctx.pg_drop(f"{TEMPLATE_DB}_{name}")
    if not ctx.keep:
        ctx.pg_drop(TEMPLATE_DB)

    invariants_ok = all(check["ok"] for check in checks.values())
    details: dict[str, Any] = {
        "pgbench": base,
        "levels": levels,
        "invariants": checks,
        "queries_per_reserve": queries,
        "clients": CLIENTS,
        "gunicorn": {"workers": WORKERS, "threads": THREADS, "worker_class": "gthread"},
        "seconds": round(time.perf_counter() - started, 1),
    }
    service, http = levels["service"], levels["http"]
    return [
        Result(
            id="PERF-1-sql",
            measure="reserve statements alone through psycopg, 16 clients",
            value=levels["sql"]["tps"],
            baseline=baseline,
            ratio=levels["sql"]["ratio"],
            target="reference (no target)",
            passed=levels["sql"]["errors"] == 0 and not levels["sql"]["ran_dry"],
            unit="tps",
            details={"level": levels["sql"], "pgbench": base},
        ),
        Result(
            id="PERF-1",
            measure="reserve through the service layer, 16 threads",
            value=service["tps"],
            baseline=baseline,
            ratio=service["ratio"],
            target=f"≥ {TARGET_SERVICE}× pgbench simple-update; invariants hold",
            passed=service["ratio"] >= TARGET_SERVICE
            and service["errors"] == 0
            and not service["ran_dry"]
            and invariants_ok,
            unit="tps",
            details=details,
        ),
        Result(
            id="PERF-1-http",
            measure="reserve over HTTP (gunicorn), 16 clients",
            value=http["tps"],
            baseline=baseline,
            ratio=http["ratio"],
            target=f"≥ {TARGET_HTTP}× pgbench with p99 ≤ {TARGET_HTTP_P99_MS:.0f} ms",
            passed=http["ratio"] >= TARGET_HTTP
            and http["p99_ms"] <= TARGET_HTTP_P99_MS
            and http["errors"] == 0
            and not http["ran_dry"]
            and invariants_ok,
            unit="tps",
            details={
                "level": http,
                "pgbench": base,
                "gunicorn": details["gunicorn"],
                "invariants": checks["http"],
            },
        ),
    ]
