"""Deliver and report (seed step 6; R-DEL-1, R-DEL-2): the completion report with deliverables."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_countries import countries

from planserv.accounts.models import Organisation
from planserv.core.actor import Actor
from planserv.core.formatting import country_name, long_date
from planserv.core.types import Role
from planserv.notifications.messages import CompletionReportFiledMessage, send
from planserv.partners.models import Consultant
from planserv.partners.selectors import consultants_qualified
from planserv.program.calendar import program_settings_get
from planserv.program.models import PolicyExtension
from planserv.vouchers import deliverables
from planserv.vouchers.deliverables import CheckedFile, Upload
from planserv.vouchers.errors import (
    AttestationMissing,
    ConsultantNotOfFirm,
    ConsultantNotQualified,
    DaysExceedServiceLevel,
    OffsiteDaysExceeded,
    ReportAlreadyFiled,
    ReportInvalid,
    WrongLocationCountry,
)
from planserv.vouchers.events import VoucherDelivered
from planserv.vouchers.lifecycle import VoucherStatus, check_transition
from planserv.vouchers.models import CompletionReport, Deliverable, Reservation, Voucher
from planserv.vouchers.rules import onsite_waiver_for
from planserv.vouchers.services._common import (
    audit_voucher,
    customer_recipients,
    locked_voucher,
    refuse_final,
    refuse_if_expired,
    require_holder,
    voucher_state,
)
from planserv.vouchers.services._held import active_reservation

MAX_TEXT = 5000


@dataclass(frozen=True)
class ReportInput:
    """The completion report form (R-DEL-2). Division and product scope default to the voucher's."""

    delivery_country: str
    start_date: dt.date
    end_date: dt.date
    consultant_ids: list[int]
    onsite_days: int
    offsite_days: int
    summary: str
    next_steps: str
    no_extra_fee: bool
    division: str | None = None
    product_scope: str | None = None
    uploads: list[Upload] = field(default_factory=list)


def _problems(report: ReportInput, reservation: Reservation, today: dt.date) -> list[str]:
    problems = []
    if not report.summary.strip():
        problems.append(_("the summary is empty"))
    if not report.next_steps.strip():
        problems.append(_("the recommended next steps are empty"))
    if len(report.summary) > MAX_TEXT or len(report.next_steps) > MAX_TEXT:
        problems.append(
            _("the summary and next steps are at most %(MAX_TEXT)s characters each")
            % {"MAX_TEXT": MAX_TEXT}
        )
    if report.end_date < report.start_date:
        problems.append(
            _("the end date %(end_date)s is before the start date %(start_date)s")
            % {"end_date": report.end_date, "start_date": report.start_date}
        )
    if report.start_date < reservation.reserved_on:
        problems.append(
            _(
                "the delivery started on %(start_date)s, before the voucher was reserved on "
                "%(reserved_on)s"
            )
            % {"start_date": report.start_date, "reserved_on": reservation.reserved_on}
        )
    if report.end_date > today:
        problems.append(
            _("the end date %(end_date)s is in the future (today is %(today)s)")
            % {"end_date": report.end_date, "today": today}
        )
    if report.onsite_days < 0 or report.offsite_days < 0:
        problems.append(_("on-site and off-site days cannot be negative"))
    if report.delivery_country.strip().upper() not in dict(countries):
        problems.append(
            _("%(delivery_country)r is not an ISO 3166 country code")
            % {"delivery_country": report.delivery_country[:10]}
        )
    return problems


def _check_days(voucher: Voucher, report: ReportInput) -> PolicyExtension | None:
    total = report.onsite_days + report.offsite_days
    if not (1 <= total <= voucher.days):
        raise DaysExceedServiceLevel(
            _(
                "On-site plus off-site days are %(total)s; they must be from 1 to the voucher's "
                "service level of %(days)s days (R-DEL-2)."
            )
            % {"total": total, "days": voucher.days},
            details={"total": total, "service_level": voucher.days},
        )
    limit = program_settings_get().offsite_days_limit
    waiver = onsite_waiver_for(report.end_date)
    if report.offsite_days > limit and waiver is None:
        raise OffsiteDaysExceeded(
            _(
                "%(offsite_days)s off-site days reported; at most %(limit)s may be off-site "
                "unless a waiver is in force on the delivery end date, %(end_date)s (R-DEL-2)."
            )
            % {
                "offsite_days": report.offsite_days,
                "limit": limit,
                "end_date": long_date(report.end_date),
            },
            details={"offsite_days": report.offsite_days, "limit": limit},
        )
    return waiver if report.offsite_days > limit else None


def _consultants(
    firm: Organisation, voucher: Voucher, report: ReportInput
) -> tuple[list[Consultant], list[dict[str, object]]]:
    ids = sorted(set(report.consultant_ids))
    people = list(Consultant.objects.filter(organisation=firm, pk__in=ids).order_by("name", "pk"))
    if not ids or len(people) != len(ids):
        raise ConsultantNotOfFirm(
            _(
                "Name the consultants who delivered the engagement: at least one, each a "
                "consultant of %(name)s (R-DEL-1)."
            )
            % {"name": firm.name},
            details={"consultant_ids": ids[:20]},
        )
    qualified = set(
        consultants_qualified(
            organisation=firm, engagement_type=voucher.engagement_type, on=report.start_date
        )
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )
    if not qualified:
        raise ConsultantNotQualified(
            _(
                "None of the consultants named had passed an exam that qualifies for %(name)s by "
                "the delivery start, %(start_date)s (R-DEL-1)."
            )
            % {"name": voucher.engagement_type.name, "start_date": long_date(report.start_date)},
            details={"consultant_ids": ids},
        )
    snapshot = [
        {"id": p.pk, "name": p.name, "email": p.email, "qualifies": p.pk in qualified}
        for p in people
    ]
    return people, snapshot


def _check(
    voucher: Voucher, reservation: Reservation, report: ReportInput, today: dt.date
) -> PolicyExtension | None:
    problems = _problems(report, reservation, today)
    if problems:
        raise ReportInvalid(
            _("The completion report cannot be filed: %(problems)s (R-DEL-2).")
            % {"problems": "; ".join(problems)},
            details={"problems": problems},
        )
    country = report.delivery_country.strip().upper()
    if country != str(reservation.delivery_country):
        raise WrongLocationCountry(
            _(
                "The voucher was reserved for delivery in %(name)s; the report names "
                "%(country)s. Release and reserve again through a location in the delivery "
                "country (R-LOC-1)."
            )
            % {"name": reservation.delivery_country.name, "country": country_name(country)},
            details={"reserved_for": str(reservation.delivery_country), "reported": country},
        )
    return _check_days(voucher, report)


@transaction.atomic
def voucher_report_delivery(
    *, voucher: Voucher, report: ReportInput, actor: Actor, today: dt.date, at: dt.datetime
) -> CompletionReport:
    """R-DEL-1, R-DEL-2: the reserving firm files the completion report; the voucher becomes
    delivered and the report gets a receipt number. Raises Forbidden, VoucherNotFound,
    DeliverableMissing, TooManyDeliverables, DeliverableTooLarge, UnsupportedDeliverableType,
    AlreadyRedeemed, VoucherExpired, ReportAlreadyFiled, ReportInvalid, WrongLocationCountry,
    DaysExceedServiceLevel, OffsiteDaysExceeded, ConsultantNotOfFirm, ConsultantNotQualified,
    AttestationMissing."""
    actor.require_role(Role.PARTNER_ADMIN, action=_("file completion reports"))
    require_holder(actor, voucher)
    checked = deliverables.check_all(report.uploads)
    voucher = locked_voucher(pk=voucher.pk, today=today)
    require_holder(actor, voucher)
    refuse_final(voucher)
    refuse_if_expired(voucher, today=today)
    if voucher.status == VoucherStatus.DELIVERED:
        raise ReportAlreadyFiled(
            _("The completion report of voucher %(display_id)s is already filed (R-DEL-2).")
            % {"display_id": voucher.display_id},
            details={"voucher_id": voucher.voucher_id},
        )
    check_transition(voucher.status, VoucherStatus.DELIVERED)
    reservation = active_reservation(voucher)
    waiver = _check(voucher, reservation, report, today)
    firm = reservation.partner
    people, snapshot = _consultants(firm, voucher, report)
    if report.no_extra_fee is not True:
        raise AttestationMissing(
            _(
                "Attest that no extra fee was charged to the customer for the voucher-funded "
                "days (R-DEL-2)."
            ),
            details={},
        )
    stored: list[str] = []
    try:
        filed = _file(
            voucher,
            reservation,
            report,
            waiver,
            people,
            snapshot,
            checked,
            stored,
            actor,
            today,
            at,
        )
    except BaseException:
        for name in stored:
            deliverables.delete(name)
        raise
    return filed


def _file(
    voucher: Voucher,
    reservation: Reservation,
    report: ReportInput,
    waiver: PolicyExtension | None,
    people: list[Consultant],
    snapshot: list[dict[str, object]],
    checked: list[CheckedFile],
    stored: list[str],
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> CompletionReport:
    before = voucher_state(voucher)
    number = CompletionReport.objects.filter(voucher=voucher).count() + 1
    filed = CompletionReport.objects.create(
        voucher=voucher,
        reservation=reservation,
        receipt_number=f"RC-{voucher.voucher_id}-{number}",
        delivery_country=report.delivery_country.strip().upper(),
        start_date=report.start_date,
        end_date=report.end_date,
        onsite_days=report.onsite_days,
        offsite_days=report.offsite_days,
        offsite_waiver=waiver,
        division=" ".join(
            (voucher.division if report.division is None else report.division).split()
        )[:200],
        product_scope=" ".join(
            (
                voucher.product_scope if report.product_scope is None else report.product_scope
            ).split()
        )[:200],
        summary=report.summary.strip(),
        next_steps=report.next_steps.strip(),
        no_extra_fee_attested=True,
        consultant_snapshot=snapshot,
        submitted_on=today,
        submitted_at=at,
        submitted_by_label=actor.email,
    )
    filed.consultants.set(people)
    for item in checked:
        name = deliverables.store(item)
        stored.append(name)
        Deliverable.objects.create(
            report=filed,
            storage_name=name,
            original_name=item.original_name,
            content_type=item.content_type,
            extension=item.extension,
            size=len(item.content),
            sha256=item.sha256,
            uploaded_at=at,
        )
    voucher.status = VoucherStatus.DELIVERED
    voucher.delivered_at = at
    voucher.save(update_fields=["status", "delivered_at"])
    audit_voucher(
        actor=actor,
        voucher=voucher,
        event=VoucherDelivered(
            voucher_id=voucher.voucher_id,
            previous=before,
            state=voucher_state(voucher),
            reservation_id=reservation.pk,
            receipt_number=filed.receipt_number,
            delivery_country=str(filed.delivery_country),
            start_date=filed.start_date,
            end_date=filed.end_date,
            onsite_days=filed.onsite_days,
            offsite_days=filed.offsite_days,
            offsite_waiver=waiver.name if waiver else None,
            consultants=tuple(str(p["name"]) for p in snapshot),
            deliverables=tuple(item.original_name for item in checked),
        ),
        today=today,
        at=at,
    )
    send(
        CompletionReportFiledMessage(
            voucher_id=voucher.display_id,
            engagement_type=voucher.engagement_type.name,
            partner_name=reservation.partner.name,
            receipt_number=filed.receipt_number,
            start_date=filed.start_date,
            end_date=filed.end_date,
            deliverable_names=tuple(item.original_name for item in checked),
            voucher_path=reverse("portal:customer_voucher_detail", args=[voucher.voucher_id]),
            recipients=customer_recipients(voucher),
        ),
        at=at,
    )
    return filed
