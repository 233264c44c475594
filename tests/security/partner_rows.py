"""Rows of the partners capability for the REL-7 matrix and the REL-3 replays.

Builders prepare the world's own partner firm ("partner") through the services so that an allowed
caller's request succeeds, and make a fresh object per call where a write cannot be repeated
(an enrollment in another offering, a renewal of another enrollment, a logo to delete).
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from planserv.core.types import Role
from planserv.partners.models import BusinessProfile, Enrollment
from planserv.partners.services import (
    ProfileInput,
    profile_logo_upload,
    profile_publish,
    profile_unpublish,
    profile_update,
)
from planserv_dev.demo.partners import demo_logo
from tests.factories import partners as factory
from tests.security.operations import (
    ANY_ROLE,
    OPERATOR_ROLES,
    PARTNER_ROLES,
    ApiOperation,
    Call,
    PortalPage,
    fixed,
)

TODAY = dt.date(2021, 6, 15)
NON_CLOUD = ["DDPS", "DYDPS", "PVDPS", "SDPS", "S-EDPS", "SSDPS"]
COMPETENCIES = [
    "windows-and-devices",
    "cloud-business-applications",
    "datacenter",
    "collaboration-and-content",
    "messaging",
    "data-platform",
]
PROFILE = {
    "description": "Planning services.",
    "website": "https://partner.example",
    "countries_served": ["DE"],
    "offerings_delivered": [],
    "expertise_tags": ["Windows"],
    "contact_name": "Pat",
    "contact_email": "pat@partner.example",
    "contact_phone": "+49 1",
}
AGREEMENT = factory.AGREEMENT
ONLY = frozenset


def _firm(world: Any) -> Any:
    return world.organisations["partner"]


def _ready(world: Any) -> Any:
    """The own firm holds a gold competency for every non-cloud offering (once per world)."""
    firm = _firm(world)
    if not world.objects.get("partners_ready"):
        for code in COMPETENCIES:
            factory.competency(
                firm,
                code,
                level="gold",
                earned_on=dt.date(2019, 7, 1),
                expires_on=dt.date(2023, 6, 30),
            )
        world.objects["partners_ready"] = True
    return firm


def _unused_offering(firm: Any) -> str:
    used = set(
        Enrollment.objects.filter(organisation=firm).values_list("offering__code", flat=True)
    )
    return next(code for code in NON_CLOUD if code not in used)


def _enroll_call(world: Any, tenant: str, role: str) -> Call:
    firm = _ready(world)
    body = {"offering": _unused_offering(firm), "agreement_version": AGREEMENT, "accept": True}
    return Call("/api/v1/partner/enrollments", body)


def _renewal_call(world: Any, tenant: str, role: str) -> Call:
    firm = _ready(world)
    due = (
        Enrollment.objects.filter(
            organisation=firm, last_day__gte=TODAY, last_day__lte=TODAY + dt.timedelta(days=30)
        )
        .select_related("offering")
        .order_by("pk")
        .first()
    )
    if due is None:  # a fresh enrollment whose last day is 2021-06-19: renewal is open
        due = factory.enroll(firm, _unused_offering(firm), on=dt.date(2020, 6, 20))
    body = {"agreement_version": AGREEMENT, "accept": True}
    return Call(f"/api/v1/partner/enrollments/{due.offering.code}/renewal", body)


def _profile(world: Any) -> BusinessProfile:
    firm = _firm(world)
    profile = BusinessProfile.objects.filter(organisation=firm).order_by("pk").first()
    if profile is None or not profile.contact_email:
        profile = profile_update(
            organisation=firm,
            data=ProfileInput(**PROFILE),
            actor=factory.SYSTEM,
            today=TODAY,
            at=factory.at(TODAY),
        )
    return profile


def _publish_call(world: Any, tenant: str, role: str) -> Call:
    if _profile(world).is_published:
        profile_unpublish(
            organisation=_firm(world), actor=factory.SYSTEM, today=TODAY, at=factory.at(TODAY)
        )
    return Call("/api/v1/partner/profile/publish")


def _unpublish_call(world: Any, tenant: str, role: str) -> Call:
    if not _profile(world).is_published:
        profile_publish(
            organisation=_firm(world), actor=factory.SYSTEM, today=TODAY, at=factory.at(TODAY)
        )
    return Call("/api/v1/partner/profile/unpublish")


def _logo_body() -> dict[str, str]:
    return {
        "filename": "logo.png",
        "content_base64": base64.b64encode(demo_logo((9, 9, 9), 8)).decode(),
    }


def _logo_delete_call(world: Any, tenant: str, role: str) -> Call:
    if not _profile(world).has_logo:
        profile_logo_upload(
            organisation=_firm(world),
            content=demo_logo((9, 9, 9), 8),
            filename="logo.png",
            actor=factory.SYSTEM,
            today=TODAY,
            at=factory.at(TODAY),
        )
    return Call("/api/v1/partner/profile/logo")


PARTNER_API_OPERATIONS = [
    ApiOperation(
        "GET", "/api/v1/partner/eligibility", PARTNER_ROLES, fixed("/api/v1/partner/eligibility")
    ),
    ApiOperation(
        "GET", "/api/v1/partner/enrollments", PARTNER_ROLES, fixed("/api/v1/partner/enrollments")
    ),
    ApiOperation("POST", "/api/v1/partner/enrollments", ONLY({Role.GLOBAL_ADMIN}), _enroll_call),
    ApiOperation(
        "POST",
        "/api/v1/partner/enrollments/{offering}/renewal",
        ONLY({Role.GLOBAL_ADMIN}),
        _renewal_call,
    ),
    ApiOperation(
        "GET", "/api/v1/partner/locations", PARTNER_ROLES, fixed("/api/v1/partner/locations")
    ),
    ApiOperation(
        "GET", "/api/v1/partner/consultants", PARTNER_ROLES, fixed("/api/v1/partner/consultants")
    ),
    ApiOperation(
        "GET", "/api/v1/partner/competencies", PARTNER_ROLES, fixed("/api/v1/partner/competencies")
    ),
    ApiOperation("GET", "/api/v1/partner/profile", PARTNER_ROLES, fixed("/api/v1/partner/profile")),
    ApiOperation(
        "PUT",
        "/api/v1/partner/profile",
        ONLY({Role.PROFILE_ADMIN, Role.GLOBAL_ADMIN}),
        fixed("/api/v1/partner/profile", PROFILE),
    ),
    ApiOperation(
        "PUT",
        "/api/v1/partner/profile/logo",
        ONLY({Role.PROFILE_ADMIN, Role.GLOBAL_ADMIN}),
        lambda world, tenant, role: Call("/api/v1/partner/profile/logo", _logo_body()),
    ),
    ApiOperation(
        "DELETE",
        "/api/v1/partner/profile/logo",
        ONLY({Role.PROFILE_ADMIN, Role.GLOBAL_ADMIN}),
        _logo_delete_call,
    ),
    ApiOperation(
        "POST",
        "/api/v1/partner/profile/publish",
        ONLY({Role.PROFILE_ADMIN, Role.GLOBAL_ADMIN}),
        _publish_call,
    ),
    ApiOperation(
        "POST",
        "/api/v1/partner/profile/unpublish",
        ONLY({Role.PROFILE_ADMIN, Role.GLOBAL_ADMIN}),
        _unpublish_call,
    ),
    ApiOperation(
        "GET", "/api/v1/directory", ANY_ROLE, fixed("/api/v1/directory?country=DE&offering=DDPS")
    ),
]

PARTNER_PORTAL_PAGES = [
    PortalPage("portal:partner_eligibility", PARTNER_ROLES, fixed("/partner/eligibility/")),
    PortalPage("portal:partner_enrollments", PARTNER_ROLES, fixed("/partner/enrollments/")),
    PortalPage(
        "portal:partner_enroll",
        ONLY({Role.GLOBAL_ADMIN}),
        fixed("/partner/enrollments/DDPS/enroll/"),
    ),
    PortalPage(
        "portal:partner_enrollment_renew",
        ONLY({Role.GLOBAL_ADMIN}),
        fixed("/partner/enrollments/DDPS/renew/"),
    ),
    PortalPage("portal:partner_profile", PARTNER_ROLES, fixed("/partner/profile/")),
    PortalPage(
        "portal:partner_profile_edit",
        ONLY({Role.PROFILE_ADMIN, Role.GLOBAL_ADMIN}),
        fixed("/partner/profile/edit/"),
    ),
    PortalPage(
        "portal:partner_profile_publish",
        ONLY({Role.PROFILE_ADMIN, Role.GLOBAL_ADMIN}),
        fixed("/partner/profile/publish/"),
        method="POST",
    ),
    PortalPage(
        "portal:partner_profile_unpublish",
        ONLY({Role.PROFILE_ADMIN, Role.GLOBAL_ADMIN}),
        fixed("/partner/profile/unpublish/"),
        method="POST",
    ),
    PortalPage(
        "portal:partner_profile_logo",
        ONLY({Role.PROFILE_ADMIN, Role.GLOBAL_ADMIN}),
        fixed("/partner/profile/logo/"),
        method="POST",
    ),
    PortalPage(
        "portal:partner_profile_logo_remove",
        ONLY({Role.PROFILE_ADMIN, Role.GLOBAL_ADMIN}),
        fixed("/partner/profile/logo/remove/"),
        method="POST",
    ),
    PortalPage("portal:partner_locations", PARTNER_ROLES, fixed("/partner/locations/")),
    PortalPage("portal:partner_consultants", PARTNER_ROLES, fixed("/partner/consultants/")),
    PortalPage("portal:customer_directory", ANY_ROLE, fixed("/customer/directory/?country=DE")),
    PortalPage("portal:operator_partners", OPERATOR_ROLES, fixed("/operator/partners/")),
    PortalPage(
        "portal:operator_partner_import",
        ONLY({Role.PROGRAM_ADMIN}),
        fixed("/operator/partners/import/"),
    ),
]

PARTNER_PORTAL_EXEMPT = {
    "portal:partner_logo": "a file, public once the profile is published, otherwise for the firm "
    "and operators only: tests/partners/test_profile.py::TestLogoServing",
}
