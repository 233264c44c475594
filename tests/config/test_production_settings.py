"""Issue 21 item 5: `planserv` runs on production settings unless dev is chosen explicitly, and
production settings refuse the sandbox clock, a missing or development secret key and a mail
backend that never reaches a relay, each in one clear line (no traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "x" * 20 + "-production-like-secret-key-for-the-check-0123456789"
DEV_KEY = "dev-only-insecure-key-change-me-in-production-0123456789abcdef"


def planserv(tmp_path: Path, *args: str, **variables: str) -> subprocess.CompletedProcess[str]:
    """`planserv <args>` in a child process with a clean planserv environment plus `variables`."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PLANSERV_", "DJANGO_")) and name != "DATABASE_URL"
    }
    env.update(PYTHONPATH=str(ROOT / "src"), PLANSERV_VAR_DIR=str(tmp_path), **variables)
    return subprocess.run(
        [sys.executable, "-m", "planserv.config.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SHOW_SETTINGS = (
    "shell",
    "-c",
    "from django.conf import settings; "
    "print(settings.SETTINGS_MODULE, settings.PLANSERV_SANDBOX, settings.EMAIL_BACKEND)",
)


def test_planserv_uses_production_settings_when_none_are_chosen(tmp_path):
    result = planserv(tmp_path, *SHOW_SETTINGS, PLANSERV_SECRET_KEY=GOOD_KEY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [
        "planserv.config.settings.production",
        "False",
        "django.core.mail.backends.smtp.EmailBackend",
    ]


def test_planserv_uses_dev_settings_only_when_chosen_explicitly(tmp_path):
    result = planserv(
        tmp_path, *SHOW_SETTINGS, DJANGO_SETTINGS_MODULE="planserv.config.settings.dev"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [
        "planserv.config.settings.dev",
        "True",
        "django.core.mail.backends.filebased.EmailBackend",
    ]


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"PLANSERV_SECRET_KEY": GOOD_KEY, "PLANSERV_SANDBOX": "true"}, "PLANSERV_SANDBOX is on"),
        ({}, "PLANSERV_SECRET_KEY must be set"),
        ({"PLANSERV_SECRET_KEY": DEV_KEY}, "PLANSERV_SECRET_KEY is the development key"),
        (
            {
                "PLANSERV_SECRET_KEY": GOOD_KEY,
                "PLANSERV_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            },
            "PLANSERV_EMAIL_BACKEND writes mail to files",
        ),
        (
            {"PLANSERV_SECRET_KEY": GOOD_KEY, "PLANSERV_EMAIL_BACKEND": "locmem"},
            "PLANSERV_EMAIL_BACKEND keeps mail in memory",
        ),
    ],
)
@pytest.mark.parametrize("command", ["check", "worker", "migrate"])
def test_production_refuses_to_start_in_one_clear_line(tmp_path, variables, named, command):
    result = planserv(tmp_path, command, **variables)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("planserv: planserv.config.settings.production: " + named)
    assert not (tmp_path / "planserv.sqlite3").exists()  # refused before touching a database


def test_every_problem_gets_its_own_line(tmp_path):
    result = planserv(
        tmp_path,
        "check",
        PLANSERV_SECRET_KEY=DEV_KEY,
        PLANSERV_SANDBOX="1",
        PLANSERV_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
    )
    assert result.returncode == 2
    assert [line.split(": ", 2)[2].split(" ", 2)[:2] for line in result.stderr.splitlines()] == [
        ["PLANSERV_SANDBOX", "is"],
        ["PLANSERV_SECRET_KEY", "is"],
        ["PLANSERV_EMAIL_BACKEND", "writes"],
    ]


def test_gunicorn_refuses_production_settings_that_planserv_refuses(tmp_path):
    """The WSGI entry point defaults to production settings too, so gunicorn cannot serve them."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PLANSERV_", "DJANGO_"))
    }
    env.update(PYTHONPATH=str(ROOT / "src"), PLANSERV_VAR_DIR=str(tmp_path), PLANSERV_SANDBOX="on")
    env["PLANSERV_SECRET_KEY"] = GOOD_KEY
    result = subprocess.run(
        [sys.executable, "-c", "import planserv.config.wsgi"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "ProductionRefusal: PLANSERV_SANDBOX is on" in result.stderr


@pytest.mark.parametrize(("pooling", "disabled"), [("true", True), ("", False)])
def test_a_transaction_pooler_turns_server_side_cursors_off(tmp_path, pooling, disabled):
    """Behind PgBouncer in transaction mode a cursor declared in one transaction is gone in the
    next (issue 21 item 8), so `.iterator()` must fetch without one."""
    result = planserv(
        tmp_path,
        "shell",
        "-c",
        "from django.db import connection; "
        "print(connection.settings_dict.get('DISABLE_SERVER_SIDE_CURSORS', False))",
        PLANSERV_SECRET_KEY=GOOD_KEY,
        DATABASE_URL="postgres://planserv@127.0.0.1:6432/planserv",
        PLANSERV_TRANSACTION_POOLING=pooling,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == str(disabled)


def test_earlier_secret_keys_are_kept_as_fallbacks_for_a_rotation(tmp_path):
    result = planserv(
        tmp_path,
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY_FALLBACKS)",
        PLANSERV_SECRET_KEY=GOOD_KEY,
        PLANSERV_SECRET_KEY_FALLBACKS=f"{'a' * 50}, {'b' * 50}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == str(["a" * 50, "b" * 50])
