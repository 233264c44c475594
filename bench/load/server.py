"""Start gunicorn on a free loopback port against a bench database, wait until it answers, stop."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess  # nosec B404 - our own server
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    host: str
    port: int
    process: subprocess.Popen[bytes]
    workers: int
    threads: int


@contextmanager
def gunicorn(
    env: dict[str, str],
    *,
    workers: int = 2,
    threads: int = 8,
    log_path: Path | None = None,
    max_inflight: int = 0,
    worker_class: str = "gthread",
) -> Iterator[Server]:
    """gunicorn (gthread) with the production settings behind a TLS-terminating proxy: the client
    sends `X-Forwarded-Proto: https`. The sandbox stays on so the pinned program date holds
    (bench/load/production_settings.py)."""
    port = free_port()
    env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "bench.load.production_settings",
        "PLANSERV_SECRET_KEY": "bench-" + "k" * 60,
        "PLANSERV_SANDBOX": "",  # production refuses it from the environment; the module sets it
        "PLANSERV_EMAIL_BACKEND": "smtp",  # likewise: the module keeps mail in memory
        "PLANSERV_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PLANSERV_MAX_INFLIGHT": str(max_inflight),
    }
    log = open(log_path or os.devnull, "ab")  # noqa: SIM115 - closed below
    process = subprocess.Popen(  # nosec B603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "planserv.config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            worker_class,
            "--timeout",
            "120",
            "--keep-alive",
            "30",
            "--backlog",
            "2048",
            # The application is loaded before the workers fork, so every worker is ready when
            # the server answers: on a loaded machine a worker still importing Django held the
            # first requests sent to it ~20 s, which the measurement then counted (p99 ≈ 20 s).
            # Production does not preload (a reload must load new code, docs/operations.md).
            "--preload",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )
    server = Server("127.0.0.1", port, process, workers, threads)
    try:
        _wait_ready(server)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def _wait_ready(server: Server, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.process.returncode}")
        try:
            conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
            conn.request("GET", "/api/v1/openapi.json", headers={"X-Forwarded-Proto": "https"})
            status = conn.getresponse().status
            conn.close()
            if status < 500:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer in time")
