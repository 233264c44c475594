"""Every write of the customer benefits capability (STYLE.md principle 2).

agreements: agreement_create, agreement_activate · accruals: accrual_post, accruals_post_due ·
conversions: training_convert · grants: manual_grant, training_grant, correction_post ·
removal: removal_run, removal_job · imports: agreement_import_check, agreement_import_commit.
The ledger's own writers are in customers/ledger/services.py (ledger_move, ledger_move_batch).
"""

from planserv.customers.ledger.services import Movement, ledger_lock, ledger_move, ledger_move_batch
from planserv.customers.services.accruals import accrual_post, accruals_catch_up, accruals_post_due
from planserv.customers.services.agreements import agreement_activate, agreement_create
from planserv.customers.services.conversions import training_convert
from planserv.customers.services.grants import correction_post, manual_grant, training_grant
from planserv.customers.services.imports import agreement_import_check, agreement_import_commit
from planserv.customers.services.removal import (
    RemovalBatch,
    RemovalReport,
    removal_job,
    removal_run,
)

__all__ = [
    "Movement",
    "RemovalBatch",
    "RemovalReport",
    "accrual_post",
    "accruals_catch_up",
    "accruals_post_due",
    "agreement_activate",
    "agreement_create",
    "agreement_import_check",
    "agreement_import_commit",
    "correction_post",
    "ledger_lock",
    "ledger_move",
    "ledger_move_batch",
    "manual_grant",
    "removal_job",
    "removal_run",
    "training_convert",
    "training_grant",
]
