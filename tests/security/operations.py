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


def another_language(world: Any, tenant: str, role: str) -> Call:
    """PATCH /me with a language the caller does not have yet, so each call is one change."""
    from planserv.accounts.models import User

    user = User.objects.get(pk=world.member(role).user_id)
    order = ["de", "fr", "es", "ja", "en"]
    following = (
        order[(order.index(user.language) + 1) % len(order)] if user.language in order else "de"
    )
    return Call("/api/v1/me", {"language": following})


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
    # Issue 24: one's own language and time zone (docs/i18n.md).
    ApiOperation("PATCH", "/api/v1/me", ANY_ROLE, another_language),
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
    "portal:language_switch": "POST-only, open to anyone: sets the language cookie and one's own "
    "preference; tests/i18n/test_language.py",
    "portal:preferences_save": "POST-only; one's own preferences only; tests/i18n/test_language.py",
}

# Rows of each capability live beside its builders and join the registry here.
from tests.security.partner_rows import (  # noqa: E402
    PARTNER_API_OPERATIONS,
    PARTNER_PORTAL_EXEMPT,
    PARTNER_PORTAL_PAGES,
)

API_OPERATIONS += PARTNER_API_OPERATIONS
PORTAL_PAGES += PARTNER_PORTAL_PAGES
PORTAL_EXEMPT |= PARTNER_PORTAL_EXEMPT

from tests.security.support_rows import (  # noqa: E402
    SUPPORT_API_OPERATIONS,
    SUPPORT_PORTAL_EXEMPT,
    SUPPORT_PORTAL_PAGES,
)

API_OPERATIONS += SUPPORT_API_OPERATIONS
PORTAL_PAGES += SUPPORT_PORTAL_PAGES
PORTAL_EXEMPT.update(SUPPORT_PORTAL_EXEMPT)


# Customer benefits (customers capability): agreements, activation, conversions, the ledger.
BENEFITS_ADMIN = frozenset({Role.BENEFITS_ADMIN})
AGREEMENT_READERS = OPERATOR_ROLES | CUSTOMER_ROLES


def _customer_key(tenant: str) -> str:
    return "customer" if tenant == "own" else "customer_other"


def agreement_for(world: Any, tenant: str, *, fresh: bool = False) -> Any:
    """An agreement of the caller's own customer (or of the other one): a new one when `fresh`."""
    from tests.factories import customers as customer_factory

    key = f"agreement:{_customer_key(tenant)}"
    if fresh or key not in world.objects:
        agreement = customer_factory.agreement(world.organisations[_customer_key(tenant)])
        customer_factory.grant(agreement, 20)
        if fresh:
            return agreement
        world.objects[key] = agreement
    return world.objects[key]


def _agreement_path(template: str, *, fresh: bool = False, body: Any = None) -> Builder:
    def build(world: Any, tenant: str, role: str) -> Call:
        agreement = agreement_for(world, tenant, fresh=fresh)
        return Call(template.format(id=agreement.licensing_id), body)

    return build


def _conversion_call(template: str, body: Any) -> Builder:
    """A fresh agreement with training days, on a day before the conversion end (R-TRN-1)."""

    def build(world: Any, tenant: str, role: str) -> Call:
        from planserv.core import clock
        from planserv.customers.services import training_grant
        from tests.factories import customers as customer_factory

        day = dt.date(2020, 1, 15)
        clock.store_pinned_date(day)
        agreement = agreement_for(world, tenant, fresh=True)
        training_grant(
            agreement=agreement,
            training_days=10,
            reason="matrix training days",
            actor=customer_factory.OPERATOR,
            today=day,
            at=customer_factory.at(day),
        )
        return Call(template.format(id=agreement.licensing_id), body)

    return build


def _new_agreement_body(world: Any, tenant: str, role: str) -> Call:
    number = world.objects["new_agreements"] = world.objects.get("new_agreements", 0) + 1
    return Call(
        "/api/v1/agreements",
        {
            "customer": world.organisations[_customer_key(tenant)].public_id,
            "licensing_id": f"EA-MATRIX-{id(world) % 100000}-{number}",
            "agreement_type": "enterprise",
            "start_date": "2019-07-01",
            "end_date": "2022-06-30",
            "coverage": {"servers": 600},
        },
    )


def _correction_call(template: str, body: Any) -> Builder:
    def build(world: Any, tenant: str, role: str) -> Call:
        from tests.factories import customers as customer_factory

        agreement = agreement_for(world, tenant)
        entry = customer_factory.grant(agreement, 1)
        return Call(template.format(id=agreement.licensing_id, entry=entry.pk), body)

    return build


def _import_path(template: str) -> Builder:
    def build(world: Any, tenant: str, role: str) -> Call:
        from planserv.customers.services import agreement_import_check
        from tests.factories import customers as customer_factory

        customer = world.organisations["customer"].public_id
        number = world.objects["imports"] = world.objects.get("imports", 0) + 1
        content = (
            "customer,licensing_id,agreement_type,start_date,end_date,applications\n"
            f"{customer},EA-IMPORT-{id(world) % 100000}-{number},enterprise,"
            "2019-07-01,2022-06-30,250\n"
            f"{customer},BAD,retail,2019-07-01,2022-06-30,250\n"
        )
        record = agreement_import_check(
            file_name="matrix.csv",
            data=content.encode(),
            actor=customer_factory.OPERATOR,
            today=dt.date(2021, 6, 15),
            at=customer_factory.at(dt.date(2021, 6, 15)),
        )
        return Call(template.format(id=record.pk))

    return build


API_OPERATIONS += [
    ApiOperation("GET", "/api/v1/agreements", AGREEMENT_READERS, fixed("/api/v1/agreements")),
    ApiOperation("POST", "/api/v1/agreements", PROGRAM_ADMIN, _new_agreement_body),
    ApiOperation(
        "GET",
        "/api/v1/agreements/{licensing_id}",
        AGREEMENT_READERS,
        _agreement_path("/api/v1/agreements/{id}"),
        tenant_scoped=True,
    ),
    ApiOperation(
        "POST",
        "/api/v1/agreements/{licensing_id}/activate",
        BENEFITS_ADMIN,
        _agreement_path("/api/v1/agreements/{id}/activate", fresh=True),
        tenant_scoped=True,
    ),
    ApiOperation(
        "POST",
        "/api/v1/agreements/{licensing_id}/conversions",
        BENEFITS_ADMIN,
        _conversion_call("/api/v1/agreements/{id}/conversions", {"training_days": 4}),
        tenant_scoped=True,
    ),
    ApiOperation(
        "GET",
        "/api/v1/agreements/{licensing_id}/ledger",
        AGREEMENT_READERS,
        _agreement_path("/api/v1/agreements/{id}/ledger"),
        tenant_scoped=True,
    ),
    ApiOperation(
        "POST",
        "/api/v1/agreements/{licensing_id}/grants",
        PROGRAM_ADMIN,
        _agreement_path("/api/v1/agreements/{id}/grants", body={"days": 2, "reason": "matrix"}),
        tenant_scoped=True,
    ),
    ApiOperation(
        "POST",
        "/api/v1/agreements/{licensing_id}/ledger/{entry_id}/corrections",
        PROGRAM_ADMIN,
        _correction_call(
            "/api/v1/agreements/{id}/ledger/{entry}/corrections", {"reason": "matrix"}
        ),
        tenant_scoped=True,
    ),
]

PORTAL_PAGES += [
    PortalPage("portal:customer_agreements", CUSTOMER_ROLES, fixed("/customer/agreements/")),
    PortalPage(
        "portal:customer_agreement_detail",
        CUSTOMER_ROLES,
        _agreement_path("/customer/agreements/{id}/"),
        tenant_scoped=True,
    ),
    PortalPage(
        "portal:customer_agreement_activate",
        BENEFITS_ADMIN,
        _agreement_path("/customer/agreements/{id}/activate/", fresh=True),
        method="POST",
        tenant_scoped=True,
    ),
    PortalPage(
        "portal:customer_agreement_convert",
        BENEFITS_ADMIN,
        _agreement_path("/customer/agreements/{id}/conversions/"),
        method="POST",
        tenant_scoped=True,
    ),
    PortalPage("portal:operator_agreements", OPERATOR_ROLES, fixed("/operator/agreements/")),
    PortalPage(
        "portal:operator_agreement_detail",
        OPERATOR_ROLES,
        _agreement_path("/operator/agreements/{id}/"),
    ),
    PortalPage(
        "portal:operator_agreement_create", PROGRAM_ADMIN, fixed("/operator/agreements/new/")
    ),
    PortalPage(
        "portal:operator_agreement_grant",
        PROGRAM_ADMIN,
        _agreement_path("/operator/agreements/{id}/grants/"),
        method="POST",
    ),
    PortalPage(
        "portal:operator_agreement_correct",
        PROGRAM_ADMIN,
        _correction_call("/operator/agreements/{id}/ledger/{entry}/correct/", None),
        method="POST",
    ),
    PortalPage(
        "portal:operator_agreement_import", PROGRAM_ADMIN, fixed("/operator/agreements/import/")
    ),
    PortalPage(
        "portal:operator_agreement_import_detail",
        PROGRAM_ADMIN,
        _import_path("/operator/agreements/import/{id}/"),
    ),
    PortalPage(
        "portal:operator_agreement_import_commit",
        PROGRAM_ADMIN,
        _import_path("/operator/agreements/import/{id}/commit/"),
        method="POST",
    ),
    PortalPage(
        "portal:operator_agreement_import_errors",
        PROGRAM_ADMIN,
        _import_path("/operator/agreements/import/{id}/errors.csv"),
    ),
    PortalPage("portal:operator_ledger_check", OPERATOR_ROLES, fixed("/operator/ledger/check/")),
]


# Rows of each capability, kept in their own modules (imported last: they use the types above).
from tests.security.rows_vouchers import (  # noqa: E402
    VOUCHER_API_OPERATIONS,
    VOUCHER_PORTAL_PAGES,
)

API_OPERATIONS += VOUCHER_API_OPERATIONS
PORTAL_PAGES += VOUCHER_PORTAL_PAGES

# Payments (payments capability).
from tests.security.rows_payments import (  # noqa: E402
    PAYMENT_API_OPERATIONS,
    PAYMENT_PORTAL_PAGES,
)

API_OPERATIONS += PAYMENT_API_OPERATIONS
PORTAL_PAGES += PAYMENT_PORTAL_PAGES

# Getting-started checklist (support capability, issue 11).
from tests.security.rows_checklist import CHECKLIST_API_OPERATIONS  # noqa: E402

API_OPERATIONS += CHECKLIST_API_OPERATIONS

# Operator console (docs/operator.md): bulk operations, audit browser, operations index, acting.
from tests.security.rows_opsconsole import (  # noqa: E402
    OPSCONSOLE_API_OPERATIONS,
    OPSCONSOLE_PORTAL_PAGES,
)

API_OPERATIONS += OPSCONSOLE_API_OPERATIONS
PORTAL_PAGES += OPSCONSOLE_PORTAL_PAGES

# Reports (reports capability).
from tests.security.rows_reports import (  # noqa: E402
    REPORT_API_OPERATIONS,
    REPORT_PORTAL_PAGES,
)

API_OPERATIONS += REPORT_API_OPERATIONS
PORTAL_PAGES += REPORT_PORTAL_PAGES

# Webhooks (docs/webhooks.md).
from tests.security.rows_webhooks import (  # noqa: E402
    WEBHOOK_API_OPERATIONS,
    WEBHOOK_PORTAL_PAGES,
)

API_OPERATIONS += WEBHOOK_API_OPERATIONS
PORTAL_PAGES += WEBHOOK_PORTAL_PAGES
# People and access (docs/people.md; R-PPL-1).
from tests.security.rows_people import (  # noqa: E402
    PEOPLE_API_OPERATIONS,
    PEOPLE_PORTAL_EXEMPT,
    PEOPLE_PORTAL_PAGES,
)

API_OPERATIONS += PEOPLE_API_OPERATIONS
PORTAL_PAGES += PEOPLE_PORTAL_PAGES
PORTAL_EXEMPT.update(PEOPLE_PORTAL_EXEMPT)
# Partner evidence (R-EVD-1) and the operator's organisation pages (issue 18).
from tests.security.rows_evidence import (  # noqa: E402
    EVIDENCE_API_OPERATIONS,
    EVIDENCE_PORTAL_PAGES,
)

API_OPERATIONS += EVIDENCE_API_OPERATIONS
PORTAL_PAGES += EVIDENCE_PORTAL_PAGES
# Program settings and payment safety of the operator's back office (issue 18, items 3 to 6).
from tests.security.rows_backoffice import (  # noqa: E402
    BACKOFFICE_API_OPERATIONS,
    BACKOFFICE_PORTAL_PAGES,
)

API_OPERATIONS += BACKOFFICE_API_OPERATIONS
PORTAL_PAGES += BACKOFFICE_PORTAL_PAGES
# Sign-in and access (docs/people.md): second factor, single sign-on.
from tests.security.rows_access import (  # noqa: E402
    ACCESS_API_OPERATIONS,
    ACCESS_PORTAL_EXEMPT,
    ACCESS_PORTAL_PAGES,
)

API_OPERATIONS += ACCESS_API_OPERATIONS
PORTAL_PAGES += ACCESS_PORTAL_PAGES
PORTAL_EXEMPT.update(ACCESS_PORTAL_EXEMPT)
