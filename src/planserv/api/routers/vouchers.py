"""API operations of the vouchers domain (api.md): create and assign, list and read with deadlines
and the caller's history slice, cancel, validate, reserve / change date / release, completion
report (multipart), redeem, batch redemption. Vouchers are addressed by their public id (the
displayed form with dashes is accepted too)."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from planserv.api import ratelimit
from planserv.api.auth import actor_of
from planserv.api.openapi import example
from planserv.api.pagination import Page, cursor_paginate
from planserv.api.schemas.common import ERRORS
from planserv.api.schemas.vouchers import (
    BatchIn,
    BatchOut,
    BatchResultOut,
    ChangeDateIn,
    CompletionReportOut,
    DeadlinesOut,
    DeliverableOut,
    EngagementTypeRefOut,
    HistoryOut,
    LocationRefOut,
    PreviewOut,
    RedeemIn,
    RefOut,
    ReportIn,
    ReservationOut,
    ReserveIn,
    ValidateIn,
    VoucherCreateIn,
    VoucherDetailOut,
    VoucherFilters,
    VoucherOut,
)
from planserv.core import clock, uploads
from planserv.core.actor import Actor
from planserv.customers.selectors import access_agreement_for_customer
from planserv.program.calendar import ProgramCalendar, calendar_get
from planserv.program.selectors import engagement_type_get
from planserv.vouchers import deliverables
from planserv.vouchers.errors import InvalidVoucherId
from planserv.vouchers.models import Reservation, Voucher
from planserv.vouchers.selectors import (
    access_deliverable,
    access_voucher_for_actor,
    access_voucher_for_customer,
    access_voucher_for_partner,
    access_voucher_held_for_write,
    voucher_active_reservation,
    voucher_current_report,
    voucher_deadlines,
    voucher_history_for,
    voucher_list_for_actor,
)
from planserv.vouchers.services import (
    ReportInput,
    Upload,
    VoucherPreview,
    voucher_cancel,
    voucher_change_start_date,
    voucher_create_and_assign,
    voucher_redeem,
    voucher_release,
    voucher_report_delivery,
    voucher_reserve,
    voucher_validate,
    vouchers_redeem_batch,
)
from planserv.vouchers.voucher_id import parse as parse_voucher_id

router = Router(tags=["vouchers"])


def _type_out(voucher: Voucher) -> EngagementTypeRefOut:
    engagement_type = voucher.engagement_type
    return EngagementTypeRefOut(
        code=engagement_type.code,
        name=engagement_type.name,
        offering=engagement_type.offering.code,
        is_cloud=engagement_type.is_cloud,
    )


def _report_out(voucher: Voucher) -> CompletionReportOut | None:
    report = voucher_current_report(voucher)
    if report is None:
        return None
    return CompletionReportOut(
        receipt_number=report.receipt_number,
        delivery_country=str(report.delivery_country),
        start_date=report.start_date,
        end_date=report.end_date,
        onsite_days=report.onsite_days,
        offsite_days=report.offsite_days,
        offsite_waiver=None if report.offsite_waiver_id is None else str(report.offsite_waiver),
        division=report.division,
        product_scope=report.product_scope,
        summary=report.summary,
        next_steps=report.next_steps,
        consultants=[str(item["name"]) for item in report.consultant_snapshot],
        no_extra_fee_attested=report.no_extra_fee_attested,
        submitted_on=report.submitted_on,
        deliverables=[
            DeliverableOut(
                id=item.pk,
                name=item.original_name,
                content_type=item.content_type,
                size=item.size,
                download_path=reverse(
                    "portal:voucher_deliverable", args=[voucher.voucher_id, item.pk]
                ),
                api_path=reverse(
                    "api:deliverable_download",
                    kwargs={"voucher_id": voucher.voucher_id, "deliverable_id": item.pk},
                ),
            )
            for item in report.deliverables.all()
        ],
    )


def voucher_out(
    voucher: Voucher, *, actor: Actor, calendar: ProgramCalendar, today: dt.date
) -> VoucherOut:
    deadlines = voucher_deadlines(voucher, calendar, today)
    reservation = voucher_active_reservation(voucher)
    customer_view = not actor.is_partner
    return VoucherOut(
        voucher_id=voucher.voucher_id,
        display_id=voucher.display_id,
        status=voucher.status,
        engagement_type=_type_out(voucher),
        days=voucher.days,
        customer=RefOut(public_id=voucher.customer.public_id, name=voucher.customer.name),
        licensing_id=voucher.agreement.licensing_id if customer_view else None,
        assignee_email=voucher.assignee_email if customer_view else None,
        division=voucher.division,
        product_scope=voucher.product_scope,
        nominated_partner=voucher.nominated_partner.public_id
        if voucher.nominated_partner
        else None,
        assigned_on=voucher.assigned_on,
        expiry_date=voucher.expiry_date,
        deadlines=DeadlinesOut(**deadlines.__dict__),
        reservation=None
        if reservation is None
        else ReservationOut(
            partner=RefOut(public_id=reservation.partner.public_id, name=reservation.partner.name),
            location_id=reservation.location.location_id,
            delivery_country=str(reservation.delivery_country),
            start_date=reservation.start_date,
            reserved_on=reservation.reserved_on,
        ),
        report=_report_out(voucher),
        redeemed_on=voucher.redeemed_on,
        redeemed_location_id=voucher.redeemed_location.location_id
        if voucher.redeemed_location
        else None,
        days_outcome=voucher.days_outcome,
    )


def _detail(request: HttpRequest, voucher_id: str) -> VoucherDetailOut:
    """The voucher read for the caller, with its history slice."""
    actor = actor_of(request)
    voucher = access_voucher_for_actor(actor=actor, voucher_id=voucher_id)
    return _detail_of(voucher, actor=actor, today=clock.today())


def _detail_of(
    voucher: Voucher,
    *,
    actor: Actor,
    today: dt.date,
    reservation: Reservation | None = None,
) -> VoucherDetailOut:
    """The answer built from the voucher in hand (a write's answer: the voucher the service
    locked and wrote, no re-read), with the caller's history slice. `reservation`: the
    partner's active reservation when the write returned it."""
    base = voucher_out(voucher, actor=actor, calendar=calendar_get(), today=today)
    history = [
        HistoryOut(
            program_date=entry.program_date,
            at=entry.at,
            action=entry.action,
            title=entry.title,
            detail=entry.detail,
            actor=entry.actor_label,
            organisation=entry.organisation_label,
        )
        for entry in voucher_history_for(actor=actor, voucher=voucher, reservation=reservation)
    ]
    return VoucherDetailOut(**base.dict(), history=history)


def _held_answer(reservation: Reservation, *, actor: Actor, today: dt.date) -> VoucherDetailOut:
    """The answer to a reserve or a date change: the voucher the service locked, holding the
    reservation it wrote, with no completion report yet (status reserved: a report makes it
    delivered, and a release voids the earlier ones)."""
    voucher = reservation.voucher
    voucher.active_reservations = [reservation]  # type: ignore[attr-defined]
    voucher.current_reports = []  # type: ignore[attr-defined]
    return _detail_of(voucher, actor=actor, today=today, reservation=reservation)


@router.post(
    "/vouchers",
    response={201: VoucherDetailOut, **ERRORS},
    operation_id="createVoucher",
    summary="Create and assign a voucher",
)
def voucher_create(request: HttpRequest, payload: VoucherCreateIn) -> Status[VoucherDetailOut]:
    """Create and assign a voucher (benefits_admin; R-VOU-1..6, R-CAP-1)."""
    actor = actor_of(request)
    now = clock.now()  # the request's one clock read
    agreement = access_agreement_for_customer(actor=actor, licensing_id=payload.licensing_id)
    voucher = voucher_create_and_assign(
        agreement=agreement,
        engagement_type=engagement_type_get(code=payload.engagement_type.strip()),
        days=payload.days,
        assignee_email=payload.assignee_email,
        division=payload.division,
        product_scope=payload.product_scope,
        nominated_partner=payload.nominated_partner,
        actor=actor,
        today=now.date(),
        at=now,
    )
    # A new voucher: neither reserved nor reported.
    voucher.active_reservations = []  # type: ignore[attr-defined]
    voucher.current_reports = []  # type: ignore[attr-defined]
    return Status(201, _detail_of(voucher, actor=actor, today=now.date()))


@router.get(
    "/vouchers",
    response={200: Page[VoucherOut], **ERRORS},
    operation_id="listVouchers",
    summary="List the vouchers the caller may see",
)
def voucher_list(request: HttpRequest, filters: Query[VoucherFilters]) -> dict[str, object]:
    """Customer: its vouchers; partner: the vouchers it holds; operator: all. Newest first."""
    actor = actor_of(request)
    calendar, today = calendar_get(), clock.today()
    vouchers = voucher_list_for_actor(
        actor, status=filters.status, licensing_id=filters.licensing_id
    )
    return cursor_paginate(
        vouchers,
        cursor=filters.cursor,
        limit=filters.limit,
        order=("-assigned_at", "-id"),
        serialize=lambda v: voucher_out(v, actor=actor, calendar=calendar, today=today),
    )


@router.post(
    "/vouchers/validate",
    response={200: PreviewOut, **ERRORS},
    operation_id="validateVoucher",
    summary="Preview a voucher before reserving it",
)
@example(
    {
        "voucher_id": "7KXR4MWA9",
        "display_id": "7KXR-4MWA-9",
        "customer_name": "Contoso Bank",
        "engagement_type": {
            "code": "DDPS-W10",
            "name": "Windows 10 deployment planning",
            "offering": "DDPS",
            "is_cloud": False,
        },
        "days": 5,
        "division": "Retail banking",
        "product_scope": "",
        "expiry_date": "2021-08-28",
        "redeem_by": "2021-08-28",
        "eligible": True,
        "eligibility_reasons": [],
        "locations": [{"location_id": "LOC-DE-1", "country": "DE", "name": "Berlin"}],
        "default_delivery_country": "DE",
        "can_reserve": True,
    }
)
def voucher_validate_post(request: HttpRequest, payload: ValidateIn) -> PreviewOut:
    """R-RES-1: what a partner admin may see before reserving. An unknown id and a wrong email
    get the same answer. Limited per voucher id and per token (429 with Retry-After), so an
    assignee's email cannot be guessed (docs/api.md, "Rate limits")."""
    _limit_validation(request, payload.voucher_id)
    preview = voucher_validate(
        voucher_id=payload.voucher_id,
        email=payload.email,
        actor=actor_of(request),
        today=clock.today(),
    )
    return _preview_out(preview)


def _limit_validation(request: HttpRequest, voucher_id: str) -> None:
    try:
        voucher_key = parse_voucher_id(voucher_id)
    except InvalidVoucherId:
        voucher_key = "".join(voucher_id.split()).replace("-", "").upper()[:40]
    ratelimit.hit(
        f"validate:voucher:{voucher_key}",
        limit=ratelimit.limit_of("PLANSERV_VALIDATE_RATE_LIMIT_PER_VOUCHER", (10, 3600)),
        what="validating one voucher",
    )
    credential = request.headers.get("Authorization", "")
    ratelimit.hit(
        "validate:token:" + hashlib.sha256(credential.encode()).hexdigest()[:40],
        limit=ratelimit.limit_of("PLANSERV_VALIDATE_RATE_LIMIT_PER_TOKEN", (30, 3600)),
        what="validating vouchers with one token",
    )


def _preview_out(preview: VoucherPreview) -> PreviewOut:
    voucher = preview.voucher
    return PreviewOut(
        voucher_id=voucher.voucher_id,
        display_id=voucher.display_id,
        customer_name=preview.customer_name,
        engagement_type=_type_out(voucher),
        days=voucher.days,
        division=voucher.division,
        product_scope=voucher.product_scope,
        expiry_date=voucher.expiry_date,
        redeem_by=preview.redeem_by,
        eligible=preview.eligibility.eligible,
        eligibility_reasons=list(preview.eligibility.reasons),
        locations=[
            LocationRefOut(location_id=loc.location_id, country=str(loc.country), name=loc.name)
            for loc in preview.locations
        ],
        default_delivery_country=preview.default_delivery_country,
        can_reserve=preview.can_reserve,
    )


@router.get(
    "/vouchers/{voucher_id}",
    response={200: VoucherDetailOut, **ERRORS},
    operation_id="getVoucher",
    summary="Read one voucher with deadlines and history",
)
def voucher_get(request: HttpRequest, voucher_id: str) -> VoucherDetailOut:
    """One voucher with status, deadlines and the caller's history slice (R-ROLE-1)."""
    return _detail(request, voucher_id)


DOWNLOAD_RESPONSE = {
    "responses": {
        "200": {
            "description": "The file, as an attachment under its cleaned name.",
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    }
}


@router.get(
    "/vouchers/{voucher_id}/deliverables/{deliverable_id}",
    response=ERRORS,
    url_name="deliverable_download",
    openapi_extra=DOWNLOAD_RESPONSE,
    operation_id="downloadDeliverable",
    summary="Download a deliverable of a completion report",
)
def deliverable_download(
    request: HttpRequest, voucher_id: str, deliverable_id: int
) -> HttpResponseBase:
    """Download a deliverable of the voucher's completion report: for the delivering partner
    firm, the customer and operators (R-DEL-2, R-ROLE-1); anyone else gets 404."""
    item = access_deliverable(
        actor=actor_of(request), voucher_id=voucher_id, deliverable_id=deliverable_id
    )
    return uploads.file_response(
        deliverables.open_file(item.storage_name),
        content_type=item.content_type,
        download_name=item.original_name,
    )


@router.post(
    "/vouchers/{voucher_id}/cancel",
    response={200: VoucherDetailOut, **ERRORS},
    operation_id="cancelVoucher",
    summary="Cancel an unreserved voucher",
)
def voucher_cancel_post(request: HttpRequest, voucher_id: str) -> VoucherDetailOut:
    """R-VOU-7: cancel an unreserved voucher (benefits_admin)."""
    actor = actor_of(request)
    voucher = access_voucher_for_customer(actor=actor, voucher_id=voucher_id)
    voucher_cancel(voucher=voucher, actor=actor, today=clock.today(), at=clock.now())
    return _detail(request, voucher_id)


@router.post(
    "/vouchers/{voucher_id}/reservation",
    response={201: VoucherDetailOut, **ERRORS},
    operation_id="reserveVoucher",
    summary="Reserve a voucher for the caller's firm",
)
def reservation_create(
    request: HttpRequest, voucher_id: str, payload: ReserveIn
) -> Status[VoucherDetailOut]:
    """R-RES-2, R-RES-3: reserve for the caller's firm; a second reserver gets already_reserved."""
    actor = actor_of(request)
    now = clock.now()  # the request's one clock read
    reservation = voucher_reserve(
        voucher_id=voucher_id,
        email=payload.email,
        location_id=payload.location_id,
        start_date=payload.start_date,
        accept_terms=payload.accept_terms,
        delivery_country=payload.delivery_country,
        actor=actor,
        today=now.date(),
        at=now,
    )
    return Status(201, _held_answer(reservation, actor=actor, today=now.date()))


@router.patch(
    "/vouchers/{voucher_id}/reservation",
    response={200: VoucherDetailOut, **ERRORS},
    operation_id="changeReservationDate",
    summary="Move a reservation's planned start date",
)
def reservation_change(
    request: HttpRequest, voucher_id: str, payload: ChangeDateIn
) -> VoucherDetailOut:
    """R-RES-4: move the planned start date."""
    actor = actor_of(request)
    now = clock.now()  # the request's one clock read
    voucher = access_voucher_held_for_write(actor=actor, voucher_id=voucher_id)
    reservation = voucher_change_start_date(
        voucher=voucher,
        start_date=payload.start_date,
        actor=actor,
        today=now.date(),
        at=now,
    )
    return _held_answer(reservation, actor=actor, today=now.date())


@router.delete(
    "/vouchers/{voucher_id}/reservation",
    response={200: VoucherOut, **ERRORS},
    operation_id="releaseReservation",
    summary="Release a reservation",
)
def reservation_release(request: HttpRequest, voucher_id: str) -> VoucherOut:
    """R-RES-4: release; the voucher is assigned again with the same expiry. The answer is the
    voucher as it was released (the firm no longer holds it, so it cannot read it again)."""
    actor = actor_of(request)
    now = clock.now()  # the request's one clock read
    voucher = access_voucher_held_for_write(actor=actor, voucher_id=voucher_id)
    released = voucher_release(voucher=voucher, actor=actor, today=now.date(), at=now)
    released.active_reservations = []  # type: ignore[attr-defined]
    released.current_reports = []  # type: ignore[attr-defined]
    return voucher_out(released, actor=actor, calendar=calendar_get(), today=now.date())


@router.post(
    "/vouchers/{voucher_id}/completion-report",
    response={201: VoucherDetailOut, **ERRORS},
    operation_id="fileCompletionReport",
    summary="File the completion report with deliverables",
)
def completion_report(
    request: HttpRequest,
    voucher_id: str,
    payload: Form[ReportIn],
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Status[VoucherDetailOut]:
    """R-DEL-2 (multipart): report fields and one or more deliverable files (`files`: PDF, DOCX,
    PPTX or XLSX, at most 10 MB each) → the receipt number in `report.receipt_number`."""
    actor = actor_of(request)
    voucher = access_voucher_for_partner(actor=actor, voucher_id=voucher_id)
    uploads = [
        Upload(name=item.name or "", content=item.read(deliverables.MAX_BYTES + 1))
        for item in (files or [])
    ]
    voucher_report_delivery(
        voucher=voucher,
        report=ReportInput(**payload.dict(), uploads=uploads),
        actor=actor,
        today=clock.today(),
        at=clock.now(),
    )
    return Status(201, _detail(request, voucher_id))


@router.post(
    "/vouchers/{voucher_id}/redeem",
    response={200: VoucherDetailOut, **ERRORS},
    operation_id="redeemVoucher",
    summary="Redeem a delivered voucher",
)
def voucher_redeem_post(
    request: HttpRequest, voucher_id: str, payload: RedeemIn
) -> VoucherDetailOut:
    """R-RED-1: redeem through a location in the delivery country."""
    actor = actor_of(request)
    now = clock.now()  # the request's one clock read
    voucher = access_voucher_held_for_write(actor=actor, voucher_id=voucher_id)
    redeemed = voucher_redeem(
        voucher=voucher,
        location_id=payload.location_id,
        actor=actor,
        today=now.date(),
        at=now,
    )
    # The voucher as the service locked and wrote it; the redeemed voucher is no longer held,
    # so it is not re-read through the partner's list. Its reservation and report are read.
    return _detail_of(redeemed, actor=actor, today=now.date())


@router.post(
    "/redemptions",
    response={200: BatchOut, **ERRORS},
    operation_id="redeemVouchers",
    summary="Redeem several vouchers at once",
)
def redemptions(request: HttpRequest, payload: BatchIn) -> BatchOut:
    """R-RED-2: redeem several vouchers after confirmation; a result per voucher."""
    results = vouchers_redeem_batch(
        voucher_ids=payload.voucher_ids,
        location_id=payload.location_id,
        confirm=payload.confirm,
        actor=actor_of(request),
        today=clock.today(),
        at=clock.now(),
    )
    return BatchOut(
        redeemed=sum(1 for result in results if result.redeemed),
        refused=sum(1 for result in results if not result.redeemed),
        results=[
            BatchResultOut(
                voucher_id=result.voucher_id,
                redeemed=result.redeemed,
                code=result.code or "redeemed",
                message=result.message or "Redeemed.",
                rule=result.rule,
            )
            for result in results
        ],
    )
