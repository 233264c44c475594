"""Shared fixtures: personas for every role, an API client with tokens, the program clock, a browser.

PostgreSQL-only tests skip on SQLite (they run in the PostgreSQL pass). Browser tests need Debian's
Chromium; under PLANSERV_REQUIRE_ALL=1 (CI) a missing browser fails instead of skipping. Every test
that opens the browser is marked `browser` here, so `make test-fast` can leave it out.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test import Client

from planserv.accounts.models import Membership, Organisation
from planserv.accounts.services import token_create
from planserv.audit import triggers as audit_triggers
from planserv.core import clock
from planserv.program.models import Milestone
from planserv.program.seed import seed
from planserv.support.models import SupportQueue
from planserv.support.seed import seed as support_seed
from tests.factories import accounts as account_factory
from tests.factories import second_factor as second_factor_factory

# Playwright's sync API runs an event loop in the test thread; the ORM calls there are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
REQUIRE_ALL = os.environ.get("PLANSERV_REQUIRE_ALL") == "1"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_configure(config: pytest.Config) -> None:
    """Compile the translation catalogues (.po → .mo) when a .mo is missing or older than its .po
    (docs/i18n.md): pure Python, so a fresh checkout runs the tests without GNU gettext."""
    from planserv.core.i18n_catalogues import compile_catalogues

    compile_catalogues()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    vendor = connection.vendor
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):  # `make test-fast` leaves these out
            item.add_marker(pytest.mark.browser)
        if "postgres_only" in item.keywords and vendor != "postgresql":
            item.add_marker(
                pytest.mark.skip(
                    reason="PostgreSQL only: runs in the PostgreSQL pass (PLANSERV_TEST_POSTGRES_URL)"
                )
            )


def pytest_report_header(config: pytest.Config) -> str:
    return f"planserv database: {connection.vendor}; chromium: {CHROMIUM or 'not installed'}"


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files")},
        },
    }


@pytest.fixture(autouse=True)
def _force_login_passes_second_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    """`Client.force_login` signs in as a finished sign-in does, second factor included (the
    person gets an authenticator app, the session is verified), so the many tests that log in
    operator staff or register bank details keep working while production requires the factor.
    The second factor's own tests sign in through the login form instead."""
    original = Client.force_login

    def force_login(self: Client, user: Any, backend: str | None = None) -> None:
        original(self, user, backend)
        second_factor_factory.pass_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _database_state(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every database test starts with the seeded catalogue and calendar (a transactional test's
    flush removes migration data, so it is re-seeded when missing). Transactional tests end with a
    flush (DELETE on SQLite): the append-only trigger is lifted for it and restored next time."""
    marker = request.node.get_closest_marker("django_db")
    fixtures = set(request.fixturenames)
    if marker is None and not {"db", "transactional_db", "live_server"} & fixtures:
        yield
        return
    request.getfixturevalue("_django_db_helper")
    if not Milestone.objects.exists():
        seed(django_apps)
    if not SupportQueue.objects.exists():
        support_seed(django_apps)
    transactional = bool(
        {"live_server", "transactional_db"} & fixtures
        or (marker is not None and marker.kwargs.get("transaction"))
    )
    if not transactional or connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(audit_triggers.SQLITE_DELETE)
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_delete;")


@pytest.fixture
def pin_clock(db: None) -> Any:
    """Pin the program clock: pin_clock(date(2020, 1, 6))."""

    def pin(day: dt.date) -> dt.date:
        clock.store_pinned_date(day)
        return day

    return pin


@dataclass
class Persona:
    membership: Membership

    @property
    def user(self) -> Any:
        return self.membership.user

    @property
    def organisation(self) -> Organisation:
        return self.membership.organisation

    @property
    def email(self) -> str:
        return self.membership.user.email


class Multipart(dict):  # type: ignore[type-arg]
    """A body ApiClient sends as multipart/form-data. A file is a (file name, bytes) tuple; a
    list holds several values of one field (files or plain values)."""


def _is_multipart(body: Any) -> bool:
    """A Multipart, or a dict holding a file (e.g. a Multipart copied with one more field)."""
    if isinstance(body, Multipart):
        return True
    if not isinstance(body, dict):
        return False
    values = [v for value in body.values() for v in (value if isinstance(value, list) else [value])]
    return any(isinstance(value, tuple) for value in values)


def _multipart_data(body: dict[str, Any]) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    def value(item: Any) -> Any:
        if isinstance(item, tuple):
            return SimpleUploadedFile(item[0], item[1])  # fresh per request: it is read once
        return item

    return {
        key: [value(item) for item in items] if isinstance(items, list) else value(items)
        for key, items in body.items()
    }


class ApiClient:
    """Calls /api/v1 with a bearer token for one membership."""

    def __init__(self, membership: Membership | None) -> None:
        self.client = Client()
        self.token = ""
        if membership is not None:
            issued = token_create(
                membership=membership,
                name="test",
                actor=account_factory.SYSTEM,
                at=account_factory.AT,
                today=account_factory.TODAY,
                second_factor=True,  # as if created from a session that passed it (R-PPL-3)
            )
            self.token = issued.secret

    def _headers(self, idempotency_key: str | None) -> dict[str, str]:
        headers = {}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        return headers

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params, headers=self._headers(None))

    def send(
        self, method: str, path: str, body: Any = None, *, idempotency_key: str | None = None
    ) -> Any:
        if _is_multipart(body):
            from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

            return self.client.generic(
                method,
                f"/api/v1{path}",
                encode_multipart(BOUNDARY, _multipart_data(body)),
                content_type=MULTIPART_CONTENT,
                headers=self._headers(idempotency_key),
            )
        return self.client.generic(
            method,
            f"/api/v1{path}",
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            headers=self._headers(idempotency_key),
        )

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.send("POST", path, body, **kwargs)


@pytest.fixture
def operator_org(db: None) -> Organisation:
    return account_factory.organisation("operator", name="Program Office")


@pytest.fixture
def partner_org(db: None) -> Organisation:
    return account_factory.organisation("partner", name="Contoso Consulting", country="DE")


@pytest.fixture
def customer_org(db: None) -> Organisation:
    return account_factory.organisation("customer", name="Woodgrove Bank", country="US")


@pytest.fixture
def persona(
    operator_org: Organisation, partner_org: Organisation, customer_org: Organisation
) -> Any:
    """persona("partner_admin") → a member with that role in the fixture organisation of its side."""
    by_role = {
        "program_admin": operator_org,
        "payment_reviewer": operator_org,
        "support": operator_org,
        "auditor": operator_org,
        "global_admin": partner_org,
        "partner_admin": partner_org,
        "profile_admin": partner_org,
        "member": partner_org,
        "benefits_admin": customer_org,
        "project_manager": customer_org,
    }

    def make(role: str, organisation: Organisation | None = None) -> Persona:
        return Persona(account_factory.member(organisation or by_role[role], role))

    return make


@pytest.fixture
def api_as(persona: Any) -> Any:
    """api_as("benefits_admin") → an ApiClient with a token for a new member in that role."""

    def make(role: str | None, organisation: Organisation | None = None) -> ApiClient:
        if role is None:
            return ApiClient(None)
        return ApiClient(persona(role, organisation).membership)

    return make


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM:
        message = "Chromium is not installed (apt-get install chromium); browser tests skipped"
        if REQUIRE_ALL:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    context.close()


def browser_login(page: Any, email: str, password: str = account_factory.PASSWORD) -> None:
    """Sign in through the form; operator staff then enter their app's code (set up with the
    factories' key when they have none), as a person does (R-PPL-3)."""
    page.goto("/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    if "/sign-in/second-factor/setup/" in page.url:
        secret = page.get_by_test_id("second-factor-secret").inner_text()
        page.fill("#id_code", second_factor_factory.code_for_key(secret))
        page.click("form:has(#id_code) button[type=submit]")
        page.get_by_test_id("second-factor-continue").click()
        page.wait_for_load_state("networkidle")
    elif "/sign-in/second-factor/" in page.url:
        from planserv.accounts.models import User

        device = second_factor_factory.app_device(User.objects.get(email=email))
        page.fill("#id_code", second_factor_factory.code_for(device))
        page.click("form:has(#id_code) button[type=submit]")
        page.wait_for_load_state("networkidle")
