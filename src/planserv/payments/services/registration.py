"""R-PAY-1: a firm's global admin registers for payment per offering, with remittance details."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pycountry
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django_countries import countries
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException

from planserv.accounts.models import Organisation
from planserv.accounts.second_factor import require_second_factor
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.types import Role
from planserv.partners.selectors import firm_of, offering_get
from planserv.payments.errors import (
    AlreadyRegistered,
    InvalidRemittanceDetails,
    NoRedeemedVoucherYet,
)
from planserv.payments.models import PaymentRegistration
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import Voucher


@dataclass(frozen=True)
class RemittanceDetails:
    legal_name: str
    tax_id: str
    iban: str
    bic: str
    country: str
    currency: str


def _clean_text(value: str, field: str, limit: int) -> str:
    text = " ".join(value.split())
    if not text or len(text) > limit or any(ord(c) < 32 for c in value):
        raise InvalidRemittanceDetails(
            _("The %(field)s is required (at most %(limit)s characters) (R-PAY-1).")
            % {"field": field.replace("_", " "), "limit": limit},
            details={"field": field},
        )
    return text


def validate_details(details: RemittanceDetails) -> RemittanceDetails:
    """Normalise and validate remittance details with schwifty, django-countries and pycountry;
    raises InvalidRemittanceDetails naming the field."""
    try:
        iban = IBAN(details.iban)
    except SchwiftyException:
        raise InvalidRemittanceDetails(
            _("The bank account is not a valid IBAN (R-PAY-1)."), details={"field": "iban"}
        ) from None
    try:
        bic = BIC(details.bic)
    except SchwiftyException:
        raise InvalidRemittanceDetails(
            _("The BIC is not a valid bank identifier code (R-PAY-1)."), details={"field": "bic"}
        ) from None
    country = details.country.strip().upper()
    if country not in dict(countries):
        raise InvalidRemittanceDetails(
            _("%(country)r is not a country code (R-PAY-1).") % {"country": details.country[:8]},
            details={"field": "country"},
        )
    currency = details.currency.strip().upper()
    if len(currency) != 3 or pycountry.currencies.get(alpha_3=currency) is None:
        raise InvalidRemittanceDetails(
            _("%(currency)r is not an ISO 4217 currency code (R-PAY-1).")
            % {"currency": details.currency[:8]},
            details={"field": "currency"},
        )
    return RemittanceDetails(
        legal_name=_clean_text(details.legal_name, "legal_name", 140),
        tax_id=_clean_text(details.tax_id, "tax_id", 40),
        iban=iban.compact,
        bic=bic.compact,
        country=country,
        currency=currency,
    )


def _has_redeemed(firm: Organisation, offering_id: int) -> bool:
    return Voucher.objects.filter(
        holder=firm, status=VoucherStatus.REDEEMED, engagement_type__offering_id=offering_id
    ).exists()


@transaction.atomic
def payment_registration_create(
    *,
    offering_code: str,
    details: RemittanceDetails,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> PaymentRegistration:
    """R-PAY-1: register the actor's firm for payment in an offering, once, after its first
    redeemed voucher there, from a session or token that passed the second factor (R-PPL-3);
    never by support acting for the firm (R-PPL-4). Raises Forbidden, SecondFactorRequired,
    InvalidRemittanceDetails, NoRedeemedVoucherYet, AlreadyRegistered. The audit event stores
    the masked account only."""
    actor.require_role(Role.GLOBAL_ADMIN, action=_("register the firm for payment"))
    actor.refuse_when_acting_for(action=_("register the firm for payment"))
    require_second_factor(actor, action=_("register the firm's bank details for payment"))
    firm = firm_of(actor)
    offering = offering_get(code=offering_code)
    clean = validate_details(details)
    Organisation.objects.select_for_update().filter(pk=firm.pk).get()
    if PaymentRegistration.objects.filter(organisation=firm, offering=offering).exists():
        raise AlreadyRegistered(
            _("%(name)s is already registered for payment in %(name2)s (R-PAY-1).")
            % {"name": firm.name, "name2": offering.name},
            details={"offering": offering.code},
        )
    if not _has_redeemed(firm, offering.pk):
        raise NoRedeemedVoucherYet(
            _(
                "%(name)s can register for payment in %(name2)s after its first redeemed voucher "
                "there (R-PAY-1)."
            )
            % {"name": firm.name, "name2": offering.name},
            details={"offering": offering.code},
        )
    try:
        with transaction.atomic():
            registration = PaymentRegistration.objects.create(
                organisation=firm,
                offering=offering,
                registered_on=today,
                registered_at=at,
                registered_by_label=actor.email,
                **clean.__dict__,
            )
    except IntegrityError:
        raise AlreadyRegistered(
            _("%(name)s is already registered for payment in %(name2)s (R-PAY-1).")
            % {"name": firm.name, "name2": offering.name},
            details={"offering": offering.code},
        ) from None
    audit_record(
        actor=actor,
        action=AuditEventType.PAYMENT_REGISTRATION_CREATED,
        subject=("payments.paymentregistration", str(registration.pk)),
        subject_label=f"Payment registration {firm.name} / {offering.code}",
        organisation_id=firm.pk,
        at=at,
        program_date=today,
        before=None,
        after={
            "offering": offering.code,
            "legal_name": registration.legal_name,
            "tax_id": registration.tax_id_masked,
            "iban": registration.iban_masked,
            "bic": registration.bic,
            "country": str(registration.country),
            "currency": registration.currency,
        },
    )
    return registration
