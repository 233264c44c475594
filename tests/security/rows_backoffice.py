"""REL-7 rows of the operator's program settings (issue 18, item 3): program_admin only."""

from __future__ import annotations

from planserv.core.types import Role
from tests.security.operations import ApiOperation, PortalPage, fixed

PROGRAM_ADMIN = frozenset({Role.PROGRAM_ADMIN})

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

BACKOFFICE_API_OPERATIONS: list[ApiOperation] = []
