"""REL-7 / REL-3 rows of the operator console (docs/operator.md): bulk voucher operations with a
dry run, the audit browser and its CSV, the operations index, imports and acting-for pages.

Bulk writes act on a fresh voucher of the world's own customer per call (rows_vouchers builds
it), so every replay has one effect to count."""

from __future__ import annotations

from typing import Any

from planserv.accounts.models import Membership
from tests.factories import accounts as account_factory
from tests.security.operations import (
    ANY_ROLE,
    OPERATOR_ROLES,
    PROGRAM_ADMIN,
    ApiOperation,
    Call,
    PortalPage,
    fixed,
)
from tests.security.rows_vouchers import _voucher

REASON = "Authorization matrix: a reason long enough to be recorded."
SUPPORT = frozenset({"support"})


def _fresh_voucher_id(world: Any) -> str:
    return str(_voucher(world, "own", "benefits_admin").display_id)


def _extend(world: Any, tenant: str, role: str) -> Call:
    return Call(
        "/api/v1/operator/vouchers/expiry-extensions",
        {
            "voucher_ids": [_fresh_voucher_id(world)],
            "extra_days": 7,
            "reason": REASON,
            "dry_run": False,
        },
    )


def _second_manager(world: Any) -> str:
    if "opsconsole:manager" not in world.objects:
        pool = world.objects["pool:customer"]
        member: Membership = account_factory.member(pool.customer, "project_manager")
        world.objects["opsconsole:manager"] = member.user.email
    return str(world.objects["opsconsole:manager"])


def _reassign(world: Any, tenant: str, role: str) -> Call:
    return Call(
        "/api/v1/operator/vouchers/reassignments",
        {
            "voucher_ids": [_fresh_voucher_id(world)],
            "assignee_email": _second_manager(world),
            "reason": REASON,
            "dry_run": False,
        },
    )


OPSCONSOLE_API_OPERATIONS: list[ApiOperation] = [
    ApiOperation("POST", "/api/v1/operator/vouchers/expiry-extensions", PROGRAM_ADMIN, _extend),
    ApiOperation("POST", "/api/v1/operator/vouchers/reassignments", PROGRAM_ADMIN, _reassign),
    ApiOperation(
        "GET",
        "/api/v1/operator/audit-events",
        OPERATOR_ROLES,
        fixed("/api/v1/operator/audit-events"),
    ),
    ApiOperation(
        "GET",
        "/api/v1/operator/audit-events.csv",
        OPERATOR_ROLES,
        fixed("/api/v1/operator/audit-events.csv?action=vouchers."),
    ),
]

OPSCONSOLE_PORTAL_PAGES: list[PortalPage] = [
    PortalPage("portal:operator_operations", OPERATOR_ROLES, fixed("/operator/operations/")),
    PortalPage("portal:operator_imports", OPERATOR_ROLES, fixed("/operator/imports/")),
    PortalPage("portal:operator_bulk_extend", PROGRAM_ADMIN, fixed("/operator/bulk/extend/")),
    PortalPage("portal:operator_bulk_reassign", PROGRAM_ADMIN, fixed("/operator/bulk/reassign/")),
    PortalPage("portal:operator_audit", OPERATOR_ROLES, fixed("/operator/audit/")),
    PortalPage("portal:operator_audit_export", OPERATOR_ROLES, fixed("/operator/audit/export.csv")),
    PortalPage("portal:operator_act_for", SUPPORT, fixed("/operator/act-for/")),
    # Stopping is POST-only and harmless without a session: anyone logged in gets a redirect.
    PortalPage("portal:act_for_stop", ANY_ROLE, fixed("/acting/stop/"), method="POST"),
]
