"""Helpers for the REL-6 / REL-10 tests that run planserv in other processes against the test
database: its URL, the environment of a child process, free ports, gunicorn servers and workers,
and a small JSON-over-HTTP client (urllib, one connection per call)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.db import OperationalError, connection

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The URL of the test database this process uses (SQLite file or PostgreSQL)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    password = f":{quote(settings['PASSWORD'])}" if settings.get("PASSWORD") else ""
    return (
        f"postgres://{quote(settings['USER'])}{password}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def child_environment(
    *, url: str | None = None, settings: str = "planserv.config.settings.test", **extra: str
) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": settings,
        "PLANSERV_TEST_DATABASE_URL": url or database_url(),
        **extra,
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Gunicorn:
    """`gunicorn planserv.config.wsgi:application` on 127.0.0.1:<free port>, its own master."""

    environment: dict[str, str]
    workers: int = 1
    threads: int = 4
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, log_dir: Path) -> Gunicorn:
        self.log = log_dir / f"gunicorn-{self.port}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "planserv.config.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    str(self.workers),
                    "--threads",
                    str(self.threads),
                    "--timeout",
                    "120",
                    "--graceful-timeout",
                    "5",
                ],
                cwd=ROOT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Until every worker is up and one answers a page."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.worker_pids()) < self.workers:
                time.sleep(0.1)
                continue
            assert self.process is not None and self.process.poll() is None, self.log_text()
            try:
                with urllib.request.urlopen(f"{self.url}/login/", timeout=5):  # noqa: S310
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise AssertionError(f"gunicorn on {self.port} did not answer:\n{self.log_text()}")

    def worker_pids(self) -> list[int]:
        """The pids of this master's worker processes (children in /proc)."""
        assert self.process is not None
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return sorted(found)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_worker(
    environment: dict[str, str], log: Path, *, interval: float = 30.0
) -> subprocess.Popen[bytes]:
    """`planserv worker` (django-tasks-db task worker + outbox passes + daily jobs)."""
    with log.open("wb") as output:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "planserv.config.cli",
                "worker",
                "--mail-interval",
                "1",
                "--interval",
                str(interval),
            ],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its db_worker child is stopped with its process group
        )


def stop_worker(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str]

    @property
    def code(self) -> str:
        if isinstance(self.body, dict) and isinstance(self.body.get("error"), dict):
            return str(self.body["error"].get("code"))
        return ""


def call(
    method: str,
    url: str,
    *,
    token: str,
    body: Any = None,
    idempotency_key: str | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60.0,
) -> Reply:
    """One JSON request; HTTP errors are returned as replies, not raised."""
    sent = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if idempotency_key:
        sent["Idempotency-Key"] = idempotency_key
    sent.update(headers or {})
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=sent)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            raw, status, got = response.read(), response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        raw, status, got = error.read(), error.code, dict(error.headers)
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = raw.decode(errors="replace")
    return Reply(status=status, body=parsed, headers=got)


def clone_database(suffix: str) -> str:
    """A copy of the test database as it is now (committed data); returns its URL. PostgreSQL:
    CREATE DATABASE … TEMPLATE (this process's connection is closed first); SQLite: the backup API."""
    settings = connection.settings_dict
    connection.close()
    if connection.vendor == "sqlite":
        import sqlite3

        target = f"{settings['NAME']}.{suffix}"
        source, copy = sqlite3.connect(settings["NAME"]), sqlite3.connect(target)
        with copy:
            source.backup(copy)
        source.close()
        copy.close()
        return f"sqlite:///{target}"
    name = f"{settings['NAME']}_{suffix}"
    for attempt in range(12):  # a session of an earlier test may take a moment to end
        try:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{settings["NAME"]}"')
            break
        except OperationalError:
            if attempt == 11:
                raise
            if attempt == 9:
                _end_leftover_sessions(settings["NAME"])
            time.sleep(1.0)
    return database_url().rsplit("/", 1)[0] + f"/{name}"


def _end_leftover_sessions(database: str) -> None:
    """Sessions still on this worker's test database after 10 s belong to an earlier test's child
    process or thread (this process's own connection is closed): name them on stderr, so the leak
    can be found, and end them, so the clone can be taken."""
    with connection._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT pid, application_name, state, backend_start, left(query, 200) "
            "FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
        for row in cursor.fetchall():
            sys.stderr.write(f"clone_database: ending a leftover session on {database}: {row}\n")
            cursor.execute("SELECT pg_terminate_backend(%s)", [row[0]])


def drop_database(url: str) -> None:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        return
    name = url.rsplit("/", 1)[1]
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def descendants(pid: int) -> set[int]:
    """Every process below `pid` (children, their children, …), read from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def is_running(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
