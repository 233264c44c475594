"""REL-7 / REL-3 rows of the getting-started checklist (docs/getting-started.md): the API twin of
the partner and customer home pages. It reads the caller's own organisation only (no object in
the path), so there is no foreign tenant; operators have no checklist (403)."""

from __future__ import annotations

from tests.security.operations import CUSTOMER_ROLES, PARTNER_ROLES, ApiOperation, fixed

CHECKLIST_API_OPERATIONS = [
    ApiOperation(
        "GET",
        "/api/v1/support/getting-started",
        PARTNER_ROLES | CUSTOMER_ROLES,
        fixed("/api/v1/support/getting-started"),
        notes="the caller's organisation's steps; operators 403",
    ),
]
