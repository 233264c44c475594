"""Issue 21 item 9: the deployment files in deploy/ are valid for the tools that read them.

- the systemd units pass `systemd-analyze verify` without a single warning (their /opt/planserv
  paths pointed at this checkout, so the commands they run must exist and be executable), and
  say what clean shutdown needs (TERM to the main process, a stop timeout above gunicorn's);
- the nginx site passes `nginx -t` inside a minimal nginx.conf (with a certificate made here);
- gunicorn.conf.py is what `gunicorn --check-config` accepts, and the unit and
  `planserv run` use it (tests/reliability/test_run_shutdown.py serves with it).
"""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy.tools import program

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = ["planserv-web.service", "planserv-worker.service"]
INSTALLED_AT = "/opt/planserv"


def run(*command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    parser.read_string((DEPLOY / name).read_text())
    return parser


def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path):
    verify = program("systemd-analyze", "systemd")
    for name in UNITS:
        text = (DEPLOY / name).read_text().replace(INSTALLED_AT, str(ROOT))
        (tmp_path / name).write_text(text)
    result = run(verify, "verify", *UNITS, cwd=tmp_path)
    assert result.returncode == 0 and result.stdout + result.stderr == "", result.stderr


def test_systemd_verify_does_catch_a_broken_unit(tmp_path):
    """The check above can fail: a command that does not exist is reported."""
    verify = program("systemd-analyze", "systemd")
    text = (DEPLOY / UNITS[1]).read_text().replace(INSTALLED_AT, str(tmp_path / "nowhere"))
    (tmp_path / UNITS[1]).write_text(text)
    result = run(verify, "verify", UNITS[1], cwd=tmp_path)
    assert result.returncode != 0 and "is not executable" in result.stderr


@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("planserv-web.service", "gunicorn --config /opt/planserv/deploy/gunicorn.conf.py"),
        ("planserv-worker.service", "planserv worker"),
    ],
)
def test_the_units_stop_their_service_cleanly(name, command):
    service = unit(name)["Service"]
    assert service["ExecStart"] == f"/opt/planserv/.venv/bin/{command}"
    # SIGTERM to the main process only; it stops its own children (issue 21 item 4).
    assert (service["KillMode"], service["KillSignal"]) == ("mixed", "SIGTERM")
    assert service["EnvironmentFile"] == "/etc/planserv/planserv.env"
    assert service["User"] == "planserv"


def test_the_web_unit_waits_longer_than_gunicorn_lets_requests_finish():
    namespace: dict[str, object] = {}
    exec((DEPLOY / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 - our config file
    stop = int(unit("planserv-web.service")["Service"]["TimeoutStopSec"])
    assert isinstance(namespace["graceful_timeout"], int)
    assert stop > namespace["graceful_timeout"]
    assert namespace["wsgi_app"] == "planserv.config.wsgi:application"


def test_gunicorn_accepts_the_config_file():
    result = run(
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        str(DEPLOY / "gunicorn.conf.py"),
        "--check-config",
        "--print-config",
    )
    assert result.returncode == 0, result.stderr
    printed = dict(
        (part.strip() for part in line.split("=", 1)) for line in result.stdout.splitlines()
    )
    assert (printed["graceful_timeout"], printed["worker_class"]) == ("30", "gthread")
    assert printed["wsgi_app"] == "planserv.config.wsgi:application"


def test_the_environment_example_names_production_settings():
    lines = (DEPLOY / "planserv.env.example").read_text().splitlines()
    values = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
    assert values["DJANGO_SETTINGS_MODULE"] == "planserv.config.settings.production"
    assert "PLANSERV_SANDBOX" not in values and "PLANSERV_EMAIL_BACKEND" not in values


def test_the_nginx_site_passes_nginx_t(tmp_path):
    nginx = program("nginx", "nginx-light")
    openssl = program("openssl", "openssl")
    made = run(
        openssl,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=planserv.test",
        "-days",
        "1",
        "-keyout",
        str(tmp_path / "key.pem"),
        "-out",
        str(tmp_path / "cert.pem"),
    )
    assert made.returncode == 0, made.stderr
    site = (
        (DEPLOY / "nginx-planserv.conf")
        .read_text()
        .replace(
            "/etc/letsencrypt/live/planserv.example.com/fullchain.pem", str(tmp_path / "cert.pem")
        )
        .replace(
            "/etc/letsencrypt/live/planserv.example.com/privkey.pem", str(tmp_path / "key.pem")
        )
    )
    assert "/etc/letsencrypt" not in site
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{ include {tmp_path}/site.conf; }}\n"
    )
    result = run(
        nginx, "-t", "-e", "stderr", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
