"""REL-7: every API operation and portal page × every role × own/foreign tenant has an explicit
expectation: allowed → not 401/403/404; lacking role → 403 (or 404 for foreign objects); foreign
tenant's object → 404; no side effect on a refusal. An endpoint without a row fails."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from planserv.audit.models import AuditEvent
from planserv.core.types import Role
from tests.conftest import ApiClient
from tests.security.operations import (
    API_OPERATIONS,
    OPERATOR_ROLES,
    PORTAL_EXEMPT,
    PORTAL_PAGES,
)
from tests.security.world import build_world

pytestmark = pytest.mark.django_db
MUTATING = {"POST", "PUT", "PATCH", "DELETE"}


def _openapi_operations() -> set[tuple[str, str]]:
    document = Client().get("/api/v1/openapi.json").json()
    return {
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method.upper() in {"GET", *MUTATING}
    }


def test_every_api_operation_has_a_row():
    registered = {(op.method, op.path) for op in API_OPERATIONS}
    missing = _openapi_operations() - registered
    assert missing == set(), f"add rows to tests/security/operations.py for: {sorted(missing)}"
    stale = registered - _openapi_operations()
    assert stale == set(), f"rows for operations that no longer exist: {sorted(stale)}"


def _portal_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner.strip(":"))
            elif pattern.name and namespace == "portal":
                names.add(f"portal:{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names


def test_every_portal_page_has_a_row_or_a_documented_exemption():
    covered = {page.url_name for page in PORTAL_PAGES} | set(PORTAL_EXEMPT)
    missing = _portal_url_names() - covered
    assert missing == set(), f"add rows to tests/security/operations.py for: {sorted(missing)}"


@pytest.fixture
def world(pin_clock):
    pin_clock(dt.date(2021, 6, 15))
    return build_world()


@pytest.mark.slow
@pytest.mark.parametrize("operation", API_OPERATIONS, ids=lambda op: f"{op.method} {op.path}")
def test_api_operation_answers_every_role_as_its_row_says_rel_7(world, operation):
    for role in Role.values:
        tenants = ("own", "foreign") if operation.tenant_scoped else ("own",)
        for tenant in tenants:
            call = operation.build(world, tenant, role)
            client = ApiClient(world.member(role))
            events_before = AuditEvent.objects.count()
            response = client.send(operation.method, call.path.removeprefix("/api/v1"), call.body)
            status = response.status_code
            body = b"(streamed)" if response.streaming else response.content
            label = f"{role} {tenant}: {status} {body[:200]!r}"
            allowed = role in operation.roles
            sees_all = role in OPERATOR_ROLES and operation.operators_see_all
            if allowed and (tenant == "own" or sees_all):
                assert status not in (401, 403, 404), label
                assert status < 500, label
            elif allowed:
                assert status == 404, label  # another tenant's object is not found (R-ROLE-1)
            elif tenant == "foreign":
                assert status in (403, 404), label
            else:
                assert status == 403, label
            if status >= 400 and operation.method in MUTATING:
                assert AuditEvent.objects.count() == events_before, f"side effect: {label}"


@pytest.mark.slow
@pytest.mark.parametrize("operation", API_OPERATIONS, ids=lambda op: f"{op.method} {op.path}")
def test_api_operation_refuses_anonymous_callers_with_401(world, operation):
    call = operation.build(world, "own", Role.PROGRAM_ADMIN)
    response = ApiClient(None).send(operation.method, call.path.removeprefix("/api/v1"), call.body)
    assert response.status_code == 401


@pytest.mark.slow
@pytest.mark.parametrize("page", PORTAL_PAGES, ids=lambda page: page.url_name)
def test_portal_page_answers_every_role_as_its_row_says_rel_7(world, page):
    for role in Role.values:
        tenants = ("own", "foreign") if page.tenant_scoped else ("own",)
        for tenant in tenants:
            client = Client()
            member = world.member(role)
            client.force_login(member.user)
            call = page.build(world, tenant, role)
            response = client.generic(page.method, call.path, call.body or "")
            label = f"{role} {tenant}: {response.status_code}"
            allowed = role in page.roles
            sees_all = role in OPERATOR_ROLES and page.operators_see_all
            if allowed and (tenant == "own" or sees_all):
                assert response.status_code in (200, 302), label
            elif allowed:
                assert response.status_code == 404, label
            else:
                assert response.status_code in (403, 404), label
