"""The one NinjaAPI at /api/v1/: bearer auth, one error format, a router per domain."""

from __future__ import annotations

from planserv.api.auth import TokenAuth
from planserv.api.errors import install_error_handlers
from planserv.api.openapi import DocumentedAPI
from planserv.api.routers import (
    catalogue,
    customers,
    meta,
    operator,
    partners,
    payments,
    reports,
    support,
    vouchers,
)

api = DocumentedAPI(
    title="planserv API",
    version="1",
    description=(
        "Software Assurance Planning Services. Authenticate with `Authorization: Bearer <token>`; "
        "send `Idempotency-Key` on every write. Errors: "
        '`{"error": {"code", "message", "rule", "details"}}`.'
    ),
    auth=TokenAuth(),
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("", meta.router)
api.add_router("", catalogue.router)
api.add_router("", customers.router)
api.add_router("", partners.router)
api.add_router("", vouchers.router)
api.add_router("", payments.router)
api.add_router("", reports.router)
api.add_router("", support.router)
api.add_router("", operator.router)

# Getting-started checklist (support capability, issue 11).
from planserv.api.routers import getting_started  # noqa: E402

api.add_router("", getting_started.router)

# Operator console (docs/operator.md): bulk operations and the audit browser.
from planserv.api.routers import operator_console  # noqa: E402

api.add_router("", operator_console.router)

# Webhook subscriptions (docs/webhooks.md, REL-13).
from planserv.api.routers import webhooks  # noqa: E402

api.add_router("", webhooks.router)
# People and access (docs/people.md): members and invitations of the caller's organisation.
from planserv.api.routers import people  # noqa: E402

api.add_router("", people.router)
# The operator's back office (issue 18): program settings, payment details changes, overdue.
from planserv.api.routers import back_office  # noqa: E402

api.add_router("", back_office.router)
# Sign-in and access: second factor reset, single sign-on settings (docs/people.md).
from planserv.api.routers import access  # noqa: E402

api.add_router("", access.router)
