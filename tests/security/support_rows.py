"""REL-7 / REL-3 rows of the support capability (docs/support.md), added to the registry in
tests/security/operations.py. Builders make a fresh support request per call."""

from __future__ import annotations

from typing import Any

from planserv.core.types import Role
from planserv.support.models import SupportQueue, SupportRequest
from planserv.support.services import support_agent_assign
from tests.factories import accounts as account_factory
from tests.factories import support as support_factory
from tests.security.operations import (
    ANY_ROLE,
    CUSTOMER_ROLES,
    PARTNER_ROLES,
    ApiOperation,
    Call,
    PortalPage,
    fixed,
)

REQUESTER_ROLES = PARTNER_ROLES | CUSTOMER_ROLES
READER_ROLES = frozenset({Role.SUPPORT, Role.PROGRAM_ADMIN, Role.AUDITOR})


def _request(world: Any, tenant: str, role: str, *, attachment: bool = False) -> SupportRequest:
    """A fresh request of the caller's organisation (own) or of another one of its kind
    (foreign); operators get a partner's request. The world's support member works every queue."""
    kind = world.own_key(role)
    if kind == "operator":
        kind = "partner"
    key = kind if tenant == "own" else f"{kind}_other"
    requester = world.members[(key, "partner_admin" if kind == "partner" else "benefits_admin")]
    _make_support_an_agent(world)
    files = [support_factory.upload("plan.pdf", support_factory.pdf_bytes())] if attachment else []
    return support_factory.open_request(requester, attachments=files)


def _make_support_an_agent(world: Any) -> None:
    support = world.members[("operator", Role.SUPPORT)]
    for queue in SupportQueue.objects.order_by("pk"):
        support_agent_assign(
            membership=support,
            queue=queue,
            actor=account_factory.SYSTEM,
            today=support_factory.TODAY,
            at=support_factory.AT,
        )


def _path(template: str, *, attachment: bool = False) -> Any:
    def build(world: Any, tenant: str, role: str) -> Call:
        item = _request(world, tenant, role, attachment=attachment)
        file_id = item.attachments.values_list("pk", flat=True).first() if attachment else 0
        return Call(template.format(id=item.pk, file=file_id))

    return build


def _with_body(template: str, body: dict[str, Any]) -> Any:
    def build(world: Any, tenant: str, role: str) -> Call:
        return Call(template.format(id=_request(world, tenant, role).pk), body)

    return build


SUPPORT_API_OPERATIONS = [
    ApiOperation(
        "GET", "/api/v1/support/requests", REQUESTER_ROLES | READER_ROLES,
        fixed("/api/v1/support/requests"),
    ),
    ApiOperation(
        "POST", "/api/v1/support/requests", REQUESTER_ROLES,
        fixed(
            "/api/v1/support/requests",
            {"subject": "Last redemption day", "category": "retirement", "message": "When?"},
        ),
    ),
    ApiOperation(
        "GET", "/api/v1/support/requests/{request_id}", REQUESTER_ROLES | READER_ROLES,
        _path("/api/v1/support/requests/{id}"), tenant_scoped=True,
    ),
    ApiOperation(
        "POST", "/api/v1/support/requests/{request_id}/messages",
        REQUESTER_ROLES | {Role.SUPPORT},
        _with_body("/api/v1/support/requests/{id}/messages", {"body": "More details"}),
        tenant_scoped=True,
    ),
    ApiOperation(
        "POST", "/api/v1/support/requests/{request_id}/status", frozenset({Role.SUPPORT}),
        _with_body("/api/v1/support/requests/{id}/status", {"status": "resolved"}),
        tenant_scoped=True,
    ),
    ApiOperation("GET", "/api/v1/faq", ANY_ROLE, fixed("/api/v1/faq")),
]  # fmt: skip

SUPPORT_PORTAL_PAGES = [
    PortalPage("portal:program_info", ANY_ROLE, fixed("/program/")),
    PortalPage("portal:faq", ANY_ROLE, fixed("/faq/")),
    PortalPage("portal:operator_support_queue", READER_ROLES, fixed("/operator/support/")),
    PortalPage("portal:operator_support_detail", READER_ROLES, _path("/operator/support/{id}/")),
    PortalPage(
        "portal:operator_support_attachment",
        frozenset({Role.SUPPORT}),
        _path("/operator/support/{id}/attachments/{file}/", attachment=True),
    ),
]
for side, roles in (("partner", PARTNER_ROLES), ("customer", CUSTOMER_ROLES)):
    SUPPORT_PORTAL_PAGES += [
        PortalPage(f"portal:{side}_support_list", roles, fixed(f"/{side}/support/")),
        PortalPage(f"portal:{side}_support_new", roles, fixed(f"/{side}/support/new/")),
        PortalPage(
            f"portal:{side}_support_detail",
            roles,
            _path(f"/{side}/support/{{id}}/"),
            tenant_scoped=True,
        ),
        PortalPage(
            f"portal:{side}_support_attachment",
            roles,
            _path(f"/{side}/support/{{id}}/attachments/{{file}}/", attachment=True),
            tenant_scoped=True,
        ),
    ]

_POST_ONLY = (
    "POST-only; foreign requests (404) and roles are tested in tests/support/test_portal.py"
)
SUPPORT_PORTAL_EXEMPT = {
    "portal:partner_support_reply": _POST_ONLY,
    "portal:customer_support_reply": _POST_ONLY,
    "portal:operator_support_reply": _POST_ONLY,
    "portal:operator_support_status": _POST_ONLY,
}
