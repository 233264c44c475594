"""planserv run: serve the portals and API (gunicorn) with a worker beside it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from planserv.config.env import ENV


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
        manage = [sys.executable, "-m", "planserv.config.cli"]
        children = []
        if not options["no_worker"]:
            children.append(subprocess.Popen([*manage, "worker"]))  # noqa: S603
        self.stdout.write(f"Serving on http://{options['bind']}/  (Ctrl+C to stop)")
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "planserv.config.wsgi:application",
                "--bind",
                options["bind"],
                "--workers",
                "2",
                "--threads",
                "4",
                "--access-logfile",
                "-",
                "--timeout",
                "120",
            ],
            env={**os.environ, "PROMETHEUS_MULTIPROC_DIR": _metrics_directory()},
        )
        children.append(server)
        try:
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            for child in children:
                child.wait(timeout=15)
