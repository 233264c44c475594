"""Starts the test OpenID Connect provider (tests/oidc_provider: django-oauth-toolkit, RS256,
PKCE required) as a second process on a free port of 127.0.0.1, and stops it."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

CLIENT_ID = "planserv-test"
CLIENT_SECRET = "planserv-test-secret"
PASSWORD = "provider-pass-9"
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Provider:
    issuer: str
    port: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_provider(
    tmp_path: Path, *, redirect_uris: list[str], people: list[dict[str, str]]
) -> Iterator[Provider]:
    port = free_port()
    config = tmp_path / "provider.json"
    config.write_text(
        json.dumps(
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uri": " ".join(redirect_uris),
                "users": [{"password": PASSWORD, **person} for person in people],
            }
        )
    )
    log = (tmp_path / "provider.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.oidc_provider.serve",
            str(port),
            str(tmp_path / "provider.sqlite3"),
            str(config),
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    issuer = f"http://127.0.0.1:{port}/o"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2)
                if answer.status_code == 200:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((tmp_path / "provider.log").read_text()[-3000:])
            time.sleep(0.3)
        yield Provider(issuer=issuer, port=port)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
