"""The registry of every API operation and portal page, for the REL-7 matrix and REL-3 replays.

Each row says who may call it and how to build a call for one's own tenant and a foreign one.
A new API operation or portal URL without a row here makes the matrix test fail: add the row
in the same change that adds the endpoint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from planserv.core.types import Role

ANY_ROLE = frozenset(Role.values)
OPERATOR_ROLES = frozenset({Role.PROGRAM_ADMIN, Role.PAYMENT_REVIEWER, Role.SUPPORT, Role.AUDITOR})
PARTNER_ROLES = frozenset({Role.GLOBAL_ADMIN, Role.PARTNER_ADMIN, Role.PROFILE_ADMIN, Role.MEMBER})
CUSTOMER_ROLES = frozenset({Role.BENEFITS_ADMIN, Role.PROJECT_MANAGER})


@dataclass(frozen=True)
class Call:
    """A concrete request: path with parameters filled in, and a JSON body for writes."""

    path: str
    body: Any = None


# Builds a call from the World (tests/security/world.py): (world, tenant, role) → Call, where
# tenant is "own" (the caller's organisation owns the object) or "foreign" (an object of another
# organisation of the caller's kind; for operator roles simply another tenant's object).
Builder = Callable[[Any, str, str], Call]


def fixed(path: str, body: Any = None) -> Builder:
    return lambda world, tenant, role: Call(path, body)


@dataclass(frozen=True)
class ApiOperation:
    method: str
    path: str  # as in the OpenAPI document, e.g. /api/v1/agreements/{licensing_id}
    roles: frozenset[str]  # roles allowed to call it (others: 403, or 404 for foreign objects)
    build: Builder
    tenant_scoped: bool = False  # has an object of a tenant in the path: foreign → 404
    operators_see_all: bool = True  # operator roles in `roles` may reach any tenant's object
    sandbox_only: bool = False
    notes: str = ""
    ok_statuses: frozenset[int] = field(default_factory=lambda: frozenset({200, 201, 204}))


API_OPERATIONS: list[ApiOperation] = [
    ApiOperation("GET", "/api/v1/me", ANY_ROLE, fixed("/api/v1/me")),
    ApiOperation("GET", "/api/v1/clock", ANY_ROLE, fixed("/api/v1/clock")),
    ApiOperation(
        "POST",
        "/api/v1/clock",
        frozenset({Role.PROGRAM_ADMIN}),
        fixed("/api/v1/clock", {"advance_days": 1}),
        sandbox_only=True,
    ),
    ApiOperation("GET", "/api/v1/calendar", ANY_ROLE, fixed("/api/v1/calendar")),
    ApiOperation("GET", "/api/v1/offerings", ANY_ROLE, fixed("/api/v1/offerings")),
    ApiOperation("GET", "/api/v1/engagement-types", ANY_ROLE, fixed("/api/v1/engagement-types")),
]


@dataclass(frozen=True)
class PortalPage:
    url_name: str  # "portal:home"
    roles: frozenset[str]
    build: Builder
    method: str = "GET"
    tenant_scoped: bool = False
    operators_see_all: bool = True


PORTAL_PAGES: list[PortalPage] = [
    PortalPage("portal:home", ANY_ROLE, fixed("/")),
    PortalPage("portal:profile", ANY_ROLE, fixed("/profile/")),
]

# URL names that are not role-guarded pages (login, logout, form posts covered by their own tests).
PORTAL_EXEMPT = {
    "portal:login": "public login page",
    "portal:logout": "POST-only logout",
    "portal:switch_organisation": "POST-only; switching to a foreign membership is tested in "
    "tests/portal/test_portal_shell.py",
    "portal:token_create": "POST-only; tests/portal/test_portal_shell.py",
    "portal:token_revoke": "POST-only; revoking a foreign token is tested in "
    "tests/portal/test_portal_shell.py",
}

# Capability rows kept beside their capability's tests, added here so every test sees them.
from tests.security.support_rows import (  # noqa: E402
    SUPPORT_API_OPERATIONS,
    SUPPORT_PORTAL_EXEMPT,
    SUPPORT_PORTAL_PAGES,
)

API_OPERATIONS += SUPPORT_API_OPERATIONS
PORTAL_PAGES += SUPPORT_PORTAL_PAGES
PORTAL_EXEMPT.update(SUPPORT_PORTAL_EXEMPT)
