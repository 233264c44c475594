"""Factories for payments, built through the services.

case = redeemed_case(country="DE")       # firm + pool + a voucher redeemed on 2021-03-12
registered(case.firm)                     # the firm's DDPS payment registration
request = filed(case, today=...)          # the payment request (status validating)
reviewer()                                # a payment_reviewer of a fresh operator organisation
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from dataclasses import dataclass, replace

from planserv.accounts.models import Membership, Organisation
from planserv.core.actor import Actor
from planserv.payments.models import PaymentRegistration, PaymentRequest
from planserv.payments.services import (
    RemittanceDetails,
    payment_registration_create,
    payment_request_approve,
    payment_request_file,
)
from planserv.vouchers.models import Voucher
from tests.factories import accounts as account_factory
from tests.factories import vouchers as voucher_factory
from tests.factories.vouchers import Firm, Pool, actor, at

D = dt.date
REDEEMED_ON = D(2021, 3, 12)
IBANS = {
    "DE": ("DE89370400440532013000", "COBADEFFXXX"),
    "US": ("GB33BUKB20201555555555", "BUKBGB22"),
}
_sequence = itertools.count(1)


@dataclass
class Case:
    pool: Pool
    firm: Firm
    voucher: Voucher


def redeemed_case(
    *,
    country: str = "US",
    firm: Firm | None = None,
    pool: Pool | None = None,
    days: int = 5,
    redeemed_on: dt.date = REDEEMED_ON,
    **report: object,
) -> Case:
    """A voucher of `days` assigned 2021-03-01, reserved 03-02, delivered 03-10 by a firm with a
    location in `country`, redeemed on `redeemed_on`."""
    firm = firm or voucher_factory.eligible_firm(country=country)
    pool = pool or voucher_factory.customer_pool()
    voucher = voucher_factory.assigned(pool, today=D(2021, 3, 1), days=days)
    voucher_factory.reserved(voucher, firm, today=D(2021, 3, 2))
    voucher_factory.delivered(voucher, firm, today=D(2021, 3, 10), **report)
    voucher_factory.redeemed(voucher, firm, today=redeemed_on)
    return Case(pool=pool, firm=firm, voucher=voucher_factory.fresh(voucher))


def global_admin(organisation: Organisation) -> Membership:
    return (
        Membership.objects.filter(organisation=organisation, role="global_admin")
        .order_by("pk")
        .first()
    ) or account_factory.member(organisation, "global_admin")


def details(country: str = "US", **changes: str) -> RemittanceDetails:
    iban, bic = IBANS.get(country, IBANS["DE"])
    values = {
        "legal_name": f"Firm {next(_sequence)} GmbH",
        "tax_id": "DE123456789",
        "iban": iban,
        "bic": bic,
        "country": country,
        "currency": "EUR" if country == "DE" else "USD",
    }
    values.update(changes)
    return RemittanceDetails(**values)


def registered(firm: Firm, *, today: dt.date = dt.date(2021, 3, 15)) -> PaymentRegistration:
    existing = PaymentRegistration.objects.filter(organisation=firm.organisation).order_by("pk")
    if existing.exists():
        return existing[0]
    return payment_registration_create(
        offering_code="DDPS",
        details=details(str(firm.location.country)),
        actor=replace(actor(global_admin(firm.organisation)), second_factor=True),  # R-PPL-3
        today=today,
        at=at(today),
    )


def filed(case: Case, *, today: dt.date = dt.date(2021, 3, 20)) -> PaymentRequest:
    registered(case.firm)
    return payment_request_file(
        voucher_id=case.voucher.voucher_id,
        location_id=case.firm.location.location_id,
        actor=case.firm.admin_actor,
        today=today,
        at=at(today),
    )


def reviewer(name: str = "") -> Actor:
    operator = Organisation.objects.filter(kind="operator").order_by(
        "pk"
    ).first() or account_factory.organisation("operator", name="Program operator")
    return actor(account_factory.member(operator, "payment_reviewer"))


def paying_account() -> None:
    """The program's paying account set by a program admin (the SEPA debtor of bank files)."""
    from planserv.program.calendar import program_settings_get
    from planserv.program.settings_services import (
        payment_settings_of,
        payment_settings_update,
    )

    current = payment_settings_of(program_settings_get())
    admin = actor(account_factory.member(operator_org(), "program_admin"))
    payment_settings_update(
        values=dataclasses.replace(
            current, paying_account_iban="DE89370400440532013000", paying_account_bic="COBADEFFXXX"
        ),
        actor=admin,
        today=D(2021, 1, 4),
        at=at(D(2021, 1, 4)),
    )


def approved(request: PaymentRequest, *, today: dt.date = dt.date(2021, 3, 22)) -> PaymentRequest:
    return payment_request_approve(
        public_id=request.public_id, actor=reviewer(), today=today, at=at(today)
    )


def grant(user: object, organisation: Organisation, role: str) -> Membership:
    """One more membership for an existing user (maker-checker tests)."""
    from planserv.accounts.services import membership_grant

    return membership_grant(
        user=user,  # type: ignore[arg-type]
        organisation=organisation,
        role=role,
        actor=Actor.system(),
        at=at(D(2021, 1, 4)),
        today=D(2021, 1, 4),
    )


def operator_org() -> Organisation:
    return Organisation.objects.filter(kind="operator").order_by("pk").first() or (
        account_factory.organisation("operator", name="Program operator")
    )
