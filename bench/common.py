"""What every benchmark shares: the Result record, the run context, JSON and the README table.

A benchmark is a module `bench/perf<N>_<name>.py` with `run(ctx: Context) -> list[Result]`
(optional `ID = "PERF-<N>"`, derived from the file name otherwise). It prints its figures as it
goes (`ctx.log`), returns one Result per target it checks, and the runner writes each Result to
`bench/results/<result.id>.json`, updates the README table and exits non-zero when any missed.

Benchmarks talk to Django in subprocesses (`ctx.planserv`, `ctx.python`), each given its own
database URL, so one run can use several databases (a template and its copies, SQLite and
PostgreSQL) without reconfiguring Django in the runner process.
"""

from __future__ import annotations

import json
import os
import re
import subprocess  # nosec B404 - the benchmarks start our own commands
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = ROOT / "bench" / "results"
README = ROOT / "README.md"
START_MARK = "<!-- bench:start -->"
END_MARK = "<!-- bench:end -->"

# The databases a run creates on the shared server are named `<DB_PREFIX>_<what>`: set
# PLANSERV_BENCH_DB_PREFIX (e.g. `ps_<branch>_bench`) so parallel runs never share one.
DB_PREFIX = os.environ.get("PLANSERV_BENCH_DB_PREFIX", "planserv_bench")

# Data-set scales: a fraction of the PERF-6 "full program" (quality.md).
SCALES = {"full": 1.0, "medium": 0.1, "small": 0.01, "tiny": 0.001}


@dataclass
class Result:
    """One checked target. `id` is unique in the run, e.g. "PERF-2" or "PERF-2-orm"."""

    id: str
    measure: str  # what was measured, one line
    value: float  # the measured figure, in `unit`
    baseline: float | None  # the same-run baseline in the same unit, if the target has one
    ratio: float | None  # value / baseline (or as the target defines it), if any
    target: str  # the target as quality.md states it, one line
    passed: bool
    unit: str = "s"
    details: dict[str, Any] = field(default_factory=dict)  # every other figure, JSON-ready

    def line(self) -> str:
        ratio = f" ratio {self.ratio:.2f}" if self.ratio is not None else ""
        base = f" baseline {self.baseline:.3f}{self.unit}" if self.baseline is not None else ""
        verdict = "MET" if self.passed else "MISSED"
        return (
            f"[{verdict}] {self.id}: {self.measure} = {self.value:.3f}{self.unit}{base}{ratio}"
            f" (target: {self.target})"
        )


@dataclass
class Context:
    """What a benchmark gets: the scale, the databases, helpers to run planserv commands."""

    scale: str = "full"
    postgres_url: str = ""  # PLANSERV_BENCH_POSTGRES_URL; "" means SQLite only
    work_dir: Path = ROOT / "var" / "bench"
    results_dir: Path = RESULTS_DIR
    keep: bool = False  # keep the databases a benchmark created (for inspection)
    reuse_data: bool = (
        False  # reuse a data set template a previous run generated (bench/dataset.py)
    )

    @property
    def factor(self) -> float:
        return SCALES[self.scale]

    @property
    def backend(self) -> str:
        return "postgresql" if self.postgres_url else "sqlite"

    def log(self, message: str) -> None:
        print(f"  {message}", flush=True)

    # --- databases -------------------------------------------------------------------------

    def pg_url(self, dbname: str) -> str:
        """The bench PostgreSQL server URL with another database name."""
        parts = urlsplit(self.postgres_url)
        return urlunsplit(parts._replace(path="/" + dbname))

    def sqlite_url(self, name: str) -> str:
        self.work_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{self.work_dir / (name + '.sqlite3')}"

    def pg_execute(self, sql: str, dbname: str = "postgres") -> None:
        """Run one statement with autocommit (CREATE/DROP DATABASE)."""
        import psycopg

        with psycopg.connect(self.pg_url(dbname), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def pg_drop(self, dbname: str) -> None:
        self.pg_execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')

    def pg_copy(self, template: str, dbname: str) -> str:
        """A fresh copy of a template database (CREATE DATABASE ... TEMPLATE); returns its URL."""
        self.pg_drop(dbname)
        self.pg_execute(f'CREATE DATABASE "{dbname}" TEMPLATE "{template}"')
        return self.pg_url(dbname)

    def sqlite_copy(self, source_url: str, name: str) -> str:
        """A copy of a SQLite database file (checkpointed first); returns its URL."""
        import shutil
        import sqlite3

        source = Path(source_url.removeprefix("sqlite:///"))
        with sqlite3.connect(source) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        target_url = self.sqlite_url(name)
        target = Path(target_url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        shutil.copyfile(source, target)
        return target_url

    # --- subprocesses ----------------------------------------------------------------------

    def env(self, database_url: str, **extra: str) -> dict[str, str]:
        """The environment of a planserv subprocess on `database_url`."""
        env = dict(os.environ)
        env.update(
            PYTHONPATH=str(ROOT / "src") + os.pathsep + str(ROOT),
            DJANGO_SETTINGS_MODULE="planserv.config.settings.dev",
            DATABASE_URL=database_url,
            PLANSERV_DEBUG="0",
            PLANSERV_SANDBOX="1",
            PLANSERV_EMAIL_BACKEND="locmem",
        )
        env.update(extra)
        return env

    def planserv(
        self, *args: str, database_url: str, check: bool = True, capture: bool = False
    ) -> subprocess.CompletedProcess[str]:
        """`planserv <args>` on `database_url`."""
        return self.python(
            "-m",
            "planserv.config.cli",
            *args,
            database_url=database_url,
            check=check,
            capture=capture,
        )

    def python(
        self, *args: str, database_url: str, check: bool = True, capture: bool = False
    ) -> subprocess.CompletedProcess[str]:
        """`python <args>` (e.g. "-m", "bench.worker_x") with Django pointed at `database_url`."""
        return subprocess.run(  # nosec B603 - our own interpreter and arguments
            [sys.executable, *args],
            env=self.env(database_url),
            cwd=ROOT,
            check=check,
            text=True,
            capture_output=capture,
        )


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    """`with stopwatch() as t: ...` then `t[0]` is the elapsed wall time in seconds."""
    box: list[float] = []
    start = time.perf_counter()
    try:
        yield box
    finally:
        box.append(time.perf_counter() - start)


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0..100) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def write_result(result: Result, results_dir: Path = RESULTS_DIR, **meta: Any) -> Path:
    results_dir.mkdir(parents=True, exist_ok=True)
    path = results_dir / f"{result.id}.json"
    path.write_text(json.dumps({**asdict(result), **meta}, indent=2, sort_keys=True) + "\n")
    return path


def load_results(results_dir: Path = RESULTS_DIR) -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted(results_dir.glob("PERF-*.json"))]


def _id_key(result_id: str) -> tuple[int, str]:
    match = re.match(r"PERF-(\d+)(.*)", result_id)
    return (int(match.group(1)), match.group(2)) if match else (999, result_id)


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    return f"{value:,.3g} {unit}".strip() if abs(value) < 1000 else f"{value:,.0f} {unit}".strip()


def readme_table(results: list[dict[str, Any]]) -> str:
    rows = [
        "| Target | Measure | Value | Baseline | Ratio | Target | Met | Scale / DB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in sorted(results, key=lambda r: _id_key(r["id"])):
        unit = r.get("unit", "s")
        ratio = f"{r['ratio']:.2f}" if r.get("ratio") is not None else "–"
        where = f"{r.get('scale', '?')} / {r.get('backend', '?')}"
        rows.append(
            f"| {r['id']} | {r['measure']} | {_figure(r['value'], unit)} | "
            f"{_figure(r.get('baseline'), unit)} | {ratio} | {r['target']} | "
            f"{'yes' if r['passed'] else '**no**'} | {where} |"
        )
    return "\n".join(rows)


def update_readme(results: list[dict[str, Any]], readme: Path = README) -> bool:
    """Replace the text between the bench markers; False when the README has no markers."""
    text = readme.read_text()
    if START_MARK not in text or END_MARK not in text:
        return False
    head, rest = text.split(START_MARK, 1)
    _, tail = rest.split(END_MARK, 1)
    readme.write_text(f"{head}{START_MARK}\n{readme_table(results)}\n{END_MARK}{tail}")
    return True
