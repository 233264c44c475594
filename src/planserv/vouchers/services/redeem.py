"""Redeem (seed step 7; R-RED-1..3), one voucher or a confirmed batch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from planserv.core.actor import Actor
from planserv.core.errors import DomainError
from planserv.core.formatting import long_date
from planserv.core.types import Role
from planserv.customers.ledger.accounts import AccountKind, EntryCause
from planserv.customers.ledger.services import ledger_move
from planserv.notifications.messages import VoucherRedeemedMessage, send
from planserv.partners.models import Location
from planserv.partners.selectors import access_location_for_partner
from planserv.program.calendar import ProgramCalendar, calendar_get
from planserv.vouchers import voucher_id as voucher_ids
from planserv.vouchers.errors import (
    AfterLastRedemptionDay,
    ConfirmationRequired,
    ReportMissing,
    TooManyVouchers,
    VoucherNotFound,
    VoucherNotReservedByYou,
    WrongLocationCountry,
)
from planserv.vouchers.events import VoucherRedeemed
from planserv.vouchers.lifecycle import VoucherStatus, check_transition
from planserv.vouchers.models import CompletionReport, Deliverable, Voucher
from planserv.vouchers.services._common import (
    audit_voucher,
    customer_recipients,
    lock_voucher,
    refuse_final,
    refuse_if_expired,
    require_holder,
    voucher_state,
)

MAX_BATCH = 200


def _current_report(voucher: Voucher) -> CompletionReport | None:
    """The voucher's current report, with whether it has a deliverable, in one statement."""
    return (
        CompletionReport.objects.filter(voucher=voucher, voided_at__isnull=True)
        .annotate(has_deliverable=Exists(Deliverable.objects.filter(report=OuterRef("pk"))))
        .order_by("-pk")
        .first()
    )


def _check(
    voucher: Voucher, location: Location, actor: Actor, calendar: ProgramCalendar, today: dt.date
) -> CompletionReport:
    refuse_final(voucher)
    refuse_if_expired(voucher, today=today)
    if not calendar.redemption_open(today):
        raise AfterLastRedemptionDay(
            _(
                "Vouchers can be redeemed through %(last)s, even before their expiry; today is "
                "%(today)s (R-RED-1)."
            )
            % {"last": long_date(calendar.last_redemption_date), "today": long_date(today)},
            details={"last_redemption_date": calendar.last_redemption_date, "today": today},
        )
    report = _current_report(voucher)
    if voucher.status != VoucherStatus.DELIVERED or report is None:
        raise ReportMissing(
            _(
                "Voucher %(voucher)s has no completion report yet; file it with a deliverable "
                "before redeeming (R-RED-1)."
            )
            % {"voucher": voucher.display_id},
            details={"voucher_id": voucher.voucher_id, "status": voucher.status},
        )
    if not getattr(report, "has_deliverable", False):  # annotated by _current_report
        raise ReportMissing(
            _("The completion report of voucher %(voucher)s has no deliverable (R-RED-1).")
            % {"voucher": voucher.display_id},
            details={"voucher_id": voucher.voucher_id},
        )
    if location.organisation_id != actor.organisation_id or str(location.country) != str(
        report.delivery_country
    ):
        raise WrongLocationCountry(
            _(
                "Location %(location)s is in %(location_country)s; voucher %(voucher)s was "
                "delivered in %(delivery_country)s. Redeem through a location in the delivery "
                "country (R-LOC-1)."
            )
            % {
                "location": location.location_id,
                "location_country": location.country.name,
                "voucher": voucher.display_id,
                "delivery_country": report.delivery_country.name,
            },
            details={
                "location_id": location.location_id,
                "location_country": str(location.country),
                "delivery_country": str(report.delivery_country),
            },
        )
    return report


@transaction.atomic
def voucher_redeem(
    *, voucher: Voucher, location_id: str, actor: Actor, today: dt.date, at: dt.datetime
) -> Voucher:
    """R-RED-1: the reserving firm redeems a delivered voucher through a location in the delivery
    country, by its expiry and the last redemption day; days move held → consumed and the
    customer is emailed. Raises Forbidden, VoucherNotFound, AlreadyRedeemed (R-RED-3),
    VoucherCancelled, VoucherExpired, AfterLastRedemptionDay, ReportMissing, WrongLocationCountry."""
    actor.require_role(Role.PARTNER_ADMIN, action=_("redeem vouchers"))
    require_holder(actor, voucher)
    location = access_location_for_partner(actor=actor, location_id=location_id)
    return _redeem(voucher, location, actor, today, at)


def _redeem(
    voucher: Voucher, location: Location, actor: Actor, today: dt.date, at: dt.datetime
) -> Voucher:
    voucher = lock_voucher(
        voucher, today=today, ledger_kinds=[AccountKind.HELD, AccountKind.CONSUMED]
    )
    require_holder(actor, voucher)
    # The calendar from the per-process cache, valid for the token read with the lock.
    report = _check(voucher, location, actor, calendar_get(), today)
    check_transition(voucher.status, VoucherStatus.REDEEMED)
    before = voucher_state(voucher)
    voucher.status = VoucherStatus.REDEEMED
    voucher.redeemed_at = at
    voucher.redeemed_on = today
    voucher.redeemed_location = location
    voucher.save(update_fields=["status", "redeemed_at", "redeemed_on", "redeemed_location"])
    ledger_move(
        agreement=voucher.agreement,
        source=AccountKind.HELD,
        destination=AccountKind.CONSUMED,
        days=voucher.days,
        cause=EntryCause.VOUCHER,
        cause_id=voucher.voucher_id,
        effective_date=today,
        idempotency_key=f"voucher:{voucher.voucher_id}:redeem",
        actor=actor,
        at=at,
        memo=f"Voucher {voucher.display_id} redeemed",
    )
    audit_voucher(
        actor=actor,
        voucher=voucher,
        event=VoucherRedeemed(
            voucher_id=voucher.voucher_id,
            previous=before,
            state=voucher_state(voucher),
            redeemed_on=today,
            location_id=location.location_id,
            receipt_number=report.receipt_number,
            days=voucher.days,
        ),
        today=today,
        at=at,
    )
    holder = voucher.holder
    message = VoucherRedeemedMessage(
        voucher_id=voucher.display_id,
        engagement_type=voucher.engagement_type.name,
        service_level_days=voucher.days,
        partner_name=holder.name if holder else "",
        redeemed_on=today,
        recipients=customer_recipients(voucher),
    )
    send(message, at=at)
    return voucher


@dataclass(frozen=True)
class RedemptionResult:
    """One voucher of a batch: redeemed, or refused with the code and sentence of its refusal."""

    voucher_id: str
    redeemed: bool
    code: str = ""
    message: str = ""
    rule: str | None = None
    voucher: Voucher | None = None


def _parse_all(texts: list[str]) -> tuple[list[str], list[RedemptionResult]]:
    canonical: list[str] = []
    refused: list[RedemptionResult] = []
    for text in texts:
        try:
            value = voucher_ids.parse(text)
        except DomainError as error:
            refused.append(
                RedemptionResult(str(text)[:40], False, error.code, error.message, error.rule)
            )
            continue
        if value not in canonical:
            canonical.append(value)
    return canonical, refused


def _not_yours(value: str) -> VoucherNotReservedByYou:
    return VoucherNotReservedByYou(
        f"Your firm does not hold voucher {voucher_ids.display(value)}: it is not reserved by "
        "you, or there is no such voucher (R-RED-1)."
    )


@transaction.atomic
def vouchers_redeem_batch(
    *,
    voucher_ids: list[str],
    location_id: str,
    confirm: bool,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> list[RedemptionResult]:
    """R-RED-2: redeem several vouchers after an explicit confirmation; each is checked on its
    own (in its own savepoint, in agreement order so concurrent batches lock alike) and the
    answer says which were redeemed and why the others were not. Raises Forbidden,
    ConfirmationRequired, TooManyVouchers."""
    actor.require_role(Role.PARTNER_ADMIN, action=_("redeem vouchers"))
    if confirm is not True:
        raise ConfirmationRequired(
            "Confirm the batch redemption: each voucher's days will be consumed and a redeemed "
            "voucher is final (R-RED-2, R-RED-3).",
            details={},
        )
    if not voucher_ids or len(voucher_ids) > MAX_BATCH:
        raise TooManyVouchers(
            f"Send from 1 to {MAX_BATCH} voucher ids in one batch (R-RED-2).",
            details={"count": len(voucher_ids), "max": MAX_BATCH},
        )
    location = access_location_for_partner(actor=actor, location_id=location_id)
    canonical, results = _parse_all(voucher_ids)
    found = {
        v.voucher_id: v
        for v in Voucher.objects.filter(voucher_id__in=canonical, holder_id=actor.organisation_id)
        .select_related("agreement")
        .order_by("agreement_id", "pk")
    }
    by_id: dict[str, RedemptionResult] = {}
    for voucher in found.values():
        try:
            with transaction.atomic():
                redeemed = _redeem(voucher, location, actor, today, at)
            by_id[voucher.voucher_id] = RedemptionResult(voucher.voucher_id, True, voucher=redeemed)
        except VoucherNotFound:  # released meanwhile: no longer the firm's
            refusal = _not_yours(voucher.voucher_id)
            by_id[voucher.voucher_id] = RedemptionResult(
                voucher.voucher_id, False, refusal.code, refusal.message, refusal.rule
            )
        except DomainError as error:
            by_id[voucher.voucher_id] = RedemptionResult(
                voucher.voucher_id, False, error.code, error.message, error.rule
            )
    for value in canonical:
        if value not in by_id:
            refusal = _not_yours(value)
            by_id[value] = RedemptionResult(
                value, False, refusal.code, refusal.message, refusal.rule
            )
    return results + [by_id[value] for value in canonical]
