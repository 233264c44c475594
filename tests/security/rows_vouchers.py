"""REL-7 / REL-3 rows of the vouchers capability: every API operation and portal page, with
builders that make a fresh voucher per call in the right state for the caller's tenant.

Tenants: a customer role's "own" voucher belongs to "customer", a "foreign" one to
"customer_other"; a partner role's "own" voucher is reserved by "partner", a "foreign" one by
"partner_other"; operators read every voucher. The world is pinned to 2021-06-15.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from tests.conftest import Multipart
from tests.factories import vouchers as factory
from tests.security.operations import (
    ANY_ROLE,
    CUSTOMER_ROLES,
    PARTNER_ROLES,
    ApiOperation,
    Call,
    PortalPage,
    fixed,
)

TODAY = dt.date(2021, 6, 15)
BENEFITS_ADMIN = frozenset({"benefits_admin"})
# R-ROLE-3: a global admin may do what a partner admin may.
PARTNER_ADMIN = frozenset({"partner_admin", "global_admin"})
_divisions = itertools.count(1)


def _side(world: Any, role: str) -> str:
    return str(world.own_key(role))


def _pool(world: Any, tenant: str, role: str) -> factory.Pool:
    foreign = _side(world, role) == "customer" and tenant == "foreign"
    return world.objects["pool:customer_other" if foreign else "pool:customer"]


def _firm(world: Any, tenant: str, role: str) -> factory.Firm:
    foreign = _side(world, role) == "partner" and tenant == "foreign"
    return world.objects["firm:partner_other" if foreign else "firm:partner"]


def _voucher(world: Any, tenant: str, role: str, *, state: str = "assigned") -> Any:
    """A fresh voucher of the caller's own or a foreign tenant, in `state`."""
    pool = _pool(world, tenant, role)
    voucher = factory.assigned(pool, today=TODAY, days=1, division=f"Matrix {next(_divisions)}")
    if state == "assigned":
        return voucher
    firm = _firm(world, tenant, role)
    factory.reserved(voucher, firm, today=TODAY)
    if state == "delivered":
        factory.delivered(voucher, firm, today=TODAY, start=TODAY)
    return factory.fresh(voucher)


def _own_firm(world: Any) -> factory.Firm:
    firm: factory.Firm = world.objects["firm:partner"]
    return firm


def _readable(world: Any, tenant: str, role: str) -> Any:
    """What the role reads: a partner's voucher is one it holds."""
    state = "reserved" if _side(world, role) == "partner" else "assigned"
    return _voucher(world, tenant, role, state=state)


def _api(path: str) -> str:
    return f"/api/v1{path}"


def create(world: Any, tenant: str, role: str) -> Call:
    pool = _pool(world, tenant, role)
    return Call(
        _api("/vouchers"),
        {
            "licensing_id": pool.agreement.licensing_id,
            "engagement_type": factory.TYPE,
            "days": 1,
            "assignee_email": pool.manager_email,
            "division": f"Matrix {next(_divisions)}",
        },
    )


def read(world: Any, tenant: str, role: str) -> Call:
    return Call(_api(f"/vouchers/{_readable(world, tenant, role).display_id}"))


def cancel(world: Any, tenant: str, role: str) -> Call:
    return Call(_api(f"/vouchers/{_voucher(world, tenant, role).voucher_id}/cancel"))


def validate(world: Any, tenant: str, role: str) -> Call:
    voucher = _voucher(world, "own", role)
    return Call(
        _api("/vouchers/validate"),
        {"voucher_id": voucher.voucher_id, "email": voucher.assignee_email},
    )


def reserve(world: Any, tenant: str, role: str) -> Call:
    voucher = _voucher(world, "own", role)
    firm = _own_firm(world)
    return Call(
        _api(f"/vouchers/{voucher.voucher_id}/reservation"),
        {
            "email": voucher.assignee_email,
            "location_id": firm.location.location_id,
            "start_date": TODAY.isoformat(),
            "accept_terms": True,
            "delivery_country": str(firm.location.country),
        },
    )


def change_date(world: Any, tenant: str, role: str) -> Call:
    voucher = _voucher(world, tenant, role, state="reserved")
    return Call(
        _api(f"/vouchers/{voucher.voucher_id}/reservation"),
        {"start_date": (TODAY + dt.timedelta(days=5)).isoformat()},
    )


def release(world: Any, tenant: str, role: str) -> Call:
    voucher = _voucher(world, tenant, role, state="reserved")
    return Call(_api(f"/vouchers/{voucher.voucher_id}/reservation"))


def report(world: Any, tenant: str, role: str) -> Call:
    voucher = _voucher(world, tenant, role, state="reserved")
    firm = _own_firm(world)
    return Call(
        _api(f"/vouchers/{voucher.voucher_id}/completion-report"),
        Multipart(
            delivery_country=str(firm.location.country),
            start_date=TODAY.isoformat(),
            end_date=TODAY.isoformat(),
            consultant_ids=[firm.consultant.pk],
            onsite_days=1,
            offsite_days=0,
            summary="Planned the deployment.",
            next_steps="Pilot, then roll out.",
            no_extra_fee="true",
            files=[("plan.pdf", factory.pdf_bytes())],
        ),
    )


def redeem(world: Any, tenant: str, role: str) -> Call:
    voucher = _voucher(world, tenant, role, state="delivered")
    return Call(
        _api(f"/vouchers/{voucher.voucher_id}/redeem"),
        {"location_id": _own_firm(world).location.location_id},
    )


def redeem_batch(world: Any, tenant: str, role: str) -> Call:
    voucher = _voucher(world, "own", role, state="delivered")
    return Call(
        _api("/redemptions"),
        {
            "voucher_ids": [voucher.display_id],
            "location_id": _own_firm(world).location.location_id,
            "confirm": True,
        },
    )


VOUCHER_API_OPERATIONS: list[ApiOperation] = [
    ApiOperation("POST", "/api/v1/vouchers", BENEFITS_ADMIN, create),
    ApiOperation("GET", "/api/v1/vouchers", ANY_ROLE, fixed("/api/v1/vouchers")),
    ApiOperation("POST", "/api/v1/vouchers/validate", PARTNER_ADMIN, validate),
    ApiOperation("GET", "/api/v1/vouchers/{voucher_id}", ANY_ROLE, read, tenant_scoped=True),
    ApiOperation(
        "POST", "/api/v1/vouchers/{voucher_id}/cancel", BENEFITS_ADMIN, cancel, tenant_scoped=True
    ),
    ApiOperation(
        "POST",
        "/api/v1/vouchers/{voucher_id}/reservation",
        PARTNER_ADMIN,
        reserve,
        ok_statuses=frozenset({201}),
    ),
    ApiOperation(
        "PATCH",
        "/api/v1/vouchers/{voucher_id}/reservation",
        PARTNER_ADMIN,
        change_date,
        tenant_scoped=True,
    ),
    ApiOperation(
        "DELETE",
        "/api/v1/vouchers/{voucher_id}/reservation",
        PARTNER_ADMIN,
        release,
        tenant_scoped=True,
    ),
    ApiOperation(
        "POST",
        "/api/v1/vouchers/{voucher_id}/completion-report",
        PARTNER_ADMIN,
        report,
        tenant_scoped=True,
        ok_statuses=frozenset({201}),
    ),
    ApiOperation(
        "POST", "/api/v1/vouchers/{voucher_id}/redeem", PARTNER_ADMIN, redeem, tenant_scoped=True
    ),
    ApiOperation("POST", "/api/v1/redemptions", PARTNER_ADMIN, redeem_batch),
    ApiOperation(
        "GET",
        "/api/v1/vouchers/{voucher_id}/deliverables/{deliverable_id}",
        ANY_ROLE,
        lambda world, tenant, role: _page(
            "/api/v1/vouchers/{voucher_id}/deliverables/{deliverable_id}"
        )(world, tenant, role),
        tenant_scoped=True,
        notes="the delivering partner firm, the customer and operators (issue 20)",
    ),
]


def _page(path: str) -> Any:
    return lambda world, tenant, role: Call(path.format(**_ids(world, tenant, role, path)))


def _ids(world: Any, tenant: str, role: str, path: str) -> dict[str, Any]:
    if "{voucher_id}" not in path:
        return {}
    state = "reserved" if path.startswith("/partner/") else "assigned"
    if path.endswith("/receipt.pdf"):
        state = "delivered"  # a completion report is filed
    if "{deliverable_id}" in path:
        voucher = _voucher(world, tenant, role, state="delivered")
        deliverable = voucher.reports.get(voucher_id=voucher.pk).deliverables.get()
        return {"voucher_id": voucher.voucher_id, "deliverable_id": deliverable.pk}
    return {"voucher_id": _voucher(world, tenant, role, state=state).voucher_id}


VOUCHER_PORTAL_PAGES: list[PortalPage] = [
    PortalPage("portal:customer_vouchers", CUSTOMER_ROLES, fixed("/customer/vouchers/")),
    PortalPage("portal:customer_voucher_create", BENEFITS_ADMIN, fixed("/customer/vouchers/new/")),
    PortalPage(
        "portal:customer_voucher_detail",
        CUSTOMER_ROLES,
        _page("/customer/vouchers/{voucher_id}/"),
        tenant_scoped=True,
    ),
    PortalPage(
        "portal:customer_voucher_cancel",
        BENEFITS_ADMIN,
        _page("/customer/vouchers/{voucher_id}/cancel/"),
        method="POST",
        tenant_scoped=True,
    ),
    PortalPage("portal:partner_vouchers", PARTNER_ROLES, fixed("/partner/vouchers/")),
    PortalPage(
        "portal:partner_voucher_reserve", PARTNER_ADMIN, fixed("/partner/vouchers/reserve/")
    ),
    PortalPage(
        "portal:partner_voucher_redeem_batch", PARTNER_ADMIN, fixed("/partner/vouchers/redeem/")
    ),
    PortalPage(
        "portal:partner_voucher_detail",
        PARTNER_ROLES,
        _page("/partner/vouchers/{voucher_id}/"),
        tenant_scoped=True,
    ),
    PortalPage(
        "portal:customer_voucher_pdf",
        CUSTOMER_ROLES,
        _page("/customer/vouchers/{voucher_id}/voucher.pdf"),
        tenant_scoped=True,
    ),
    PortalPage(
        "portal:partner_voucher_pdf",
        PARTNER_ROLES,
        _page("/partner/vouchers/{voucher_id}/voucher.pdf"),
        tenant_scoped=True,
    ),
    PortalPage(
        "portal:partner_voucher_receipt_pdf",
        PARTNER_ROLES,
        _page("/partner/vouchers/{voucher_id}/receipt.pdf"),
        tenant_scoped=True,
    ),
    PortalPage(
        "portal:partner_voucher_change_date",
        PARTNER_ADMIN,
        _page("/partner/vouchers/{voucher_id}/start-date/"),
        method="POST",
        tenant_scoped=True,
    ),
    PortalPage(
        "portal:partner_voucher_release",
        PARTNER_ADMIN,
        _page("/partner/vouchers/{voucher_id}/release/"),
        method="POST",
        tenant_scoped=True,
    ),
    PortalPage(
        "portal:partner_voucher_report",
        PARTNER_ADMIN,
        _page("/partner/vouchers/{voucher_id}/report/"),
        tenant_scoped=True,
    ),
    PortalPage(
        "portal:partner_voucher_redeem",
        PARTNER_ADMIN,
        _page("/partner/vouchers/{voucher_id}/redeem/"),
        method="POST",
        tenant_scoped=True,
    ),
    PortalPage(
        "portal:voucher_deliverable",
        ANY_ROLE,
        _page("/vouchers/{voucher_id}/deliverables/{deliverable_id}/"),
        tenant_scoped=True,
    ),
]


def build_voucher_world(world: Any) -> None:
    """Activated agreements with days for both customers; eligible firms (enrolled in DDPS,
    Windows and Devices, a location and a qualified consultant) for both partners."""
    for key in ("customer", "customer_other"):
        world.objects[f"pool:{key}"] = factory.customer_pool(
            customer=world.organisations[key], days=500
        )
    for key in ("partner", "partner_other"):
        organisation = world.organisations[key]
        world.objects[f"firm:{key}"] = factory.eligible_firm(
            organisation=organisation, country=str(organisation.country)
        )
