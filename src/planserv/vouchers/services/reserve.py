"""Reserve (seed step 5; R-RES-2, R-RES-3, R-ENR-2, R-LOC-1): a partner firm takes a voucher.

The request is checked in three passes, cheapest and least contended first:
1. `peek_by_pair`: one lean indexed read, outside any transaction, that refuses what the status
   alone refuses (the many losers of a race are answered here; it never grants);
2. `_check_request`: every refusal of R-RES-1/2, R-VOU-3, R-ENR-2 and R-LOC-1, in the order they
   are given, on an unlocked read: the eligibility queries run here, before the row lock;
3. `_reserve_locked`: lock → plan → write → audit → notify, re-checking under the lock only what
   a concurrent write can have changed (see `_lock`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django_countries import countries

from planserv.accounts.models import Organisation
from planserv.core.actor import Actor
from planserv.core.errors import InvalidInput
from planserv.core.formatting import country_name, long_date
from planserv.core.types import Role
from planserv.notifications.messages import VoucherReservedMessage, send
from planserv.partners.eligibility import EngagementEligibility
from planserv.partners.models import Location
from planserv.partners.selectors import access_location_for_partner
from planserv.program.calendar import ProgramCalendar
from planserv.program.selectors import day_rate_countries, day_rate_for
from planserv.vouchers.errors import (
    NoDayRateForCountry,
    NotEligible,
    TermsNotAccepted,
    WrongLocationCountry,
)
from planserv.vouchers.events import VoucherReserved
from planserv.vouchers.lifecycle import VoucherStatus, check_transition
from planserv.vouchers.models import Reservation, Voucher
from planserv.vouchers.services._common import (
    already_reserved,
    audit_voucher,
    customer_recipients,
    locked_voucher,
    redeem_by_date,
    voucher_state,
)
from planserv.vouchers.services._reservable import (
    assess,
    check_start_date,
    email_matches,
    pair_not_found,
    peek_by_pair,
    refuse_by_status,
    refuse_unavailable,
)


def voucher_reserve(
    *,
    voucher_id: str,
    email: str,
    location_id: str,
    start_date: dt.date,
    accept_terms: bool,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
    delivery_country: str | None = None,
) -> Reservation:
    """R-RES-2, R-RES-3: reserve for the actor's firm. The voucher row is locked and re-checked;
    the partial unique index is the backstop (an IntegrityError becomes AlreadyReserved).
    Eligibility (R-ENR-2) and the location country (R-LOC-1) are checked now and snapshotted.
    `delivery_country` defaults to the customer's country. Raises what voucher_validate raises,
    and NotEligible, WrongLocationCountry, InvalidStartDate, TermsNotAccepted, InvalidInput."""
    actor.require_role(Role.PARTNER_ADMIN, action="reserve vouchers")
    # Fast refusal for the many losers of a race, outside any transaction; it never grants.
    refuse_by_status(peek_by_pair(voucher_id, email), actor, today)
    request = _check_request(
        voucher_id=voucher_id,
        email=email,
        location_id=location_id,
        start_date=start_date,
        accept_terms=accept_terms,
        actor=actor,
        today=today,
        delivery_country=delivery_country,
    )
    return _reserve_locked(request, email=email, actor=actor, today=today, at=at)


@dataclass(frozen=True)
class _Request:
    """A reservation request that passed every check on an unlocked read."""

    voucher: Voucher  # as read before the lock: its id, engagement type and customer never change
    calendar: ProgramCalendar
    firm: Organisation
    eligibility: EngagementEligibility
    location: Location
    country: str
    start_date: dt.date


def _check_request(
    *,
    voucher_id: str,
    email: str,
    location_id: str,
    start_date: dt.date,
    accept_terms: bool,
    actor: Actor,
    today: dt.date,
    delivery_country: str | None,
) -> _Request:
    """Every refusal of a reservation, in the order it is given, before any lock is taken."""
    found = assess(voucher_id=voucher_id, email=email, actor=actor, today=today)
    voucher, firm, eligibility = found.voucher, found.firm, found.eligibility
    if not eligibility.eligible:
        raise NotEligible(
            f"{firm.name} may not deliver {voucher.engagement_type.name} on {long_date(today)}: "
            + " ".join(eligibility.reasons)
            + " (R-ENR-2)",
            details={"reasons": eligibility.reasons},
        )
    country = _delivery_country(delivery_country, voucher)
    location = access_location_for_partner(actor=actor, location_id=location_id)
    _check_location(location, actor, country)
    check_start_date(voucher, start_date, today)
    check_day_rate(country, start_date)
    if accept_terms is not True:
        raise TermsNotAccepted(
            "Accept the program terms to reserve the voucher (R-RES-2).", details={}
        )
    return _Request(
        voucher=voucher,
        calendar=found.calendar,
        firm=firm,
        eligibility=eligibility,
        location=location,
        country=country,
        start_date=start_date,
    )


def _delivery_country(value: str | None, voucher: Voucher) -> str:
    code = (value or str(voucher.customer.country)).strip().upper()
    if code not in dict(countries):
        raise InvalidInput(
            f"{code[:10]!r} is not an ISO 3166 country code for the delivery country.",
            details={"delivery_country": code[:10]},
        )
    return code


def check_day_rate(country: str, start_date: dt.date) -> None:
    """R-RES-5: the delivery country has a day rate in effect on the planned start date (or it
    could never be paid under R-PAY-3). Raises NoDayRateForCountry naming the countries that do."""
    if day_rate_for(country=country, on=start_date) is not None:
        return
    with_rates = day_rate_countries(on=start_date)
    names = ", ".join(country_name(code) for code in with_rates) or "none yet"
    raise NoDayRateForCountry(
        f"{country_name(country)} has no day rate in effect on {long_date(start_date)}, so an "
        f"engagement delivered there could never be paid. Countries with a day rate: {names} "
        "(R-RES-5).",
        details={"delivery_country": country, "countries_with_rates": with_rates},
    )


def _check_location(location: Location, actor: Actor, delivery_country: str) -> None:
    if location.organisation_id != actor.organisation_id:
        raise WrongLocationCountry(
            "A reservation acts through one of your firm's own locations (R-LOC-1).",
            details={"location_id": location.location_id},
        )
    if str(location.country) != delivery_country:
        raise WrongLocationCountry(
            f"Location {location.location_id} is in {location.country.name}; the engagement is "
            f"delivered in {country_name(delivery_country)}. Act through a location in the "
            "delivery country (R-LOC-1).",
            details={
                "location_id": location.location_id,
                "location_country": str(location.country),
                "delivery_country": delivery_country,
            },
        )


def _lock(request: _Request, *, email: str, actor: Actor, today: dt.date) -> Voucher:
    """The voucher row locked and re-read, and checked again, without the eligibility queries, for
    what a concurrent write can have changed since `_check_request`.

    Why this keeps the guarantee of checking everything under the lock: every write to the
    voucher's status, holder, expiry date or assignee takes this row lock, so the re-checks
    here (the pair's email, status, expiry by date, nominated partner, start date within the
    expiry) see the committed truth and the first partner wins (R-RES-3). Eligibility (R-ENR-2)
    is a function of the firm, the engagement type and the day: the day and the firm are this
    request's, the engagement type is fixed when the voucher is created, and the firm's
    enrollments and competencies are not guarded by the voucher row lock (they never were), so
    evaluating it before the lock is what evaluating it under the lock was: true as of this
    request, and recorded as such in the snapshot. The same holds for the location (R-LOC-1) and
    the delivery country (the customer's, fixed with the voucher)."""
    voucher = locked_voucher(pk=request.voucher.pk, today=today)
    if not email_matches(voucher, email):  # reassigned meanwhile; the assignee needs no query
        raise pair_not_found()
    refuse_unavailable(voucher, actor, today)  # re-checked under the lock (R-RES-3)
    check_start_date(voucher, request.start_date, today)  # the expiry may have been moved
    return voucher


@transaction.atomic
def _reserve_locked(
    request: _Request, *, email: str, actor: Actor, today: dt.date, at: dt.datetime
) -> Reservation:
    """Lock → plan → write → audit → notify, in the one transaction of the reservation."""
    voucher = _lock(request, email=email, actor=actor, today=today)
    firm, location, country = request.firm, request.location, request.country
    eligibility, start_date = request.eligibility, request.start_date

    check_transition(voucher.status, VoucherStatus.RESERVED)
    before = voucher_state(voucher)
    snapshot = {
        **eligibility.snapshot(),
        "location": {"location_id": location.location_id, "country": str(location.country)},
        "delivery_country": country,
    }

    reservation = _write(voucher, request, snapshot=snapshot, actor=actor, today=today, at=at)

    audit_voucher(
        actor=actor,
        voucher=voucher,
        event=VoucherReserved(
            voucher_id=voucher.voucher_id,
            previous=before,
            state=voucher_state(voucher),
            reservation_id=reservation.pk,
            partner=firm.public_id,
            partner_name=firm.name,
            location_id=location.location_id,
            delivery_country=country,
            start_date=start_date,
            eligible=eligibility.eligible,
        ),
        today=today,
        at=at,
    )

    message = VoucherReservedMessage(
        voucher_id=voucher.display_id,
        engagement_type=voucher.engagement_type.name,
        service_level_days=voucher.days,
        partner_name=firm.name,
        location=f"{location.name} ({location.location_id}, {location.country.name})",
        start_date=start_date,
        expiry_date=voucher.expiry_date,
        redeem_by=redeem_by_date(voucher, request.calendar),
        reservation_id=reservation.pk,
        recipients=customer_recipients(voucher),
    )
    send(message, at=at)
    return reservation


def _write(
    voucher: Voucher,
    request: _Request,
    *,
    snapshot: dict[str, object],
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> Reservation:
    """The reservation row and the voucher's new status and holder (R-RES-2)."""
    try:
        with transaction.atomic():
            reservation = Reservation.objects.create(
                voucher=voucher,
                partner=request.firm,
                location=request.location,
                delivery_country=request.country,
                start_date=request.start_date,
                terms_accepted_at=at,
                eligibility_snapshot=snapshot,
                is_active=True,
                reserved_on=today,
                reserved_at=at,
                reserved_by_label=actor.email,
            )
    except IntegrityError:
        # reservation_one_active_per_voucher: another reservation won (R-RES-3).
        raise already_reserved(voucher, by_you=False) from None
    voucher.status = VoucherStatus.RESERVED
    voucher.holder = request.firm
    voucher.reserved_at = at
    voucher.save(update_fields=["status", "holder", "reserved_at"])
    return reservation
