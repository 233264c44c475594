"""PERF-3: the removal of remaining days on 1,000,000 agreements (each with available days), then a
second run that must write nothing, then `ledger check`.

The data set is the generator's with 1,000,000 agreements (× the scale) and no vouchers; the
removal runs on it once (nothing to restore), through `removal_run`, the service the daily job and
`planserv ledger remove` call. On SQLite too when no PostgreSQL is configured (no target there).
"""

from __future__ import annotations

import json
from typing import Any

from bench.common import Context, Result
from bench.dataset import dataset

REMOVAL_DATE = "2021-07-01"
TARGET_SECONDS = 30.0


def worker(ctx: Context, url: str, *args: str) -> dict[str, Any]:
    done = ctx.python("-m", "bench._worker", *args, database_url=url, capture=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run(ctx: Context) -> list[Result]:
    agreements = round(1_000_000 * ctx.factor)
    data = dataset(
        ctx,
        extra=(
            "--agreements",
            str(agreements),
            "--vouchers-per-agreement",
            "0",
            "--customers",
            str(max(2, agreements // 20)),
        ),
        tag="removal",
    )
    # Nothing to restore afterwards: run on the data set itself, unless it is kept for reuse.
    url = data.copy(ctx, "perf3") if ctx.reuse_data else data.url(ctx)
    try:
        removal = worker(ctx, url, "removal", "--as-of", REMOVAL_DATE)
        ctx.log(
            f"removal: {removal['agreements']:,} agreements, {removal['entries']:,} entries in "
            f"{removal['batches']} batches, {removal['seconds']:.2f}s; second run "
            f"{removal['second_run_entries']} entries in {removal['second_run_seconds']:.2f}s"
        )
        check = worker(ctx, url, "check")
        ctx.log(f"ledger check clean={check['clean']} ({check['seconds']:.1f}s)")
    finally:
        data.drop(ctx, url)
    seconds = removal["seconds"]
    # Targets scale with the data: 30 s per 1,000,000 agreements.
    limit = TARGET_SECONDS * ctx.factor if ctx.scale != "full" else TARGET_SECONDS
    valid = check["clean"] and removal["second_run_entries"] == 0 and removal["entries"] > 0
    return [
        Result(
            id="PERF-3",
            measure=f"removal of remaining days on {removal['agreements']:,} agreements "
            f"({data.backend})",
            value=seconds,
            baseline=None,
            ratio=seconds / limit,
            target="≤ 30 s on PostgreSQL for 1,000,000 agreements; a second run writes nothing",
            passed=valid and (data.backend != "postgresql" or seconds <= limit),
            details={
                "backend": data.backend,
                "removal": removal,
                "check": check,
                "limit_seconds": limit,
                "generate_seconds": data.generate_seconds,
            },
        )
    ]
