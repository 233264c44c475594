"""Remittance files of a payment run (R-PAY-6): CSV for every currency, SEPA pain.001.001.03
(through sepaxml, which validates the XML against the schema it ships) for EUR runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils.translation import gettext as _
from sepaxml import SepaTransfer

from planserv.core import formatting
from planserv.core.batches import rows_in_batches
from planserv.core.csv_export import csv_lines
from planserv.core.errors import RuleViolation
from planserv.payments.models import PaymentRequest, PaymentRun
from planserv.program.calendar import program_settings_get

CSV_COLUMNS = [
    "payment_request_id",
    "voucher_id",
    "beneficiary",
    "tax_id",
    "iban",
    "bic",
    "country",
    "amount",
    "currency",
]


class NotSepaCurrency(RuleViolation):
    code = "not_sepa_currency"
    rule = "R-PAY-6"


class PayingAccountNotSet(RuleViolation):
    code = "paying_account_not_set"
    rule = "R-PAY-6"


def debtor() -> dict[str, object]:
    """The program's paying account from the program settings (read on every use, so a change
    made in the portal is in force at once in every process)."""
    settings_row = program_settings_get()
    if not settings_row.paying_account_iban:
        raise PayingAccountNotSet(
            _(
                "The program's paying account (IBAN and BIC) is not set; a program admin sets it "
                "in the program settings before a bank file can be produced (R-PAY-6)."
            ),
            details={},
        )
    return {
        "name": settings_row.paying_account_name,
        "IBAN": settings_row.paying_account_iban,
        "BIC": settings_row.paying_account_bic,
        "batch": True,
        "currency": "EUR",
    }


def execution_date(run: PaymentRun) -> dt.date:
    return run.month.replace(day=program_settings_get().payment_execution_day)


def _requests(run: PaymentRun) -> list[PaymentRequest]:
    return list(
        PaymentRequest.objects.filter(run=run)
        .select_related("registration", "voucher")
        .order_by("public_id")
    )


def remittance_csv_lines(run: PaymentRun) -> Iterator[str]:
    """One line per request, streamed (REL-11 writer); the bank file carries the full account
    (it goes to the bank)."""
    requests = rows_in_batches(
        PaymentRequest.objects.filter(run=run)
        .select_related("registration", "voucher")
        .order_by("public_id"),
        batch=2000,
    )
    return csv_lines(CSV_COLUMNS, (_remittance_row(request) for request in requests))


def _remittance_row(request: PaymentRequest) -> list[str]:
    registration = request.registration
    return [
        request.public_id,
        request.voucher.display_id,
        registration.legal_name,
        registration.tax_id,
        registration.iban,
        registration.bic,
        str(registration.country),
        formatting.amount(request.amount),
        request.currency,
    ]


def remittance_csv(run: PaymentRun) -> str:
    """The whole remittance CSV as one string."""
    return "".join(remittance_csv_lines(run))


def remittance_pain001(run: PaymentRun) -> bytes:
    """SEPA credit transfer initiation (pain.001.001.03) of an EUR run; sepaxml validates it
    against the XSD when exporting (raises on an invalid document)."""
    if run.currency != "EUR":
        raise NotSepaCurrency(
            _(
                "Run %(public_id)s pays in %(currency)s; SEPA pain.001 files are for EUR runs. "
                "Download the CSV (R-PAY-6)."
            )
            % {"public_id": run.public_id, "currency": run.currency},
            details={"currency": run.currency},
        )
    transfer = SepaTransfer(debtor(), clean=True)
    execution = execution_date(run)
    for request in _requests(run):
        registration = request.registration
        transfer.add_payment(
            {
                "name": registration.legal_name[:70],
                "IBAN": registration.iban,
                "BIC": registration.bic,
                "amount": int(request.amount * 100),
                "execution_date": execution,
                "description": f"{request.public_id} voucher {request.voucher.display_id}",
                "endtoend_id": request.public_id.replace("-", ""),
            }
        )
    return bytes(transfer.export(validate=True))
