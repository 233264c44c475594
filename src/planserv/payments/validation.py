"""R-PAY-4: the automated validation run when a request is filed. Each flag names its rule and
its evidence; flags never refuse, they go to the reviewer with the request.

Facts are taken from the reservation's eligibility snapshot and re-checked on the delivery dates
(the competency on the start and end dates, the consultants' exams on the start date).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Sum

from planserv.core.formatting import long_date
from planserv.partners.eligibility import engagement_type_eligibility
from planserv.partners.selectors import consultant_qualifies
from planserv.program.calendar import program_settings_get
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import CompletionReport, Reservation, Voucher

MAX_OFFSITE_DAYS = 3

Flag = dict[str, Any]


def _flag(code: str, rule: str, message: str, **evidence: Any) -> Flag:
    return {"code": code, "rule": rule, "message": message, "evidence": evidence}


def _report_flags(report: CompletionReport | None) -> list[Flag]:
    if report is None:
        return [_flag("report_missing", "R-DEL-2", "No completion report is on file.")]
    flags = []
    if not report.deliverables.all():
        flags.append(
            _flag(
                "deliverable_missing",
                "R-DEL-2",
                "The completion report has no deliverable.",
                receipt_number=report.receipt_number,
            )
        )
    if not report.no_extra_fee_attested:
        flags.append(
            _flag(
                "extra_fee_attestation_missing",
                "R-DEL-2",
                "The no-extra-fee attestation is absent.",
                receipt_number=report.receipt_number,
            )
        )
    return flags


def _location_flags(voucher: Voucher, reservation: Reservation | None, country: str) -> list[Flag]:
    flags = []
    seen: dict[str, tuple[object, object]] = {}
    if voucher.redeemed_location is not None:
        seen["redeemed_location"] = (
            voucher.redeemed_location.location_id,
            str(voucher.redeemed_location.country),
        )
    if reservation is not None:
        snapshot = reservation.eligibility_snapshot.get("location") or {}
        seen["reserving_location"] = (snapshot.get("location_id"), snapshot.get("country"))
    for role, (location_id, location_country) in seen.items():
        if location_country != country:
            flags.append(
                _flag(
                    "location_country_mismatch",
                    "R-LOC-1",
                    f"The {role.replace('_', ' ')} {location_id} is in {location_country}, "
                    f"the delivery was in {country}.",
                    location_id=location_id,
                    location_country=location_country,
                    delivery_country=country,
                )
            )
    return flags


def _length_flags(voucher: Voucher, report: CompletionReport) -> list[Flag]:
    flags = []
    levels = list(voucher.engagement_type.service_levels or [])
    if levels and voucher.days not in levels:
        flags.append(
            _flag(
                "length_not_allowed",
                "R-VOU-1",
                f"{voucher.days} days is not a service level of this engagement type.",
                days=voucher.days,
                service_levels=levels,
            )
        )
    if report.total_days > voucher.days or (
        report.offsite_days > MAX_OFFSITE_DAYS and report.offsite_waiver_id is None
    ):
        flags.append(
            _flag(
                "length_exceeded",
                "R-DEL-2",
                f"The report counts {report.onsite_days} on-site and {report.offsite_days} "
                f"off-site days for a {voucher.days}-day voucher (off-site at most "
                f"{MAX_OFFSITE_DAYS} without a waiver).",
                onsite_days=report.onsite_days,
                offsite_days=report.offsite_days,
                service_level=voucher.days,
            )
        )
    return flags


def _cap_flags(voucher: Voucher) -> list[Flag]:
    cap = program_settings_get().engagement_type_cap_days
    used = (
        Voucher.objects.filter(
            customer_id=voucher.customer_id,
            engagement_type_id=voucher.engagement_type_id,
            cap_group=voucher.cap_group,
            status__in=[
                VoucherStatus.ASSIGNED,
                VoucherStatus.RESERVED,
                VoucherStatus.DELIVERED,
                VoucherStatus.REDEEMED,
            ],
        ).aggregate(total=Sum("days"))["total"]
        or 0
    )
    if used <= cap:
        return []
    return [
        _flag(
            "cap_exceeded",
            "R-CAP-1",
            f"The customer holds {used} days of this engagement type for this division and "
            f"product scope; the cap is {cap}.",
            used=int(used),
            cap=cap,
        )
    ]


def _qualification_flags(voucher: Voucher, report: CompletionReport) -> list[Flag]:
    flags = []
    firm = voucher.holder
    assert firm is not None  # a redeemed voucher has a holder (voucher_holder_matches_status)
    for day in sorted({report.start_date, report.end_date}):
        eligibility = engagement_type_eligibility(
            organisation=firm, engagement_type=voucher.engagement_type, on=day
        )
        if not eligibility.eligible:
            flags.append(
                _flag(
                    "competency_missing",
                    "R-ENR-2",
                    f"On {long_date(day)} the firm was not eligible: "
                    + "; ".join(eligibility.reasons),
                    on=day.isoformat(),
                    reasons=list(eligibility.reasons),
                )
            )
    consultants = list(report.consultants.all().order_by("pk"))
    qualified = [
        c.pk
        for c in consultants
        if consultant_qualifies(
            consultant=c, engagement_type=voucher.engagement_type, on=report.start_date
        )
    ]
    if not qualified:
        flags.append(
            _flag(
                "consultant_exam_missing",
                "R-DEL-1",
                f"No delivering consultant held a qualifying exam on {long_date(report.start_date)}.",
                on=report.start_date.isoformat(),
                consultants=[c.name for c in consultants],
            )
        )
    return flags


def validation_flags(
    *, voucher: Voucher, report: CompletionReport | None, reservation: Reservation | None
) -> list[Flag]:
    """Every R-PAY-4 finding for a redeemed voucher; an empty list when nothing is wrong."""
    flags = _report_flags(report)
    if reservation is not None and not reservation.eligibility_snapshot.get("eligible", True):
        flags.append(
            _flag(
                "not_eligible_at_reservation",
                "R-ENR-2",
                "The eligibility snapshot taken at reservation says the firm was not eligible.",
                snapshot_checked_on=reservation.eligibility_snapshot.get("checked_on"),
            )
        )
    if report is None:
        return flags
    flags += _location_flags(voucher, reservation, str(report.delivery_country))
    flags += _length_flags(voucher, report)
    flags += _cap_flags(voucher)
    flags += _qualification_flags(voucher, report)
    return flags
