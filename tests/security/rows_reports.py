"""REL-7 rows of the reports capability: every report API operation and portal page. Operators
read every report; customers and partner firms their own slice (a foreign organisation is not
found); the program dashboard and the operator's report pages are for operator roles only."""

from __future__ import annotations

from typing import Any

from tests.security.operations import (
    ANY_ROLE,
    CUSTOMER_ROLES,
    OPERATOR_ROLES,
    PARTNER_ROLES,
    ApiOperation,
    Call,
    PortalPage,
    fixed,
)


def _organisation(world: Any, tenant: str, role: str) -> str:
    """The public id a report is asked about: the caller's own organisation, or another of its
    kind; operators ask about a customer ("own") or a partner firm ("foreign")."""
    side = world.own_key(role)
    if side == "operator":
        key = "customer" if tenant == "own" else "partner_other"
    else:
        key = side if tenant == "own" else f"{side}_other"
    return str(world.organisations[key].public_id)


def drill(world: Any, tenant: str, role: str) -> Call:
    org = _organisation(world, tenant, role)
    return Call(f"/api/v1/reports/retirement-impact/removal/organisations/{org}")


def _slice(kind: str) -> Any:
    def build(world: Any, tenant: str, role: str) -> Call:
        other = f"{kind}_other" if tenant == "foreign" else kind
        org = world.organisations[other].public_id
        return Call(f"/api/v1/reports/{kind}?organisation={org}")

    return build


REPORT_API_OPERATIONS: list[ApiOperation] = [
    ApiOperation(
        "GET", "/api/v1/reports/dashboard", OPERATOR_ROLES, fixed("/api/v1/reports/dashboard")
    ),
    ApiOperation(
        "GET", "/api/v1/reports/funnel", ANY_ROLE, fixed("/api/v1/reports/funnel?group_by=expiry")
    ),
    ApiOperation(
        "GET",
        "/api/v1/reports/retirement-impact",
        ANY_ROLE,
        fixed("/api/v1/reports/retirement-impact?milestone=removal"),
    ),
    ApiOperation(
        "GET",
        "/api/v1/reports/retirement-impact/{milestone}/organisations/{organisation}",
        ANY_ROLE,
        drill,
        tenant_scoped=True,
    ),
    ApiOperation(
        "GET",
        "/api/v1/reports/customer",
        CUSTOMER_ROLES | OPERATOR_ROLES,
        _slice("customer"),
        tenant_scoped=True,
    ),
    ApiOperation(
        "GET",
        "/api/v1/reports/partner",
        PARTNER_ROLES | OPERATOR_ROLES,
        _slice("partner"),
        tenant_scoped=True,
    ),
]


def _operator_drill(world: Any, tenant: str, role: str) -> Call:
    org = world.organisations["customer"].public_id
    return Call(f"/operator/reports/retirement-impact/removal/{org}/")


REPORT_PORTAL_PAGES: list[PortalPage] = [
    PortalPage("portal:operator_reports", OPERATOR_ROLES, fixed("/operator/reports/")),
    PortalPage(
        "portal:operator_report_dashboard", OPERATOR_ROLES, fixed("/operator/reports/dashboard/")
    ),
    PortalPage(
        "portal:operator_report_funnel",
        OPERATOR_ROLES,
        fixed("/operator/reports/funnel/?group_by=country"),
    ),
    PortalPage(
        "portal:operator_report_retirement",
        OPERATOR_ROLES,
        fixed("/operator/reports/retirement-impact/?milestone=last_redemption_day"),
    ),
    PortalPage("portal:operator_report_retirement_org", OPERATOR_ROLES, _operator_drill),
    PortalPage("portal:customer_reports", CUSTOMER_ROLES, fixed("/customer/reports/")),
    PortalPage("portal:partner_reports", PARTNER_ROLES, fixed("/partner/reports/")),
]
