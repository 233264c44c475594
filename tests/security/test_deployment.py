"""REL-8: production settings pass Django's deployment checks; security headers are sent; cookies
are secure; every portal URL is CSRF-protected; bandit finds nothing of medium or high severity.
Login throttling (django-axes) is tested in tests/portal/test_portal_shell.py, upload limits and
type checks in tests/support/test_attachments.py, tests/vouchers/test_refusals.py and
tests/partners/test_api.py (docs/security.md maps them all)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve

from tests.factories.accounts import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_pass_check_deploy_at_warning_level_rel_8(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "planserv.config.settings.production",
        "PLANSERV_SECRET_KEY": "x" * 20 + "-production-like-secret-key-for-the-check-0123456789",
        "PLANSERV_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT / "src"),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the test suite for Playwright only
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "planserv.config.settings.production",
        "PLANSERV_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT / "src"),
    }
    env.pop("PLANSERV_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "PLANSERV_SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_pages_send_csp_and_anti_framing_headers_rel_8():
    response = Client().get("/login/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def _production_settings(tmp_path: Path, *names: str) -> dict[str, object]:
    """Values of the production settings, read in a child process (they refuse to load here)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "planserv.config.settings.production",
        "PLANSERV_SECRET_KEY": "x" * 20 + "-production-like-secret-key-for-the-check-0123456789",
        "PLANSERV_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT / "src"),
    }
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_production_cookies_are_secure_http_only_and_same_site_rel_8(tmp_path):
    values = _production_settings(
        tmp_path,
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SAMESITE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "DEBUG",
    )
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SAMESITE": "Lax",
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "DEBUG": False,
    }


@pytest.mark.django_db
def test_the_session_cookie_set_at_login_is_http_only_and_same_site_rel_8(persona):
    member = persona("member")
    client = Client()
    response = client.post("/login/", {"username": member.email, "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"


def _portal_urls() -> list[str]:
    """Every URL of the portal (and the login/logout pages), its parameters filled with
    placeholders that satisfy the converters."""
    samples = {"int": "1", "str": "X1", "slug": "x1", "uuid": str(uuid.uuid4()), "path": "x/1"}
    found = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
                continue
            route = prefix + str(pattern.pattern)
            path = re.sub(
                r"<(?:(\w+):)?\w+>", lambda m: samples.get(m.group(1) or "str", "X1"), route
            )
            found.append("/" + path)

    walk(get_resolver("planserv.portal.urls").url_patterns, "")
    return found


@pytest.mark.django_db
def test_every_portal_url_refuses_a_post_without_a_csrf_token_rel_8(persona):
    """CSRF on every portal form: each URL of the portal, posted by a logged-in user of each
    side without the token, is refused by the CSRF check before any view runs."""
    urls = _portal_urls()
    assert len(urls) > 40
    for role in ("benefits_admin", "partner_admin", "program_admin"):
        client = Client(enforce_csrf_checks=True)
        client.force_login(persona(role).user)
        for url in urls:
            if resolve(url).func.__dict__.get("csrf_exempt"):
                pytest.fail(f"{url} is exempt from CSRF")
            response = client.post(url, {"name": "x"})
            assert response.status_code == 403, (role, url, response.status_code)
            assert b"CSRF" in response.content, (role, url)


def test_bandit_finds_no_medium_or_high_issue_rel_8():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bandit",
            "--quiet",
            "--recursive",
            str(ROOT / "src"),
            "--severity-level",
            "medium",
            "--confidence-level",
            "medium",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(result.stdout)
    issues = [
        f"{i['filename']}:{i['line_number']} {i['test_id']} {i['issue_text']}"
        for i in report["results"]
    ]
    assert issues == [] and result.returncode == 0, "\n".join(issues) or result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/static/", "/static/vendor/", "/.git/config", "/.DS_Store", "/media/", "/files/", "/var/"],
)
def test_no_directory_listing_or_file_metadata_is_served_rel_8(path):
    response = Client().get(path)
    assert response.status_code == 404, (path, response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "status"), [("/api/v1/me", 401), ("/api/v1/nowhere", 404), ("/login/", 200)]
)
def test_api_pages_and_errors_carry_the_security_headers_rel_8(path, status):
    response = Client().get(path)
    assert response.status_code == status
    assert "charset=utf-8" in response["Content-Type"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_production_settings_install_no_development_tool(tmp_path):
    """The demo program, the PERF-6 data generator and `planserv run` are development only."""
    installed = _production_settings(tmp_path, "INSTALLED_APPS")["INSTALLED_APPS"]
    assert isinstance(installed, list)
    assert "planserv.portal" in installed
    assert not [app for app in installed if app.startswith("planserv_dev")]
    assert "planserv_dev.demo" in settings.INSTALLED_APPS  # the test (and dev) settings have it
