"""Refusals of the payments capability: a stable code, the rule, and a sentence."""

from __future__ import annotations

from planserv.core.errors import Conflict, Forbidden, InvalidInput, NotFound, RuleViolation
from planserv.payments.lifecycle import InvalidPaymentTransition  # noqa: F401  (one import place)


class PaymentRequestNotFound(NotFound):
    code = "payment_request_not_found"


class PaymentRunNotFound(NotFound):
    code = "payment_run_not_found"


class VoucherNotRedeemed(RuleViolation):
    code = "voucher_not_redeemed"
    rule = "R-PAY-2"


class NotRegisteredForPayment(RuleViolation):
    code = "not_registered_for_payment"
    rule = "R-PAY-1"


class NoRedeemedVoucherYet(RuleViolation):
    code = "no_redeemed_voucher_yet"
    rule = "R-PAY-1"


class AlreadyRegistered(Conflict):
    code = "already_registered"
    rule = "R-PAY-1"


class InvalidRemittanceDetails(InvalidInput):
    code = "invalid_remittance_details"
    rule = "R-PAY-1"


class PaymentWindowClosed(RuleViolation):
    code = "payment_window_closed"
    rule = "R-PAY-2"


class PaymentAlreadyRequested(Conflict):
    code = "payment_already_requested"
    rule = "R-PAY-2"


class WrongLocationCountry(RuleViolation):
    code = "wrong_location_country"
    rule = "R-PAY-2"


class NoDayRate(RuleViolation):
    code = "no_day_rate"
    rule = "R-PAY-3"


class ReviewerConflict(Forbidden):
    code = "reviewer_conflict"
    rule = "R-PAY-5"


class ReasonRequired(InvalidInput):
    code = "reason_required"
    rule = "R-PAY-5"


class NothingToPay(RuleViolation):
    code = "nothing_to_pay"
    rule = "R-PAY-6"


class RunAlreadyConfirmed(Conflict):
    code = "run_already_confirmed"
    rule = "R-PAY-6"


class RunMonthOutOfRange(RuleViolation):
    code = "run_month_out_of_range"
    rule = "R-PAY-6"


class RunConfirmerIsBuilder(Forbidden):
    code = "run_confirmer_is_builder"
    rule = "R-PAY-6"


class RunChangedSinceShown(Conflict):
    code = "run_changed_since_shown"
    rule = "R-PAY-6"


class DetailsChangeNotFound(NotFound):
    code = "payment_details_change_not_found"


class DetailsChangePending(Conflict):
    code = "payment_details_change_pending"
    rule = "R-PAY-1"


class DetailsChangeDecided(Conflict):
    code = "payment_details_change_decided"
    rule = "R-PAY-1"


class AnswerFileRefused(InvalidInput):
    code = "answer_file_refused"
    rule = "R-PAY-5"


class AnswerFileNotFound(NotFound):
    code = "answer_file_not_found"
