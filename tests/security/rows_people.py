"""REL-7 rows of people and access (docs/people.md; R-PPL-1), added to the registry in
tests/security/operations.py. Only an organisation's managing role reaches its people; a member
or invitation of another organisation is not found, operators included (a program admin manages
operator staff only). Builders make a fresh member or invitation per call."""

from __future__ import annotations

import itertools
from typing import Any

from planserv.accounts.invitations import invitation_create
from planserv.core import clock
from planserv.core.types import ROLES_BY_KIND, Role
from tests.factories import accounts as account_factory
from tests.security.operations import ApiOperation, Call, PortalPage, fixed

MANAGERS = frozenset({Role.PROGRAM_ADMIN, Role.GLOBAL_ADMIN, Role.BENEFITS_ADMIN})
_numbers = itertools.count(1)


def _organisation(world: Any, tenant: str, role: str) -> Any:
    kind = world.own_key(role)
    if tenant == "own":
        return world.organisations[kind]
    return world.organisations["customer_other" if kind == "customer" else "partner_other"]


def _plain_role(organisation: Any) -> str:
    return str(ROLES_BY_KIND[organisation.kind][-1])


def _member(template: str, *, with_roles: bool = False) -> Any:
    def build(world: Any, tenant: str, role: str) -> Call:
        organisation = _organisation(world, tenant, role)
        member = account_factory.member(organisation, _plain_role(organisation))
        own = _organisation(world, "own", role)
        body = {"roles": [_plain_role(own)]} if with_roles else None
        return Call(template.format(id=member.user_id), body)

    return build


def _invitation(template: str) -> Any:
    def build(world: Any, tenant: str, role: str) -> Call:
        organisation = _organisation(world, tenant, role)
        issued = invitation_create(
            actor=account_factory.SYSTEM,
            organisation=organisation,
            email=f"matrix-invite-{next(_numbers)}@example.test",
            roles=[_plain_role(organisation)],
            at=clock.real_now(),
            today=clock.today(),
        )
        return Call(template.format(id=issued.invitation.pk))

    return build


def _new_invitation(world: Any, tenant: str, role: str) -> Call:
    organisation = _organisation(world, "own", role)
    body = {
        "email": f"matrix-new-{next(_numbers)}@example.test",
        "roles": [_plain_role(organisation)],
    }
    return Call("/api/v1/invitations", body)


PEOPLE_API_OPERATIONS = [
    ApiOperation("GET", "/api/v1/members", MANAGERS, fixed("/api/v1/members")),
    ApiOperation(
        "PATCH",
        "/api/v1/members/{member_id}",
        MANAGERS,
        _member("/api/v1/members/{id}", with_roles=True),
        tenant_scoped=True,
        operators_see_all=False,
    ),
    ApiOperation(
        "DELETE",
        "/api/v1/members/{member_id}",
        MANAGERS,
        _member("/api/v1/members/{id}"),
        tenant_scoped=True,
        operators_see_all=False,
    ),
    ApiOperation("GET", "/api/v1/invitations", MANAGERS, fixed("/api/v1/invitations")),
    ApiOperation("POST", "/api/v1/invitations", MANAGERS, _new_invitation),
    ApiOperation(
        "POST",
        "/api/v1/invitations/{invitation_id}/resend",
        MANAGERS,
        _invitation("/api/v1/invitations/{id}/resend"),
        tenant_scoped=True,
        operators_see_all=False,
    ),
    ApiOperation(
        "DELETE",
        "/api/v1/invitations/{invitation_id}",
        MANAGERS,
        _invitation("/api/v1/invitations/{id}"),
        tenant_scoped=True,
        operators_see_all=False,
    ),
]

PEOPLE_PORTAL_PAGES = [
    PortalPage("portal:people", MANAGERS, fixed("/people/")),
    PortalPage(
        "portal:people_member",
        MANAGERS,
        _member("/people/{id}/"),
        tenant_scoped=True,
        operators_see_all=False,
    ),
    PortalPage(
        "portal:people_member_remove",
        MANAGERS,
        _member("/people/{id}/remove/"),
        method="POST",
        tenant_scoped=True,
        operators_see_all=False,
    ),
    PortalPage(
        "portal:people_invitation_resend",
        MANAGERS,
        _invitation("/people/invitations/{id}/resend/"),
        method="POST",
        tenant_scoped=True,
        operators_see_all=False,
    ),
    PortalPage(
        "portal:people_invitation_revoke",
        MANAGERS,
        _invitation("/people/invitations/{id}/revoke/"),
        method="POST",
        tenant_scoped=True,
        operators_see_all=False,
    ),
]

PEOPLE_PORTAL_EXEMPT = {
    "portal:people_invite": "POST-only form; roles, refusals and acting-for are tested in "
    "tests/accounts/test_portal.py",
    "portal:invitation_accept": "public: whoever holds the single-use link (R-PPL-1); "
    "tests/accounts/test_portal.py",
    "portal:password_reset": "public sign-in help (R-PPL-2); tests/accounts/test_portal.py",
    "portal:password_reset_confirm": "public: whoever holds the single-use link (R-PPL-2); "
    "tests/accounts/test_portal.py",
    "portal:password_change": "POST-only; every signed-in person changes their own password; "
    "tests/accounts/test_portal.py",
}
