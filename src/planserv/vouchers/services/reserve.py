"""Validate and reserve (seed step 5; R-RES-1..4, R-ENR-2, R-LOC-1), change date, release."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django_countries import countries

from planserv.accounts.models import Membership, Organisation
from planserv.core.actor import Actor
from planserv.core.errors import Forbidden, InvalidInput
from planserv.core.types import Role
from planserv.notifications.messages import (
    VoucherDateChangedMessage,
    VoucherReleasedMessage,
    VoucherReservedMessage,
    send,
)
from planserv.partners.eligibility import EngagementEligibility, engagement_type_eligibility
from planserv.partners.models import Location
from planserv.partners.selectors import access_location_for_partner
from planserv.program.calendar import ProgramCalendar, calendar_get
from planserv.vouchers import voucher_id as voucher_ids
from planserv.vouchers.errors import (
    CloudEngagementRetired,
    InvalidStartDate,
    NominatedPartnerOnly,
    NotEligible,
    TermsNotAccepted,
    VoucherNotFound,
    VoucherNotReserved,
    WrongLocationCountry,
)
from planserv.vouchers.lifecycle import VoucherStatus, check_transition
from planserv.vouchers.models import CompletionReport, Reservation, Voucher
from planserv.vouchers.rules import expiry_passed_flag
from planserv.vouchers.services._common import (
    already_reserved,
    audit_voucher,
    customer_recipients,
    locked_voucher,
    redeem_by_date,
    refuse_final,
    refuse_if_expired,
    require_holder,
    voucher_state,
)

PAIR_REFUSAL = (
    "No voucher matches this voucher id and email address. Check both against the customer's "
    "voucher email (R-RES-1)."
)


def _pair_not_found() -> VoucherNotFound:
    """The one answer for an unknown id and for a wrong email: it reveals nothing (R-RES-1)."""
    return VoucherNotFound(PAIR_REFUSAL, details={})


def _email_matches(voucher: Voucher, email: str) -> bool:
    """The assignee's address, or a benefits admin's of the voucher's customer (R-RES-1)."""
    address = (email or "").strip().casefold()
    if not address:
        return False
    if address == voucher.assignee_email.casefold():
        return True
    return Membership.objects.filter(
        organisation_id=voucher.customer_id,
        role=Role.BENEFITS_ADMIN,
        is_active=True,
        user__email__iexact=address,
    ).exists()


def _find_by_pair(voucher_id: str, email: str, *, today: dt.date, lock: bool) -> Voucher:
    """The voucher for a (voucher id, email) pair; InvalidVoucherId (400) for a mistyped id before
    any lookup; one non-revealing VoucherNotFound for an unknown id or a wrong email."""
    canonical = voucher_ids.parse(voucher_id)
    query = Voucher.objects.select_related(
        "agreement", "customer", "engagement_type__offering", "holder", "nominated_partner"
    ).annotate(past_expiry=expiry_passed_flag(today))
    if lock:
        query = query.select_for_update(of=("self",))
    voucher = query.filter(voucher_id=canonical).order_by("pk").first()
    if voucher is None or not _email_matches(voucher, email):
        raise _pair_not_found()
    return voucher


_PEEK_FIELDS = (
    "id",
    "status",
    "expiry_date",
    "assignee_email",
    "customer_id",
    "holder_id",
    "redeemed_on",
)
_PEEK_SQL = f"SELECT {', '.join(_PEEK_FIELDS)} FROM {Voucher._meta.db_table} WHERE voucher_id = %s"  # noqa: S608 - names from the model, the value bound


def _peek_by_pair(voucher_id: str, email: str) -> Voucher:
    """A lean, unlocked read of the fields the status refusals need. What it refuses is a
    committed fact (reserved, redeemed, cancelled, expired) answered at once; a voucher that looks
    free is re-read under the row lock and checked again, dates included, before any write."""
    canonical = voucher_ids.parse(voucher_id)
    with connection.cursor() as cursor:  # one indexed lookup, the hot path of a race (PERF-1)
        cursor.execute(_PEEK_SQL, [canonical])
        row = cursor.fetchone()
    if row is None:
        raise _pair_not_found()
    voucher = Voucher(voucher_id=canonical, **dict(zip(_PEEK_FIELDS, row, strict=True)))
    if not _email_matches(voucher, email):
        raise _pair_not_found()
    return voucher


def _refuse_by_status(voucher: Voucher, actor: Actor, today: dt.date) -> None:
    """The reasons of R-RES-1 that the status alone gives: expired (recorded), redeemed,
    cancelled, reserved. Committed facts, so the unlocked peek may answer them."""
    if voucher.status == VoucherStatus.EXPIRED:
        refuse_if_expired(voucher, today=today)
    refuse_final(voucher)
    if voucher.status in (VoucherStatus.RESERVED, VoucherStatus.DELIVERED):
        raise already_reserved(voucher, by_you=voucher.holder_id == actor.organisation_id)


def _refuse_unavailable(voucher: Voucher, actor: Actor, today: dt.date) -> None:
    """The clear reasons of R-RES-1 for a voucher found by its pair (`past_expiry` annotated)."""
    _refuse_by_status(voucher, actor, today)
    refuse_if_expired(voucher, today=today)  # by its date: the one predicate (R-EXP-2)
    if voucher.nominated_partner_id and voucher.nominated_partner_id != actor.organisation_id:
        raise NominatedPartnerOnly(
            f"The customer nominated another partner firm for voucher {voucher.display_id}; only "
            "that firm may reserve it (R-RES-2).",
            details={"voucher_id": voucher.voucher_id},
        )


def _check_cloud(voucher: Voucher, calendar: ProgramCalendar, today: dt.date) -> None:
    engagement_type = voucher.engagement_type
    if engagement_type.is_cloud and not calendar.cloud_open(today):
        raise CloudEngagementRetired(
            f"{engagement_type.name} is a cloud engagement: no new reservation from "
            f"{calendar.last_cloud_date + dt.timedelta(days=1):%d %B %Y} (R-VOU-3).",
            details={"engagement_type": engagement_type.code},
        )


def _eligibility(voucher: Voucher, firm: Organisation, today: dt.date) -> EngagementEligibility:
    return engagement_type_eligibility(
        organisation=firm, engagement_type=voucher.engagement_type, on=today
    )


def _firm(actor: Actor) -> Organisation:
    if not actor.is_partner or actor.organisation_id is None:
        raise Forbidden("Only a partner firm validates and reserves vouchers (R-ROLE-1).")
    return Organisation.objects.get(pk=actor.organisation_id)


@dataclass(frozen=True)
class VoucherPreview:
    """What a partner may see before reserving (R-RES-1): no licensing id, no assignee."""

    voucher: Voucher
    customer_name: str
    redeem_by: dt.date
    eligibility: EngagementEligibility
    locations: list[Location]
    default_delivery_country: str

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
    actor.require_role(Role.PARTNER_ADMIN, action="validate vouchers")
    voucher = _find_by_pair(voucher_id, email, today=today, lock=False)
    _refuse_unavailable(voucher, actor, today)
    calendar = calendar_get()
    _check_cloud(voucher, calendar, today)
    firm = _firm(actor)
    return VoucherPreview(
        voucher=voucher,
        customer_name=voucher.customer.name,
        redeem_by=redeem_by_date(voucher, calendar),
        eligibility=_eligibility(voucher, firm, today),
        locations=list(Location.objects.filter(organisation=firm).order_by("location_id", "pk")),
        default_delivery_country=str(voucher.customer.country),
    )


def _delivery_country(value: str | None, voucher: Voucher) -> str:
    code = (value or str(voucher.customer.country)).strip().upper()
    if code not in dict(countries):
        raise InvalidInput(
            f"{code[:10]!r} is not an ISO 3166 country code for the delivery country.",
            details={"delivery_country": code[:10]},
        )
    return code


def _check_location(location: Location, actor: Actor, delivery_country: str) -> None:
    if location.organisation_id != actor.organisation_id:
        raise WrongLocationCountry(
            "A reservation acts through one of your firm's own locations (R-LOC-1).",
            details={"location_id": location.location_id},
        )
    if str(location.country) != delivery_country:
        raise WrongLocationCountry(
            f"Location {location.location_id} is in {location.country.name}; the engagement is "
            f"delivered in {dict(countries)[delivery_country]}. Act through a location in the "
            "delivery country (R-LOC-1).",
            details={
                "location_id": location.location_id,
                "location_country": str(location.country),
                "delivery_country": delivery_country,
            },
        )


def _check_start_date(voucher: Voucher, start_date: dt.date, today: dt.date) -> None:
    if not (today <= start_date <= voucher.expiry_date):
        raise InvalidStartDate(
            f"The planned start date must be from today, {today:%d %B %Y}, through the voucher's "
            f"expiry, {voucher.expiry_date:%d %B %Y}; {start_date:%d %B %Y} is not (R-RES-2).",
            details={"start_date": start_date, "today": today, "expiry_date": voucher.expiry_date},
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
    _refuse_by_status(_peek_by_pair(voucher_id, email), actor, today)
    return _reserve_locked(
        voucher_id=voucher_id,
        email=email,
        location_id=location_id,
        start_date=start_date,
        accept_terms=accept_terms,
        actor=actor,
        today=today,
        at=at,
        delivery_country=delivery_country,
    )


@transaction.atomic
def _reserve_locked(
    *,
    voucher_id: str,
    email: str,
    location_id: str,
    start_date: dt.date,
    accept_terms: bool,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
    delivery_country: str | None,
) -> Reservation:
    voucher = _find_by_pair(voucher_id, email, today=today, lock=True)
    _refuse_unavailable(voucher, actor, today)  # re-checked under the lock (R-RES-3)
    calendar = calendar_get()
    _check_cloud(voucher, calendar, today)
    firm = _firm(actor)
    eligibility = _eligibility(voucher, firm, today)
    if not eligibility.eligible:
        raise NotEligible(
            f"{firm.name} may not deliver {voucher.engagement_type.name} on {today:%d %B %Y}: "
            + " ".join(eligibility.reasons)
            + " (R-ENR-2)",
            details={"reasons": eligibility.reasons},
        )
    country = _delivery_country(delivery_country, voucher)
    location = access_location_for_partner(actor=actor, location_id=location_id)
    _check_location(location, actor, country)
    _check_start_date(voucher, start_date, today)
    if accept_terms is not True:
        raise TermsNotAccepted(
            "Accept the program terms to reserve the voucher (R-RES-2).", details={}
        )
    check_transition(voucher.status, VoucherStatus.RESERVED)
    before = voucher_state(voucher)
    snapshot = {
        **eligibility.snapshot(),
        "location": {"location_id": location.location_id, "country": str(location.country)},
        "delivery_country": country,
    }
    try:
        with transaction.atomic():
            reservation = Reservation.objects.create(
                voucher=voucher,
                partner=firm,
                location=location,
                delivery_country=country,
                start_date=start_date,
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
    voucher.holder = firm
    voucher.reserved_at = at
    voucher.save(update_fields=["status", "holder", "reserved_at"])
    audit_voucher(
        actor=actor,
        voucher=voucher,
        action="reserved",
        today=today,
        at=at,
        before=before,
        after={
            **voucher_state(voucher),
            "reservation_id": reservation.pk,
            "partner": firm.public_id,
            "partner_name": firm.name,
            "location_id": location.location_id,
            "delivery_country": country,
            "start_date": start_date,
            "eligible": eligibility.eligible,
        },
    )
    message = VoucherReservedMessage(
        voucher_id=voucher.display_id,
        engagement_type=voucher.engagement_type.name,
        service_level_days=voucher.days,
        partner_name=firm.name,
        location=f"{location.name} ({location.location_id}, {location.country.name})",
        start_date=start_date,
        expiry_date=voucher.expiry_date,
        redeem_by=redeem_by_date(voucher, calendar),
        reservation_id=reservation.pk,
        recipients=customer_recipients(voucher),
    )
    send(message, at=at)
    return reservation


def active_reservation(voucher: Voucher) -> Reservation:
    reservation = (
        Reservation.objects.select_related("partner", "location")
        .filter(voucher=voucher, is_active=True)
        .order_by("pk")
        .first()
    )
    if reservation is None:  # the holder constraint makes this unreachable for a held voucher
        raise VoucherNotReserved(f"Voucher {voucher.display_id} has no active reservation.")
    return reservation


def _locked_held(voucher: Voucher, actor: Actor, today: dt.date) -> Voucher:
    actor.require_role(Role.PARTNER_ADMIN, action="act on reserved vouchers")
    require_holder(actor, voucher)
    voucher = locked_voucher(pk=voucher.pk, today=today)
    require_holder(actor, voucher)  # re-checked under the lock
    refuse_final(voucher)
    refuse_if_expired(voucher, today=today)
    return voucher


@transaction.atomic
def voucher_change_start_date(
    *, voucher: Voucher, start_date: dt.date, actor: Actor, today: dt.date, at: dt.datetime
) -> Reservation:
    """R-RES-4: the reserving firm moves the planned start date (same limits as reserving).
    Raises Forbidden, VoucherNotFound, AlreadyRedeemed, VoucherExpired, VoucherNotReserved,
    InvalidStartDate."""
    voucher = _locked_held(voucher, actor, today)
    if voucher.status != VoucherStatus.RESERVED:
        raise VoucherNotReserved(
            f"Voucher {voucher.display_id} is {voucher.get_status_display().lower()}; the start "
            "date can be changed only before the completion report is filed (R-RES-4).",
            details={"voucher_id": voucher.voucher_id, "status": voucher.status},
        )
    _check_start_date(voucher, start_date, today)
    reservation = active_reservation(voucher)
    previous = reservation.start_date
    reservation.start_date = start_date
    reservation.save(update_fields=["start_date"])
    event = audit_voucher(
        actor=actor,
        voucher=voucher,
        action="start_date_changed",
        today=today,
        at=at,
        before={"start_date": previous},
        after={"start_date": start_date, "reservation_id": reservation.pk},
    )
    message = VoucherDateChangedMessage(
        voucher_id=voucher.display_id,
        engagement_type=voucher.engagement_type.name,
        partner_name=reservation.partner.name,
        previous_start_date=previous,
        start_date=start_date,
        expiry_date=voucher.expiry_date,
        redeem_by=redeem_by_date(voucher, calendar_get()),
        change_id=event.pk,
        recipients=customer_recipients(voucher),
    )
    send(message, at=at)
    return reservation


@transaction.atomic
def voucher_release(*, voucher: Voucher, actor: Actor, today: dt.date, at: dt.datetime) -> Voucher:
    """R-RES-4: the reserving firm releases; the voucher is assigned again with the same expiry,
    so any partner may reserve it, and a filed completion report becomes void. Raises Forbidden,
    VoucherNotFound, AlreadyRedeemed, VoucherExpired."""
    voucher = _locked_held(voucher, actor, today)
    check_transition(voucher.status, VoucherStatus.ASSIGNED)
    before = voucher_state(voucher)
    reservation = active_reservation(voucher)
    voided = CompletionReport.objects.filter(
        reservation=reservation, voided_at__isnull=True
    ).update(voided_at=at)
    Reservation.objects.filter(pk=reservation.pk).update(
        is_active=False, released_on=today, released_at=at, released_by_label=actor.email
    )
    voucher.status = VoucherStatus.ASSIGNED
    voucher.holder = None
    voucher.reserved_at = None
    voucher.delivered_at = None
    voucher.save(update_fields=["status", "holder", "reserved_at", "delivered_at"])
    audit_voucher(
        actor=actor,
        voucher=voucher,
        action="released",
        today=today,
        at=at,
        before=before,
        after={
            **voucher_state(voucher),
            "reservation_id": reservation.pk,
            "partner": reservation.partner.public_id,
            "partner_name": reservation.partner.name,
            "report_voided": bool(voided),
        },
    )
    message = VoucherReleasedMessage(
        voucher_id=voucher.display_id,
        engagement_type=voucher.engagement_type.name,
        service_level_days=voucher.days,
        partner_name=reservation.partner.name,
        released_on=today,
        expiry_date=voucher.expiry_date,
        reservation_id=reservation.pk,
        recipients=customer_recipients(voucher),
    )
    send(message, at=at)
    return voucher
