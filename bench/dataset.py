"""The PERF-6 data set for the benchmarks: generated once per run (per database kind and scale)
into a template — a PostgreSQL database used as `CREATE DATABASE … TEMPLATE`, or a SQLite file
that is copied — so each benchmark restores the same data before each measured run.

With `--reuse-data` an existing complete template (marked when its generation finished) is kept;
the generation time then comes from the run that made it.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import DB_PREFIX, Context

_CACHE: dict[tuple[str, str, str], Dataset] = {}


@dataclass(frozen=True)
class Dataset:
    backend: str  # "postgresql" | "sqlite"
    scale: str
    template: str  # PostgreSQL database name, or SQLite URL
    generate_seconds: float  # migrate excluded: demo + generated rows + ANALYZE
    output: str  # the generator's output (one line per step)

    def url(self, ctx: Context) -> str:
        return ctx.pg_url(self.template) if self.backend == "postgresql" else self.template

    def copy(self, ctx: Context, name: str) -> str:
        """A fresh copy of the data set; returns its database URL."""
        if self.backend == "postgresql":
            return ctx.pg_copy(self.template, f"{DB_PREFIX}_{name}")
        return ctx.sqlite_copy(self.template, f"bench_{name}")

    def drop(self, ctx: Context, url: str) -> None:
        if ctx.keep:
            return
        if self.backend == "postgresql":
            ctx.pg_drop(url.rsplit("/", 1)[1])
        else:
            path = Path(url.removeprefix("sqlite:///"))
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)


def _pg_marker(ctx: Context, dbname: str) -> dict[str, object] | None:
    import psycopg

    with psycopg.connect(ctx.pg_url("postgres"), autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [dbname],
        ).fetchone()
    if not row or not row[0]:
        return None
    return dict(json.loads(row[0]))


def dataset(
    ctx: Context, backend: str | None = None, *, extra: tuple[str, ...] = (), tag: str = ""
) -> Dataset:
    """The data set template for `backend` (default: ctx.backend) at ctx.scale, generating it
    when needed. `extra` are more `planserv generate` options (e.g. "--agreements", "1000000"),
    `tag` names that variant."""
    backend = backend or ctx.backend
    key = (backend, ctx.scale, tag)
    if key in _CACHE:
        return _CACHE[key]
    name = re.sub(r"[^a-z0-9_]", "_", f"data_{ctx.scale}{'_' + tag if tag else ''}")
    if backend == "postgresql":
        template = f"{DB_PREFIX}_{name}"
        url = ctx.pg_url(template)
        marker = _pg_marker(ctx, template) if ctx.reuse_data else None
    else:
        url = ctx.sqlite_url(f"bench_{name}")
        template = url
        side = Path(url.removeprefix("sqlite:///") + ".json")
        marker = json.loads(side.read_text()) if ctx.reuse_data and side.exists() else None
    if marker is not None:
        ctx.log(f"data set {name} on {backend}: reused (generated in {marker['seconds']:.1f}s)")
        found = Dataset(backend, ctx.scale, template, float(str(marker["seconds"])), "")
        _CACHE[key] = found
        return found

    ctx.log(f"data set {name} on {backend}: generating ...")
    if backend == "postgresql":
        ctx.pg_drop(template)
        ctx.pg_execute(f'CREATE DATABASE "{template}"')
    else:
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm", ".json"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    ctx.planserv("migrate", "--noinput", "-v0", database_url=url)
    started = time.perf_counter()
    done = ctx.planserv("generate", "--scale", ctx.scale, *extra, database_url=url, capture=True)
    seconds = time.perf_counter() - started
    for line in done.stdout.splitlines():
        ctx.log("  " + line)
    ctx.log(f"data set {name} on {backend}: generated in {seconds:.1f}s")
    marker = {"seconds": round(seconds, 1), "scale": ctx.scale, "extra": list(extra)}
    if backend == "postgresql":
        ctx.pg_execute(f"COMMENT ON DATABASE \"{template}\" IS '{json.dumps(marker)}'")
    else:
        Path(url.removeprefix("sqlite:///") + ".json").write_text(json.dumps(marker))
    found = Dataset(backend, ctx.scale, template, seconds, done.stdout)
    _CACHE[key] = found
    return found
