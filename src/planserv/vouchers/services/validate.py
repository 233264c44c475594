"""Validate (seed step 5; R-RES-1): what a partner sees of a voucher before reserving it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from planserv.accounts.models import Organisation
from planserv.core.actor import Actor
from planserv.core.types import Role
from planserv.partners.eligibility import EngagementEligibility
from planserv.partners.models import Location
from planserv.program.selectors import day_rate_countries
from planserv.vouchers.models import Voucher
from planserv.vouchers.services._common import redeem_by_date
from planserv.vouchers.services._reservable import assess


@dataclass(frozen=True)
class VoucherPreview:
    """What a partner may see before reserving (R-RES-1): no licensing id, no assignee."""

    voucher: Voucher
    customer_name: str
    redeem_by: dt.date
    eligibility: EngagementEligibility
    locations: list[Location]
    default_delivery_country: str
    countries_with_rates: list[str]

    @property
    def can_reserve(self) -> bool:
        return self.eligibility.eligible and bool(self.locations)


def voucher_validate(
    *, voucher_id: str, email: str, actor: Actor, today: dt.date
) -> VoucherPreview:
    """R-RES-1: check a (voucher id, email) pair for a partner admin. Raises Forbidden,
    InvalidVoucherId, VoucherNotFound (the same answer for an unknown id or a wrong email),
    VoucherExpired, AlreadyRedeemed, VoucherCancelled, AlreadyReserved, NominatedPartnerOnly,
    CloudEngagementRetired. Reads only."""
    actor.require_role(Role.PARTNER_ADMIN, action=_("validate vouchers"))
    found = assess(voucher_id=voucher_id, email=email, actor=actor, today=today)
    voucher = found.voucher
    locations = _locations_customer_country_first(found.firm, str(voucher.customer.country))
    return VoucherPreview(
        voucher=voucher,
        customer_name=voucher.customer.name,
        redeem_by=redeem_by_date(voucher, found.calendar),
        eligibility=found.eligibility,
        locations=locations,
        default_delivery_country=(
            str(locations[0].country) if locations else str(voucher.customer.country)
        ),
        countries_with_rates=day_rate_countries(on=today),
    )


def _locations_customer_country_first(firm: Organisation, customer_country: str) -> list[Location]:
    """The firm's locations, those in the customer's country first: the first one is the form's
    chosen location, and the delivery country defaults to its country (R-LOC-1, R-RES-5)."""
    locations = list(Location.objects.filter(organisation=firm).order_by("location_id", "pk"))
    return sorted(locations, key=lambda location: str(location.country) != customer_country)
