"""Every write of the voucher lifecycle: one service per transition (STYLE.md section 2).

create: voucher_create_and_assign (→ assigned), voucher_cancel (assigned → cancelled) ·
validate: voucher_validate (read) · reserve: voucher_reserve (assigned → reserved) · change:
voucher_change_start_date · release: voucher_release (reserved/delivered → assigned) · report: voucher_report_delivery (reserved →
delivered) · redeem: voucher_redeem, vouchers_redeem_batch (delivered → redeemed) · expire:
vouchers_expire_due (assigned/reserved/delivered → expired, the daily sweep) · extend:
vouchers_extend_expiry_due (R-EXT-1) · bulk (operator, with a dry run):
vouchers_extend_expiry_bulk, vouchers_reassign_bulk · remind: vouchers_remind_expiry (30/7-day reminders).
"""

from planserv.vouchers.deliverables import Upload
from planserv.vouchers.services.bulk import (
    BulkItem,
    BulkResult,
    VoucherSelection,
    vouchers_extend_expiry_bulk,
)
from planserv.vouchers.services.change import voucher_change_start_date
from planserv.vouchers.services.create import voucher_cancel, voucher_create_and_assign
from planserv.vouchers.services.expire import (
    ExpiryBatch,
    ExpiryReport,
    vouchers_expire_due,
    vouchers_expire_job,
)
from planserv.vouchers.services.extend import vouchers_extend_expiry_due
from planserv.vouchers.services.reassign import vouchers_reassign_bulk
from planserv.vouchers.services.redeem import (
    RedemptionResult,
    voucher_redeem,
    vouchers_redeem_batch,
)
from planserv.vouchers.services.release import voucher_release
from planserv.vouchers.services.remind import vouchers_remind_expiry
from planserv.vouchers.services.report import ReportInput, voucher_report_delivery
from planserv.vouchers.services.reserve import voucher_reserve
from planserv.vouchers.services.validate import VoucherPreview, voucher_validate

__all__ = [
    "BulkItem",
    "BulkResult",
    "ExpiryBatch",
    "ExpiryReport",
    "RedemptionResult",
    "ReportInput",
    "Upload",
    "VoucherPreview",
    "VoucherSelection",
    "voucher_cancel",
    "voucher_change_start_date",
    "voucher_create_and_assign",
    "voucher_redeem",
    "voucher_release",
    "voucher_report_delivery",
    "voucher_reserve",
    "voucher_validate",
    "vouchers_expire_due",
    "vouchers_expire_job",
    "vouchers_extend_expiry_bulk",
    "vouchers_extend_expiry_due",
    "vouchers_reassign_bulk",
    "vouchers_redeem_batch",
    "vouchers_remind_expiry",
]
