"""gunicorn sizing for the machine, measured: the PERF-1 HTTP level (16 keep-alive clients
reserving) under several worker/thread/worker-class settings, each on a fresh copy of one
template, with `pgbench -b simple-update` measured at the start for the ratio.

    PLANSERV_BENCH_POSTGRES_URL=... python -m bench.gunicorn_sweep [--seconds 15] [--vouchers 1200]
        [--config sync:2:1 --config gthread:2:8 ...]

Prints one line per setting and writes var/bench/gunicorn-sweep.json; the choice and the figures
are in docs/operations.md ("gunicorn sizing") and deploy/gunicorn.conf.py.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from bench.common import DB_PREFIX, Context
from bench.load import http_sync
from bench.load.server import gunicorn
from bench.load.stats import summary
from bench.perf1_reserve import CLIENTS, build_template, pgbench_tps

DEFAULT_CONFIGS = [
    "sync:2:1",
    "sync:4:1",
    "gthread:2:4",
    "gthread:2:8",
    "gthread:3:4",
    "gthread:4:4",
]


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench.gunicorn_sweep")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--vouchers", type=int, default=1200)
    parser.add_argument("--config", action="append", default=[])
    args = parser.parse_args()
    ctx = Context(postgres_url=os.environ["PLANSERV_BENCH_POSTGRES_URL"])
    ctx.work_dir.mkdir(parents=True, exist_ok=True)
    base = pgbench_tps(ctx, seconds=15)
    ctx.log(f"pgbench {base['tps']:.1f} TPS")
    template = f"{DB_PREFIX}_sweep"
    data_path = str(ctx.work_dir / "sweep-data.json")
    build_template(ctx, data_path, vouchers=args.vouchers, name=template)
    data = json.loads(Path(data_path).read_text())
    rows = []
    for config in args.config or DEFAULT_CONFIGS:
        worker_class, workers, threads = config.split(":")
        url = ctx.pg_copy(template, f"{template}_run")
        with gunicorn(
            ctx.env(url), workers=int(workers), threads=int(threads), worker_class=worker_class
        ) as srv:
            run = http_sync.reserve_over_http(
                srv.host, srv.port, data, threads=CLIENTS, seconds=args.seconds
            )
        figures = summary(run["latencies"], run["elapsed"])
        figures.update(
            config=config,
            ratio=round(figures["tps"] / base["tps"], 4),
            errors=run.get("error_count", 0),
        )
        rows.append(figures)
        ctx.log(
            f"{config:12s} {figures['tps']:7.1f} TPS  ratio {figures['ratio']:.3f}  "
            f"p50 {figures['p50_ms']:.0f}  p95 {figures['p95_ms']:.0f}  "
            f"p99 {figures['p99_ms']:.0f} ms  errors {figures['errors']}"
        )
        ctx.pg_drop(f"{template}_run")
    ctx.pg_drop(template)
    out = ctx.work_dir / "gunicorn-sweep.json"
    out.write_text(json.dumps({"pgbench": base, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
