"""Debian programs some tests need (nginx, pgbouncer, systemd-analyze): skipped when missing,
and a failure under PLANSERV_REQUIRE_ALL=1 (CI, .ci/run installs them)."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import REQUIRE_ALL


def program(name: str, package: str) -> str:
    """The path of `name`, or skip (fail under PLANSERV_REQUIRE_ALL=1)."""
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if path is None:
        message = f"{name} is not installed (apt-get install {package})"
        if REQUIRE_ALL:
            pytest.fail(message)
        pytest.skip(message)
    return path
