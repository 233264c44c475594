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
    """A fresh colleague with an authenticator app each call (a reset needs a factor to reset;
    the replay tests build one object per call)."""
    from tests.factories import accounts as account_factory
    from tests.factories.second_factor import app_device

    key = world.own_key(role)
    if tenant == "foreign":
        key = "partner_other" if key == "operator" else f"{key}_other"
    organisation = world.organisations[key]
    other = next(r for r in ROLES_BY_KIND[organisation.kind] if r != role)
    colleague = account_factory.member(organisation, other)
    app_device(colleague.user)
    return Call(f"/api/v1/members/{colleague.pk}/second-factor/reset")


def _organisation(world: Any, tenant: str, role: str) -> Any:
    key = world.own_key(role)
    if tenant == "foreign":
        key = "partner_other" if key == "operator" else f"{key}_other"
    return world.organisations[key]


def _sso_get(world: Any, tenant: str, role: str) -> Call:
    public_id = _organisation(world, tenant, role).public_id
    return Call(f"/api/v1/organisations/{public_id}/single-sign-on")


def _sso_put(world: Any, tenant: str, role: str) -> Call:
    public_id = _organisation(world, tenant, role).public_id
    body = {
        "issuer": "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0",
        "client_id": "planserv",
        "client_secret": "s3cret",
        "allowed_domains": [f"{public_id.lower()}.example"],
        "required": False,
    }
    return Call(f"/api/v1/organisations/{public_id}/single-sign-on", body)


ACCESS_API_OPERATIONS = [
    ApiOperation(
        "GET",
        "/api/v1/organisations/{organisation_id}/single-sign-on",
        MANAGING,
        _sso_get,
        tenant_scoped=True,
    ),
    ApiOperation(
        "PUT",
        "/api/v1/organisations/{organisation_id}/single-sign-on",
        MANAGING,
        _sso_put,
        tenant_scoped=True,
    ),
    ApiOperation(
        "POST",
        "/api/v1/members/{member_id}/second-factor/reset",
        MANAGING,
        _reset_call,
        tenant_scoped=True,
        notes="a fresh colleague with an authenticator app each call",
    ),
]

ACCESS_PORTAL_PAGES = [
    PortalPage("portal:second_factor_reset", MANAGING, fixed("/people/second-factor/")),
    PortalPage("portal:sso_settings", MANAGING, fixed("/organisation/sign-in/")),
]

ACCESS_PORTAL_EXEMPT = {
    "portal:second_factor_verify": "a sign-in step of every person; "
    "tests/accounts/test_second_factor_portal.py",
    "portal:second_factor_setup": "a sign-in step of every person; "
    "tests/accounts/test_second_factor_portal.py",
    "portal:second_factor_disable": "POST-only, one's own factor; "
    "tests/accounts/test_second_factor_portal.py",
    "portal:sso_begin": "public sign-in step (POST); tests/accounts/test_single_sign_on.py",
    "portal:sso_start": "public sign-in step; tests/accounts/test_single_sign_on.py",
    "portal:sso_callback": "public sign-in step; tests/accounts/test_single_sign_on.py",
}
