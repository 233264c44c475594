"""Issue 21 item 4: SIGTERM or SIGINT to `planserv run` stops gunicorn and the worker cleanly.

`planserv run` is started on a free port (the test database, SQLite or PostgreSQL); a request is
held in flight (the test-only pause middleware of tests/reliability/pause.py), the command is
signalled, and then: the held request was answered, the command exited 0, every process it
started is gone (read from /proc) and the port is free."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.reliability.pause import HEADER
from tests.reliability.processes import (
    ROOT,
    child_environment,
    descendants,
    free_port,
    is_running,
)


def wait_until_serving(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text(errors="replace")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"planserv run did not answer:\n{log.read_text(errors='replace')}")


def port_accepts(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_gunicorn_and_the_worker_after_the_request_in_flight(
    tmp_path: Path, signum: signal.Signals
):
    port = free_port()
    pauses = tmp_path / "pauses"
    pauses.mkdir()
    log = tmp_path / "run.log"
    environment = child_environment(
        settings="tests.reliability.server_settings", PLANSERV_TEST_PAUSE_DIR=str(pauses)
    )
    with log.open("wb") as output:
        run = subprocess.Popen(
            [sys.executable, "-m", "planserv.config.cli", "run", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(port, run, log)
        started = descendants(run.pid)
        # gunicorn's master and 2 workers; the worker and its django-tasks-db task worker.
        assert len(started) >= 5, started

        answers: list[int] = []

        def held_request() -> None:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/login/", headers={HEADER: "3"}
            )
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                answers.append(response.status)

        client = threading.Thread(target=held_request)
        client.start()
        deadline = time.monotonic() + 30
        while not list(pauses.iterdir()):  # the request has run its view and is being held
            assert time.monotonic() < deadline, "the held request never reached the server"
            time.sleep(0.05)

        run.send_signal(signum)
        client.join(timeout=60)
        assert answers == [200]  # the request in flight was finished, not cut off
        assert run.wait(timeout=90) == 0, log.read_text(errors="replace")
    finally:
        if run.poll() is None:
            run.kill()
            run.wait(timeout=10)

    deadline = time.monotonic() + 10
    while any(is_running(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in started if is_running(pid)] == []
    assert not port_accepts(port)
    output = log.read_text(errors="replace")
    assert "worker: stopped" in output and "Stopped." in output
