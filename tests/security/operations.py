"""The registry of every API operation and portal page, for the REL-7 matrix and REL-3 replays.

Each row says who may call it and how to build a call for one's own tenant and a foreign one.
A new API operation or portal URL without a row here makes the matrix test fail: add the row
in the same change that adds the endpoint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from planserv.core.types import Role
from planserv.notifications.models import OutboxMessage, OutboxStatus
from planserv.notifications.services import outbox_enqueue

ANY_ROLE = frozenset(Role.values)
PROGRAM_ADMIN = frozenset({Role.PROGRAM_ADMIN})
MAIL_RETRY = frozenset({Role.PROGRAM_ADMIN, Role.SUPPORT})
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


def failed_email(world: Any) -> int:
    """A fresh failed outbox message (the operator's Mail page and outbox API)."""
    number = world.objects["emails"] = world.objects.get("emails", 0) + 1
    with transaction.atomic():
        message = outbox_enqueue(
            template="support_reply",
            to_email=f"matrix{number}@example.test",
            context={"request_id": f"SR-{number}", "request_subject": "s", "reply_excerpt": "r"},
            dedup_key=f"matrix:{id(world)}:{number}",
            at=dt.datetime(2021, 6, 15, 9, 0, tzinfo=dt.UTC),
        )
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.FAILED, last_error="550")
    return message.pk


def _email_path(template: str) -> Builder:
    return lambda world, tenant, role: Call(template.format(id=failed_email(world)))


# The operator's machinery (notifications capability): job runs and the outbox.
API_OPERATIONS += [
    ApiOperation(
        "GET", "/api/v1/operator/job-runs", OPERATOR_ROLES, fixed("/api/v1/operator/job-runs")
    ),
    ApiOperation(
        "POST", "/api/v1/operator/job-runs", PROGRAM_ADMIN, fixed("/api/v1/operator/job-runs")
    ),
    ApiOperation(
        "GET", "/api/v1/operator/outbox", OPERATOR_ROLES, fixed("/api/v1/operator/outbox")
    ),
    ApiOperation(
        "GET",
        "/api/v1/operator/outbox/{message_id}",
        OPERATOR_ROLES,
        _email_path("/api/v1/operator/outbox/{id}"),
    ),
    ApiOperation(
        "POST",
        "/api/v1/operator/outbox/{message_id}/retry",
        MAIL_RETRY,
        _email_path("/api/v1/operator/outbox/{id}/retry"),
    ),
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
    # The operator's machinery (notifications capability).
    PortalPage("portal:operator_job_runs", OPERATOR_ROLES, fixed("/operator/jobs/")),
    PortalPage(
        "portal:operator_job_runs_run", PROGRAM_ADMIN, fixed("/operator/jobs/run/"), method="POST"
    ),
    PortalPage("portal:operator_clock", OPERATOR_ROLES, fixed("/operator/clock/")),
    PortalPage(
        "portal:operator_clock_move",
        PROGRAM_ADMIN,
        fixed("/operator/clock/move/"),
        method="POST",
    ),
    PortalPage("portal:operator_mail", OPERATOR_ROLES, fixed("/operator/mail/")),
    PortalPage("portal:operator_mail_message", OPERATOR_ROLES, _email_path("/operator/mail/{id}/")),
    PortalPage(
        "portal:operator_mail_html", OPERATOR_ROLES, _email_path("/operator/mail/{id}/body.html")
    ),
    PortalPage(
        "portal:operator_mail_retry",
        MAIL_RETRY,
        _email_path("/operator/mail/{id}/retry/"),
        method="POST",
    ),
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


# Rows of each capability live beside their builders and join the registry here (imported last:
# they use the types above).
from tests.security.partner_rows import (  # noqa: E402
    PARTNER_API_OPERATIONS,
    PARTNER_PORTAL_EXEMPT,
    PARTNER_PORTAL_PAGES,
)
from tests.security.rows_vouchers import (  # noqa: E402
    VOUCHER_API_OPERATIONS,
    VOUCHER_PORTAL_PAGES,
)
from tests.security.support_rows import (  # noqa: E402
    SUPPORT_API_OPERATIONS,
    SUPPORT_PORTAL_EXEMPT,
    SUPPORT_PORTAL_PAGES,
)

API_OPERATIONS += PARTNER_API_OPERATIONS + VOUCHER_API_OPERATIONS + SUPPORT_API_OPERATIONS
PORTAL_PAGES += PARTNER_PORTAL_PAGES + VOUCHER_PORTAL_PAGES + SUPPORT_PORTAL_PAGES
PORTAL_EXEMPT |= PARTNER_PORTAL_EXEMPT
PORTAL_EXEMPT.update(SUPPORT_PORTAL_EXEMPT)
