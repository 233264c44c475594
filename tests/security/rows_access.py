"""REL-7 rows of sign-in and access (docs/people.md): the second factor's pages and reset, and
single sign-on settings."""

from __future__ import annotations

from typing import Any

from planserv.core.types import ROLES_BY_KIND, Role
from tests.security.operations import ApiOperation, Call, PortalPage, fixed

MANAGING = frozenset({Role.PROGRAM_ADMIN, Role.GLOBAL_ADMIN, Role.BENEFITS_ADMIN})


def _colleague(world: Any, tenant: str, role: str) -> int:
    """Another member of the caller's organisation ("own"), or of another tenant ("foreign")."""
    key = world.own_key(role)
    if tenant == "foreign":
        key = "partner_other" if key == "operator" else f"{key}_other"
    kind = world.organisations[key].kind
    other = next(r for r in ROLES_BY_KIND[kind] if r != role)
    return int(world.members[(key, other)].pk)


def _reset_call(world: Any, tenant: str, role: str) -> Call:
    return Call(f"/api/v1/members/{_colleague(world, tenant, role)}/second-factor/reset")


ACCESS_API_OPERATIONS = [
    ApiOperation(
        "POST",
        "/api/v1/members/{member_id}/second-factor/reset",
        MANAGING,
        _reset_call,
        tenant_scoped=True,
        notes="the colleague has no factor here: 409 second_factor_not_on once allowed",
    ),
]

ACCESS_PORTAL_PAGES = [
    PortalPage("portal:second_factor_reset", MANAGING, fixed("/people/second-factor/")),
]

ACCESS_PORTAL_EXEMPT = {
    "portal:second_factor_verify": "a sign-in step of every person; "
    "tests/accounts/test_second_factor_portal.py",
    "portal:second_factor_setup": "a sign-in step of every person; "
    "tests/accounts/test_second_factor_portal.py",
    "portal:second_factor_disable": "POST-only, one's own factor; "
    "tests/accounts/test_second_factor_portal.py",
}
