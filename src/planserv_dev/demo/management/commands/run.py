"""planserv run: serve the portals and API (gunicorn) with a worker beside it.

SIGTERM or SIGINT (Ctrl+C) stops both cleanly: each child gets SIGTERM, so gunicorn stops
accepting and lets the requests in flight finish (`graceful_timeout`) and the worker finishes its
pass and its current task; then the command exits 0. The children run in their own session, so a
Ctrl+C in the terminal reaches only this process and never interrupts them mid-request, and on
Linux they are told to stop should this process die without passing the signal on.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from planserv.config.env import BASE_DIR, ENV

# Seconds a child may take to stop after SIGTERM before it is killed: gunicorn's
# graceful_timeout (30) plus a margin.
STOP_TIMEOUT = 45.0
PR_SET_PDEATHSIG = 1


def _stop_with_parent() -> None:
    """In the child, before exec: SIGTERM when the parent dies (Linux; elsewhere nothing)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM))


def _metrics_directory() -> str:
    """Where gunicorn's processes share their request metrics (prometheus_client multiprocess
    mode), emptied at each start so counters begin at zero with the server."""
    directory = settings.PLANSERV_METRICS_MULTIPROCESS_DIR or str(ENV.var_dir / "metrics")
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    return directory


class Command(BaseCommand):
    help = "Serve the portals and the API on http://127.0.0.1:8000 with a background worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        config = gunicorn_config()
        stopping: list[int] = []

        def stop(signum: int, frame: object) -> None:
            stopping.append(signum)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        children = []
        if not options["no_worker"]:
            children.append(start([sys.executable, "-m", "planserv.config.cli", "worker"]))
        children.append(
            start(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--config",
                    str(config),
                    "--bind",
                    options["bind"],
                ],
                env={**os.environ, "PROMETHEUS_MULTIPROC_DIR": _metrics_directory()},
            )
        )
        self.stdout.write(f"Serving on http://{options['bind']}/  (Ctrl+C to stop)")
        try:
            while not stopping and all(child.poll() is None for child in children):
                time.sleep(0.2)
        finally:
            stop_all(children)
        if not stopping:
            raise CommandError("a child process ended by itself; stopped the others")
        self.stdout.write("Stopped.")


def gunicorn_config() -> Path:
    """deploy/gunicorn.conf.py of this checkout, the file the systemd unit uses too."""
    path = BASE_DIR / "deploy" / "gunicorn.conf.py"
    if not path.is_file():
        raise CommandError(f"{path} is missing: planserv run serves from a checkout")
    return path


def start(command: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        command,
        env=env,
        start_new_session=True,
        preexec_fn=_stop_with_parent,  # before exec; no thread of ours runs yet
    )


def stop_all(children: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM to each child still running, then wait; a child's session that outlives the
    timeout is killed whole."""
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    for child in children:
        try:
            child.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait(timeout=10)
