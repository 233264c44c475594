"""Reserve (seed step 5; R-RES-2, R-RES-3, R-ENR-2, R-LOC-1): a partner firm takes a voucher.

One short transaction, one commit, 8 statements (PERF-1; docs/performance.md, "Where the time of
a reserve goes now"):

1. the voucher row locked by its public id, with its agreement, customer, engagement type and
   holder joined, the one expiry predicate, whether the email is one of the pair (R-RES-1) and
   the configuration token (core.config_cache) in the same statement;
2. the firm's location, with the firm;
3. R-ENR-2: the firm's enrollment and competencies, one UNION ALL (partners.eligibility);
4. the reservation, 5. the voucher's new status, 6. the audit event (the webhook deliveries only
   when a subscriber wants them), 7. the customer's recipients, 8. the outbox rows, one insert.

Every refusal of R-RES-1/2, R-VOU-3, R-ENR-2, R-LOC-1 and R-RES-5 is given in the order it always
was, all of them on the locked row, so what is checked is the committed truth and the first
partner wins (R-RES-3). The calendar, the catalogue (each engagement type's competencies), the day
rates and the webhook subscriptions come from the per-process caches, valid for the token read
with the lock. The partial unique index on the active reservation is the backstop; no savepoint
is needed around the insert, because the row is already locked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django_countries import countries

from planserv.accounts.models import Membership, Organisation
from planserv.core.actor import Actor
from planserv.core.config_cache import note_version, version_column
from planserv.core.errors import Forbidden, InvalidInput
from planserv.core.formatting import country_name, long_date
from planserv.core.types import Role
from planserv.notifications.messages import VoucherReservedMessage, send
from planserv.partners.eligibility import EngagementEligibility, engagement_type_eligibility
from planserv.partners.errors import LocationNotFound
from planserv.partners.models import Location
from planserv.partners.selectors import access_location_for_partner
from planserv.program.calendar import ProgramCalendar, calendar_get
from planserv.program.selectors import day_rate_countries, day_rate_for
from planserv.vouchers import voucher_id as voucher_ids
from planserv.vouchers.errors import (
    NoDayRateForCountry,
    NotEligible,
    TermsNotAccepted,
    WrongLocationCountry,
)
from planserv.vouchers.events import VoucherReserved
from planserv.vouchers.lifecycle import VoucherStatus, check_transition
from planserv.vouchers.models import Reservation, Voucher
from planserv.vouchers.rules import expiry_passed_flag
from planserv.vouchers.services._common import (
    already_reserved,
    audit_voucher,
    customer_recipients,
    redeem_by_date,
    voucher_state,
)
from planserv.vouchers.services._reservable import (
    check_cloud,
    check_start_date,
    pair_not_found,
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
    """R-RES-2, R-RES-3: reserve for the actor's firm. The voucher row is locked first and every
    check is made on it; the partial unique index is the backstop (an IntegrityError becomes
    AlreadyReserved). Eligibility (R-ENR-2) and the location country (R-LOC-1) are checked now
    and snapshotted. `delivery_country` defaults to the customer's country. Raises what
    voucher_validate raises, and NotEligible, WrongLocationCountry, InvalidStartDate,
    TermsNotAccepted, InvalidInput."""
    actor.require_role(Role.PARTNER_ADMIN, action=_("reserve vouchers"))
    canonical = voucher_ids.parse(voucher_id)  # a mistyped id is refused before any statement
    with transaction.atomic():
        voucher = _locked_by_pair(canonical, email, today=today)
        request = _check_request(
            voucher,
            location_id=location_id,
            start_date=start_date,
            accept_terms=accept_terms,
            actor=actor,
            today=today,
            delivery_country=delivery_country,
        )
        return _reserve(voucher, request, actor=actor, today=today, at=at)


def _locked_by_pair(canonical: str, email: str, *, today: dt.date) -> Voucher:
    """Statement 1: the voucher row locked by its public id, with what every check needs. One
    non-revealing VoucherNotFound for an unknown id and for a wrong email (R-RES-1)."""
    address = (email or "").strip().casefold()
    voucher = (
        Voucher.objects.select_for_update(of=("self",))
        .select_related("agreement", "customer", "engagement_type__offering", "holder")
        .annotate(
            past_expiry=expiry_passed_flag(today),
            config_version=version_column(),
            email_is_admin=Exists(
                Membership.objects.filter(
                    organisation_id=OuterRef("customer_id"),
                    role=Role.BENEFITS_ADMIN,
                    is_active=True,
                    user__email__iexact=address or "-",
                )
            ),
        )
        .filter(voucher_id=canonical)
        .first()
    )
    if voucher is None or not address:
        raise pair_not_found()
    note_version(voucher.config_version)
    if address != voucher.assignee_email.casefold() and not voucher.email_is_admin:
        raise pair_not_found()
    return voucher


@dataclass(frozen=True)
class _Request:
    """A reservation request that passed every check, on the locked row."""

    calendar: ProgramCalendar
    firm: Organisation
    eligibility: EngagementEligibility
    location: Location
    country: str
    start_date: dt.date


def _check_request(
    voucher: Voucher,
    *,
    location_id: str,
    start_date: dt.date,
    accept_terms: bool,
    actor: Actor,
    today: dt.date,
    delivery_country: str | None,
) -> _Request:
    """Every refusal of a reservation, in the order it is given (statements 2 and 3)."""
    refuse_unavailable(voucher, actor, today)
    calendar = calendar_get()  # cached, valid for the token read with the lock
    check_cloud(voucher, calendar, today)
    if not actor.is_partner or actor.organisation_id is None:
        raise Forbidden(_("Only a partner firm validates and reserves vouchers (R-ROLE-1)."))
    try:  # the firm comes with its location; a refused location is answered in its turn below
        location: Location | None = access_location_for_partner(
            actor=actor, location_id=location_id
        )
        refused_location: LocationNotFound | None = None
    except LocationNotFound as error:
        location, refused_location = None, error
    firm = location.organisation if location is not None else _firm_of(actor)
    eligibility = engagement_type_eligibility(
        organisation=firm, engagement_type=voucher.engagement_type, on=today
    )
    if not eligibility.eligible:
        raise NotEligible(
            _("%(firm)s may not deliver %(engagement_type)s on %(day)s: %(reasons)s (R-ENR-2)")
            % {
                "firm": firm.name,
                "engagement_type": voucher.engagement_type.name,
                "day": long_date(today),
                "reasons": " ".join(eligibility.reasons),
            },
            details={"reasons": eligibility.reasons},
        )
    country = _delivery_country(delivery_country, voucher)
    if location is None:
        raise refused_location or LocationNotFound(
            _("Your firm has no location %(location)s (R-LOC-1).") % {"location": repr(location_id)}
        )
    _check_location(location, actor, country)
    check_start_date(voucher, start_date, today)
    check_day_rate(country, start_date)
    if accept_terms is not True:
        raise TermsNotAccepted(
            _("Accept the program terms to reserve the voucher (R-RES-2)."), details={}
        )
    return _Request(
        calendar=calendar,
        firm=firm,
        eligibility=eligibility,
        location=location,
        country=country,
        start_date=start_date,
    )


def _firm_of(actor: Actor) -> Organisation:
    """The firm when its location was not found (a refusal follows): read only on that path."""
    assert actor.organisation_id is not None  # a partner actor, checked before
    return Organisation.objects.get(pk=actor.organisation_id)


def _delivery_country(value: str | None, voucher: Voucher) -> str:
    code = (value or str(voucher.customer.country)).strip().upper()
    if code not in dict(countries):
        raise InvalidInput(
            _("%(code)s is not an ISO 3166 country code for the delivery country.")
            % {"code": repr(code[:10])},
            details={"delivery_country": code[:10]},
        )
    return code


def check_day_rate(country: str, start_date: dt.date) -> None:
    """R-RES-5: the delivery country has a day rate in effect on the planned start date (or it
    could never be paid under R-PAY-3). Raises NoDayRateForCountry naming the countries that do."""
    if day_rate_for(country=country, on=start_date) is not None:
        return
    with_rates = day_rate_countries(on=start_date)
    names = ", ".join(country_name(code) for code in with_rates) or _("none yet")
    raise NoDayRateForCountry(
        _(
            "%(country)s has no day rate in effect on %(day)s, so an engagement delivered there "
            "could never be paid. Countries with a day rate: %(countries)s (R-RES-5)."
        )
        % {"country": country_name(country), "day": long_date(start_date), "countries": names},
        details={"delivery_country": country, "countries_with_rates": with_rates},
    )


def _check_location(location: Location, actor: Actor, delivery_country: str) -> None:
    if location.organisation_id != actor.organisation_id:
        raise WrongLocationCountry(
            _("A reservation acts through one of your firm's own locations (R-LOC-1)."),
            details={"location_id": location.location_id},
        )
    if str(location.country) != delivery_country:
        raise WrongLocationCountry(
            _(
                "Location %(location)s is in %(location_country)s; the engagement is delivered in "
                "%(delivery_country)s. Act through a location in the delivery country (R-LOC-1)."
            )
            % {
                "location": location.location_id,
                "location_country": location.country.name,
                "delivery_country": country_name(delivery_country),
            },
            details={
                "location_id": location.location_id,
                "location_country": str(location.country),
                "delivery_country": delivery_country,
            },
        )


def _reserve(
    voucher: Voucher, request: _Request, *, actor: Actor, today: dt.date, at: dt.datetime
) -> Reservation:
    """Plan → write → audit → notify, on the locked row (statements 4 to 8)."""
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
    """The reservation row and the voucher's new status and holder (R-RES-2). No savepoint: the
    voucher row is locked and was seen free, so the unique index can only fire on a broken
    invariant, and then the whole reservation rolls back with AlreadyReserved."""
    try:
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
