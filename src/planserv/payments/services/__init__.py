"""Every write of the payments capability (domain.md section 6)."""

from planserv.payments.services.details_change import (
    payment_details_change_reject,
    payment_details_change_submit,
    payment_details_change_verify,
)
from planserv.payments.services.registration import (
    RemittanceDetails,
    payment_registration_create,
    validate_details,
)
from planserv.payments.services.request import payment_amount, payment_request_file
from planserv.payments.services.review import (
    payment_request_approve,
    payment_request_deny,
    payment_request_hold,
    payment_request_respond,
    reviewer_connected,
)
from planserv.payments.services.runs import (
    RunTotals,
    payment_run_build,
    payment_run_confirm,
    payment_run_totals,
    run_month_for,
)

__all__ = [
    "RemittanceDetails",
    "RunTotals",
    "payment_amount",
    "payment_details_change_reject",
    "payment_details_change_submit",
    "payment_details_change_verify",
    "payment_registration_create",
    "payment_request_approve",
    "payment_request_deny",
    "payment_request_file",
    "payment_request_hold",
    "payment_request_respond",
    "payment_run_build",
    "payment_run_confirm",
    "payment_run_totals",
    "reviewer_connected",
    "run_month_for",
    "validate_details",
]
