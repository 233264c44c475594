"""REL-7 rows of the operator's back office (issue 18, items 3 to 6): program settings (program
admin writes, operator readers read), firms' payment details changes (the firm's global admin
submits, a payment reviewer verifies), and the overdue review."""

from __future__ import annotations

from typing import Any

from planserv.core.types import Role
from tests.factories import payments as payment_factory
from tests.security.operations import ApiOperation, Call, PortalPage, fixed
from tests.security.rows_payments import TODAY, _details_change, _redeemed

PROGRAM_ADMIN = frozenset({Role.PROGRAM_ADMIN})
READERS = frozenset({Role.PROGRAM_ADMIN, Role.PAYMENT_REVIEWER, Role.AUDITOR})
REVIEWER = frozenset({Role.PAYMENT_REVIEWER})
GLOBAL_ADMIN = frozenset({Role.GLOBAL_ADMIN})
RATE = {"country": "AT", "currency": "EUR", "amount": "880.00", "effective_from": "2021-01-01"}
SETTINGS = {
    "paying_account_name": "planserv Partner Benefits",
    "paying_account_iban": "DE89 3704 0044 0532 0130 00",
    "paying_account_bic": "COBADEFFXXX",
    "payment_execution_day": 25,
}
NEW_DETAILS = {
    "legal_name": "Own Partner GmbH",
    "tax_id": "DE123456789",
    "iban": "GB33BUKB20201555555555",
    "bic": "BUKBGB22",
    "country": "DE",
    "currency": "EUR",
}


def _submit(world: Any, tenant: str, role: str) -> Call:
    """The own firm registered, with no change pending (one at a time)."""
    _, firm = _redeemed(world, "partner")
    registration = payment_factory.registered(firm, today=TODAY)
    registration.details_changes.filter(status="pending").update(status="rejected")
    return Call("/api/v1/payment-registrations/DDPS/details-changes", NEW_DETAILS)


def _decide(action: str, body: Any = None) -> Any:
    def build(world: Any, tenant: str, role: str) -> Call:
        change = _details_change(world)
        return Call(f"/api/v1/operator/payment-details-changes/{change.pk}/{action}", body)

    return build


BACKOFFICE_API_OPERATIONS: list[ApiOperation] = [
    ApiOperation("GET", "/api/v1/operator/day-rates", READERS, fixed("/api/v1/operator/day-rates")),
    ApiOperation(
        "POST",
        "/api/v1/operator/day-rates",
        PROGRAM_ADMIN,
        fixed("/api/v1/operator/day-rates", RATE),
        ok_statuses=frozenset({201}),
    ),
    ApiOperation(
        "GET",
        "/api/v1/operator/day-rates/unpayable-reservations",
        READERS,
        fixed("/api/v1/operator/day-rates/unpayable-reservations"),
    ),
    ApiOperation(
        "POST",
        "/api/v1/operator/milestones/{key}/preview",
        PROGRAM_ADMIN,
        fixed("/api/v1/operator/milestones/last_redemption_day/preview", {"date": "2022-02-01"}),
    ),
    ApiOperation(
        "PATCH",
        "/api/v1/operator/milestones/{key}",
        PROGRAM_ADMIN,
        fixed(
            "/api/v1/operator/milestones/last_redemption_day",
            {"date": "2022-02-01", "reason": "Extended."},
        ),
    ),
    ApiOperation(
        "GET",
        "/api/v1/operator/settings/payments",
        READERS,
        fixed("/api/v1/operator/settings/payments"),
    ),
    ApiOperation(
        "PUT",
        "/api/v1/operator/settings/payments",
        PROGRAM_ADMIN,
        fixed("/api/v1/operator/settings/payments", SETTINGS),
    ),
    ApiOperation(
        "POST",
        "/api/v1/payment-registrations/{offering}/details-changes",
        GLOBAL_ADMIN,
        _submit,
        ok_statuses=frozenset({201}),
    ),
    ApiOperation(
        "GET",
        "/api/v1/operator/payment-details-changes",
        READERS,
        fixed("/api/v1/operator/payment-details-changes"),
    ),
    ApiOperation(
        "POST",
        "/api/v1/operator/payment-details-changes/{change_id}/verify",
        REVIEWER,
        _decide("verify"),
    ),
    ApiOperation(
        "POST",
        "/api/v1/operator/payment-details-changes/{change_id}/reject",
        REVIEWER,
        _decide("reject", {"reason": "Not confirmed by phone."}),
    ),
    ApiOperation(
        "GET",
        "/api/v1/operator/payments/overdue",
        READERS,
        fixed("/api/v1/operator/payments/overdue"),
    ),
]

BACKOFFICE_PORTAL_PAGES: list[PortalPage] = [
    PortalPage("portal:operator_settings", PROGRAM_ADMIN, fixed("/operator/settings/")),
    PortalPage(
        "portal:operator_settings_day_rates", PROGRAM_ADMIN, fixed("/operator/settings/day-rates/")
    ),
    PortalPage(
        "portal:operator_settings_milestones", PROGRAM_ADMIN, fixed("/operator/settings/calendar/")
    ),
    PortalPage(
        "portal:operator_settings_payments", PROGRAM_ADMIN, fixed("/operator/settings/payments/")
    ),
    PortalPage(
        "portal:operator_settings_catalogue", PROGRAM_ADMIN, fixed("/operator/settings/catalogue/")
    ),
]
