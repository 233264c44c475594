"""Rows of R-EVD-1 evidence and the operator's organisation pages (issue 18) for the REL-7 matrix
and the REL-3 replays. Builders make a fresh consultant or pending claim per call, in the world's
own partner firm ("own") or the other one ("foreign")."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from planserv.core.types import Role
from planserv.partners.services import Evidence, exam_claim
from planserv.program.models import Exam
from tests.factories import partners as factory
from tests.security.operations import (
    OPERATOR_ROLES,
    PARTNER_ROLES,
    ApiOperation,
    Call,
    PortalPage,
    fixed,
)

TODAY = dt.date(2021, 6, 15)
CLAIMANTS = frozenset({Role.GLOBAL_ADMIN, Role.PARTNER_ADMIN})
PROGRAM_ADMIN = frozenset({Role.PROGRAM_ADMIN})
_numbers = itertools.count(1)


def _firm(world: Any, tenant: str) -> Any:
    return world.organisations["partner" if tenant == "own" else "partner_other"]


def _consultant(world: Any, tenant: str) -> Any:
    return factory.consultant(_firm(world, tenant))


def pending_claim(world: Any, tenant: str) -> Any:
    """A fresh pending exam claim of a fresh consultant of the tenant's firm."""
    return exam_claim(
        consultant=_consultant(world, tenant),
        exam=Exam.objects.get(code="MD-100"),
        passed_on=dt.date(2021, 4, 12),
        evidence=Evidence(reference=f"T-{next(_numbers)}"),
        actor=factory.SYSTEM,
        today=TODAY,
        at=factory.at(TODAY),
    )


def _consultant_post(world: Any, tenant: str, role: str) -> Call:
    number = next(_numbers)
    body = {"name": f"Matrix Consultant {number}", "email": f"matrix{number}@consultant.test"}
    return Call("/api/v1/partner/consultants", body)


def _exams_path(world: Any, tenant: str, role: str) -> Call:
    return Call(f"/api/v1/partner/consultants/{_consultant(world, tenant).pk}/exams")


def _exam_post(world: Any, tenant: str, role: str) -> Call:
    body = {"exam": "MD-100", "passed_on": "2021-04-12", "reference": f"T-{next(_numbers)}"}
    return Call(f"/api/v1/partner/consultants/{_consultant(world, tenant).pk}/exams", body)


COMPETENCY_CODES = itertools.cycle(
    ["windows-and-devices", "datacenter", "messaging", "data-platform", "communications"]
)


def _competency_post(world: Any, tenant: str, role: str) -> Call:
    body = {
        "competency": next(COMPETENCY_CODES),
        "level": "silver",
        "earned_on": "2021-05-03",
        "expires_on": "2022-05-02",
        "reference": f"PN-{next(_numbers)}",
    }
    return Call("/api/v1/partner/competency-claims", body)


def _decide(action: str, body: dict[str, str]) -> Any:
    def build(world: Any, tenant: str, role: str) -> Call:
        return Call(f"/api/v1/operator/claims/{pending_claim(world, tenant).pk}/{action}", body)

    return build


EVIDENCE_API_OPERATIONS = [
    ApiOperation(
        "POST",
        "/api/v1/partner/consultants",
        CLAIMANTS,
        _consultant_post,
        ok_statuses=frozenset({201}),
    ),
    ApiOperation(
        "GET",
        "/api/v1/partner/consultants/{consultant_id}/exams",
        PARTNER_ROLES,
        _exams_path,
        tenant_scoped=True,
    ),
    ApiOperation(
        "POST",
        "/api/v1/partner/consultants/{consultant_id}/exams",
        CLAIMANTS,
        _exam_post,
        tenant_scoped=True,
        ok_statuses=frozenset({201}),
    ),
    ApiOperation(
        "GET",
        "/api/v1/partner/competency-claims",
        PARTNER_ROLES,
        fixed("/api/v1/partner/competency-claims"),
    ),
    ApiOperation(
        "POST",
        "/api/v1/partner/competency-claims",
        CLAIMANTS,
        _competency_post,
        ok_statuses=frozenset({201}),
    ),
    ApiOperation(
        "GET", "/api/v1/operator/claims", OPERATOR_ROLES, fixed("/api/v1/operator/claims")
    ),
    ApiOperation(
        "POST",
        "/api/v1/operator/claims/{claim_id}/verify",
        PROGRAM_ADMIN,
        _decide("verify", {"note": ""}),
        tenant_scoped=True,
    ),
    ApiOperation(
        "POST",
        "/api/v1/operator/claims/{claim_id}/reject",
        PROGRAM_ADMIN,
        _decide("reject", {"reason": "The transcript shows another person."}),
        tenant_scoped=True,
    ),
]


def _claim_with_file(world: Any, tenant: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from planserv.partners.services import competency_claim
    from planserv.program.models import Competency
    from planserv_dev.demo.partners import demo_certificate

    key = f"evidence_file_claim_{tenant}"
    if key not in world.objects:
        world.objects[key] = competency_claim(
            organisation=_firm(world, tenant),
            competency=Competency.objects.get(code="cloud-crm"),
            level="silver",
            earned_on=dt.date(2021, 5, 3),
            expires_on=dt.date(2022, 5, 2),
            evidence=Evidence(file=SimpleUploadedFile("c.pdf", demo_certificate("Security"))),
            actor=factory.SYSTEM,
            today=TODAY,
            at=factory.at(TODAY),
        )
    return world.objects[key]


def _file_page(template: str) -> Any:
    def build(world: Any, tenant: str, role: str) -> Call:
        return Call(template.format(id=_claim_with_file(world, tenant).pk))

    return build


def _decide_page(world: Any, tenant: str, role: str) -> Call:
    claim = pending_claim(world, tenant)
    return Call(f"/operator/claims/{claim.pk}/decide/")


def _org_page(template: str, own: str, foreign: str) -> Any:
    def build(world: Any, tenant: str, role: str) -> Call:
        organisation = world.organisations[own if tenant == "own" else foreign]
        return Call(template.format(id=organisation.public_id))

    return build


def _voucher_page(world: Any, tenant: str, role: str) -> Call:
    from tests.factories import vouchers as voucher_factory

    key = f"org_page_voucher_{tenant}"
    if key not in world.objects:
        pool = world.objects["pool:customer" if tenant == "own" else "pool:customer_other"]
        world.objects[key] = voucher_factory.assigned(pool, today=TODAY, days=1)
    return Call(f"/operator/vouchers/{world.objects[key].voucher_id}/")


EVIDENCE_PORTAL_PAGES: list[PortalPage] = [
    PortalPage("portal:operator_search", OPERATOR_ROLES, fixed("/operator/organisations/?q=Own")),
    PortalPage(
        "portal:operator_firm",
        OPERATOR_ROLES,
        _org_page("/operator/partners/{id}/", "partner", "partner_other"),
        tenant_scoped=True,
    ),
    PortalPage(
        "portal:operator_customer",
        OPERATOR_ROLES,
        _org_page("/operator/customers/{id}/", "customer", "customer_other"),
        tenant_scoped=True,
    ),
    PortalPage("portal:operator_voucher", OPERATOR_ROLES, _voucher_page, tenant_scoped=True),
    PortalPage("portal:partner_evidence", PARTNER_ROLES, fixed("/partner/evidence/")),
    PortalPage(
        "portal:partner_evidence_file",
        PARTNER_ROLES,
        _file_page("/partner/evidence/{id}/file/"),
        tenant_scoped=True,
    ),
    PortalPage("portal:operator_claims", OPERATOR_ROLES, fixed("/operator/claims/")),
    PortalPage(
        "portal:operator_claim_decide",
        PROGRAM_ADMIN,
        _decide_page,
        method="POST",
        tenant_scoped=True,
    ),
    PortalPage(
        "portal:operator_claim_file",
        OPERATOR_ROLES,
        _file_page("/operator/claims/{id}/file/"),
        tenant_scoped=True,
    ),
]
