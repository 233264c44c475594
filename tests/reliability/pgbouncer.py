"""PgBouncer in transaction mode for the REL-10 test through a pooler (issue 21 item 8): Debian's
`pgbouncer`, started on a free port with a generated configuration in front of the test
database's server, stopped after the test. As root it runs as `postgres` (it refuses root)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.deploy.tools import program
from tests.reliability.processes import free_port

# Fewer server connections than the REL-10 cluster opens as a client (2 masters × 2 workers × 4
# threads, 2 workers and their task workers), so transactions really share them.
POOL_SIZE = 8


@dataclass
class PgBouncer:
    upstream_url: str
    port: int = field(default_factory=free_port)
    folder: Path | None = None
    process: subprocess.Popen[bytes] | None = None

    @property
    def user(self) -> str:
        return urlsplit(self.upstream_url).username or "postgres"

    def url(self) -> str:
        """The upstream URL with its host and port replaced by this pooler's."""
        parts = urlsplit(self.upstream_url)
        credentials = parts.netloc.rsplit("@", 1)[0]
        return urlunsplit(parts._replace(netloc=f"{credentials}@127.0.0.1:{self.port}"))

    def start(self) -> PgBouncer:
        executable = program("pgbouncer", "pgbouncer")
        upstream = urlsplit(self.upstream_url)
        # Readable by the unprivileged user it switches to: a folder of its own, not tmp_path.
        self.folder = Path(tempfile.mkdtemp(prefix="planserv-pgbouncer-"))
        self.folder.chmod(0o755)
        password = upstream.password or ""
        (self.folder / "users.txt").write_text(f'"{self.user}" "{password}"\n')
        (self.folder / "pgbouncer.ini").write_text(
            "[databases]\n"
            f"* = host={upstream.hostname or '127.0.0.1'} port={upstream.port or 5432}\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.port}\nunix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {self.folder / 'users.txt'}\n"
            f"admin_users = {self.user}\n"
            "pool_mode = transaction\n"
            f"default_pool_size = {POOL_SIZE}\nmax_client_conn = 400\n"
            "ignore_startup_parameters = extra_float_digits,options\n"
        )
        for name in ("users.txt", "pgbouncer.ini"):
            (self.folder / name).chmod(0o644)
        switch = ["-u", "postgres"] if os.geteuid() == 0 else []
        with (self.folder / "output.log").open("wb") as log:
            self.process = subprocess.Popen(
                [executable, *switch, str(self.folder / "pgbouncer.ini")],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_text()
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.1)
        raise AssertionError(f"pgbouncer did not listen on {self.port}:\n{self.log_text()}")

    def transactions(self) -> int:
        """Transactions pooled so far, summed over databases (the admin console's SHOW STATS)."""
        result = subprocess.run(
            [
                program("psql", "postgresql-client"),
                *("-h", "127.0.0.1", "-p", str(self.port), "-U", self.user),
                *("-A", "-F", "\t", "-c", "SHOW STATS", "pgbouncer"),
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        header, *rows = result.stdout.strip().splitlines()[:-1]  # the last line counts rows
        column = header.split("\t").index("total_xact_count")
        return sum(int(row.split("\t")[column]) for row in rows)

    def log_text(self) -> str:
        assert self.folder is not None
        return (self.folder / "output.log").read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
