"""PERF-7 and PERF-8: every operator page, report API and CSV on the PERF-6 data set (p50/p95,
Django test client in a worker process as the program admin), the worker's peak RSS after them,
and the RSS growth of a streamed export.

The baseline beside each figure is the worker's own idle cost measured in the same run: the
operator's reports index (a page that reads nothing) for the timings, the worker's RSS before the
pages for the memory. PERF-8's sweep figure is the peak RSS of a process running the expiry sweep
over every due voucher of a copy of the data set (`bench._worker sweep`). The worker is `bench/_operator.py` (it can also be run by hand against any
database: `python -m bench._operator pages --repeat 5`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from bench.common import ROOT, Context, Result, percentile
from bench.dataset import Dataset, dataset

ID = "PERF-7"
REPEAT = 10
P95_LIMIT_MS = 300.0
WORKER_LIMIT_MB = 250.0
EXPORT_GROWTH_LIMIT_MB = 50.0
SWEEP_LIMIT_MB = 150.0
SWEEP_AS_OF = "2022-01-15"  # every generated live voucher expires by 2021-11-27
EXPORT_URL = "/operator/audit/export.csv"  # the largest export: every audit event


def _worker(ctx: Context, url: str, *args: str, module: str = "bench._operator") -> dict[str, Any]:
    """Run a worker; its JSON figures come on stdout, its progress (a line per page) goes to the
    bench's own stderr as it runs."""
    done = subprocess.run(  # nosec B603 - our own interpreter and arguments
        [sys.executable, "-m", module, *args],
        env=ctx.env(url),
        cwd=ROOT,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run(ctx: Context) -> list[Result]:
    data = dataset(ctx)
    return [*measure(ctx, data.url(ctx), data.backend), sweep_rss(ctx, data)]


def sweep_rss(ctx: Context, data: Dataset) -> Result:
    """PERF-8: the peak RSS of a process sweeping every due voucher (on a copy of the data)."""
    url = data.copy(ctx, "perf8_sweep")
    try:
        sweep = _worker(ctx, url, "sweep", "--as-of", SWEEP_AS_OF, module="bench._worker")
    finally:
        data.drop(ctx, url)
    ctx.log(
        f"sweep of {sweep['expired']:,} vouchers in {sweep['seconds']:.1f}s: RSS "
        f"{sweep['rss_before_mb']:.0f} → peak {sweep['rss_peak_mb']:.0f} MB"
    )
    return Result(
        id="PERF-8-sweep",
        measure=f"peak RSS of the expiry sweep process over {sweep['expired']:,} vouchers "
        f"({data.backend}; baseline: RSS before the sweep)",
        value=sweep["rss_peak_mb"],
        baseline=sweep["rss_before_mb"],
        ratio=sweep["rss_peak_mb"] / SWEEP_LIMIT_MB,
        target="sweeps stay flat (≤ 150 MB)",
        passed=sweep["rss_peak_mb"] <= SWEEP_LIMIT_MB,
        unit="MB",
        details=sweep,
    )


def measure(
    ctx: Context, url: str, backend: str, export_url: str = EXPORT_URL, login: str = ""
) -> list[Result]:
    """The figures on the database at `url` (the bench's data set, or any generated database)."""
    figures = _worker(ctx, url, "pages", "--repeat", str(REPEAT))
    pages = {
        name: {
            "url": page["url"],
            "p50_ms": round(percentile(page["ms"], 50), 1),
            "p95_ms": round(percentile(page["ms"], 95), 1),
            "first_byte_p95_ms": round(percentile(page["first_ms"], 95), 1),
            "bytes": page["bytes"],
        }
        for name, page in figures["pages"].items()
    }
    for name, page in sorted(pages.items(), key=lambda item: -item[1]["p95_ms"]):
        ctx.log(f"{name:40} p50 {page['p50_ms']:8.1f} ms  p95 {page['p95_ms']:8.1f} ms")
    # A CSV streams: its figure is the time to the first byte; pages and JSON the whole answer.
    measured = {
        name: page["first_byte_p95_ms"] if name.startswith("csv:") else page["p95_ms"]
        for name, page in pages.items()
    }
    worst_name, worst = max(measured.items(), key=lambda item: item[1])
    slow = sorted(name for name, value in measured.items() if value > P95_LIMIT_MS)
    export = _worker(
        ctx, url, "export", "--url", export_url, *(["--login", login] if login else [])
    )
    ctx.log(
        f"export of {export['rows']:,} audit rows: RSS {export['rss_before_mb']:.0f} → "
        f"{export['rss_peak_mb']:.0f} MB in {export['seconds']:.1f} s"
    )
    return [
        Result(
            id="PERF-7",
            measure=f"slowest p95 of {len(pages)} operator pages, report APIs and CSVs "
            f"({worst_name}, {backend})",
            value=worst,
            baseline=pages.get("page:reports_index", {}).get("p95_ms"),
            ratio=worst / P95_LIMIT_MS,
            target="every operator page and JSON report ≤ 300 ms p95",
            passed=not slow and not figures["skipped"],
            unit="ms",
            details={"pages": pages, "over_limit": slow, "not_timed": figures["skipped"]},
        ),
        Result(
            id="PERF-8-worker",
            measure="peak RSS of the worker after every PERF-7 page (baseline: before them)",
            value=figures["peak_rss_mb"],
            baseline=figures["rss_start_mb"],
            ratio=figures["peak_rss_mb"] / WORKER_LIMIT_MB,
            target="a worker stays ≤ 250 MB after serving every PERF-7 page",
            passed=figures["peak_rss_mb"] <= WORKER_LIMIT_MB,
            unit="MB",
        ),
        Result(
            id="PERF-8-export",
            measure=f"RSS growth streaming {export['rows']:,} rows as CSV ({export_url}) "
            "(baseline: RSS before)",
            value=export["growth_mb"],
            baseline=export["rss_before_mb"],
            ratio=export["growth_mb"] / EXPORT_GROWTH_LIMIT_MB,
            target="exporting 1,000,000 rows raises a worker's peak RSS by ≤ 50 MB",
            passed=export["growth_mb"] <= EXPORT_GROWTH_LIMIT_MB and export["rows"] >= 1_000_000,
            unit="MB",
            details=export,
        ),
    ]
