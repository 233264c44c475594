"""`make bench` = `python -m bench`: runs every benchmark module `bench/perf<N>_*.py`.

    python -m bench                       # every benchmark, full scale
    python -m bench --only PERF-2,PERF-3  # a selection (also: --only PERF-2 --only PERF-6)
    python -m bench --scale small         # 1/100 of the data set, for development
    python -m bench --list                # the benchmarks found

PostgreSQL comes from PLANSERV_BENCH_POSTGRES_URL (a server URL; the benchmarks create their own
databases on it), SQLite files under var/bench/ otherwise. Each Result is written to
bench/results/<id>.json and the README table between the bench markers is rewritten from every
JSON file present. The exit status is 1 when a target is missed, 2 when a benchmark crashed.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
import time
import traceback
from types import ModuleType

from bench.common import (
    ROOT,
    SCALES,
    Context,
    Result,
    load_results,
    update_readme,
    write_result,
)


def discover() -> list[tuple[str, ModuleType]]:
    """(ID, module) for each bench/perf<N>_*.py, in PERF order."""
    found = []
    for path in sorted((ROOT / "bench").glob("perf*_*.py")):
        match = re.match(r"perf(\d+)_", path.name)
        if not match:
            continue
        module = importlib.import_module(f"bench.{path.stem}")
        bench_id = getattr(module, "ID", f"PERF-{match.group(1)}")
        found.append((bench_id, module))
    return sorted(found, key=lambda item: (int(item[0].split("-")[1]), item[1].__name__))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--only", action="append", default=[], help="PERF-<N>[,PERF-<M>]")
    parser.add_argument("--scale", choices=list(SCALES), default="full")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and stop")
    parser.add_argument("--keep", action="store_true", help="keep the databases created")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite the README")
    args = parser.parse_args(argv)

    benchmarks = discover()
    wanted = {item.strip().upper() for spec in args.only for item in spec.split(",") if item}
    if wanted:
        benchmarks = [(bid, mod) for bid, mod in benchmarks if bid.upper() in wanted]
    if args.list or not benchmarks:
        for bid, mod in benchmarks:
            print(f"{bid}\t{mod.__name__}\t{(mod.__doc__ or '').strip().splitlines()[0:1]}")
        return 0 if benchmarks else 2

    ctx = Context(
        scale=args.scale,
        postgres_url=os.environ.get("PLANSERV_BENCH_POSTGRES_URL", ""),
        keep=args.keep,
    )
    print(f"bench: scale {ctx.scale}, database {ctx.backend}", flush=True)
    status = 0
    summary: list[str] = []
    for bid, module in benchmarks:
        print(f"== {bid} ({module.__name__})", flush=True)
        started = time.perf_counter()
        try:
            results: list[Result] = module.run(ctx)
        except Exception as exc:  # a crashed benchmark is a missed target, reported, not hidden
            traceback.print_exc()
            results = [
                Result(
                    id=bid,
                    measure="benchmark crashed",
                    value=0.0,
                    baseline=None,
                    ratio=None,
                    target="runs to completion",
                    passed=False,
                    details={"error": repr(exc)},
                )
            ]
            status = max(status, 2)
        elapsed = time.perf_counter() - started
        for result in results:
            write_result(
                result,
                ctx.results_dir,
                scale=ctx.scale,
                backend=result.details.get("backend", ctx.backend),
                measured_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                bench_seconds=round(elapsed, 1),
            )
            print(result.line(), flush=True)
            summary.append(result.line())
            if not result.passed:
                status = max(status, 1)
        print(f"== {bid} took {elapsed:.1f}s", flush=True)

    if not args.no_readme and update_readme(load_results(ctx.results_dir)):
        print("README table updated.")
    print("\nSummary:\n" + "\n".join(summary))
    return status


if __name__ == "__main__":
    sys.exit(main())
