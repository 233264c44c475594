"""API twins of the operator console (docs/operator.md): bulk voucher operations with a dry run
and the audit browser with its CSV export."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _
from ninja import Query, Router

from planserv.api.auth import actor_of
from planserv.api.pagination import Page, cursor_paginate
from planserv.api.schemas.common import ERRORS
from planserv.api.schemas.operator_console import (
    AuditEventOut,
    AuditQuery,
    BulkItemOut,
    BulkOut,
    ExtendIn,
    ReassignIn,
)
from planserv.audit.models import AuditEvent
from planserv.audit.selectors import audit_events_csv, audit_events_filtered
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.csv_export import csv_response
from planserv.core.errors import Forbidden
from planserv.vouchers.services import (
    BulkResult,
    vouchers_extend_expiry_bulk,
    vouchers_reassign_bulk,
)

router = Router(tags=["operator"])


def _operator(request: HttpRequest) -> Actor:
    actor = actor_of(request)
    if not actor.is_operator:
        raise Forbidden(_("Only the program operator reads the audit log (R-ROLE-1)."))
    return actor


def _bulk_out(result: BulkResult) -> BulkOut:
    return BulkOut(
        operation=result.operation,
        dry_run=result.dry_run,
        changed=result.changed,
        refused=result.refused,
        summary=result.summary,
        policy_id=result.policy_id,
        items=[BulkItemOut(**item.__dict__) for item in result.items],
    )


def _event_out(event: AuditEvent) -> AuditEventOut:
    return AuditEventOut(
        id=event.pk,
        occurred_at=event.occurred_at,
        program_date=event.program_date,
        action=event.action,
        actor=event.actor_label,
        actor_role=event.actor_role,
        organisation_id=event.organisation_id,
        organisation=event.organisation_label,
        subject_type=event.subject_type,
        subject_id=event.subject_id,
        subject=event.subject_label,
        reason=event.reason,
        request_id=event.request_id,
        before=event.before,
        after=event.after,
    )


@router.post(
    "/operator/vouchers/expiry-extensions",
    response={200: BulkOut, **ERRORS},
    operation_id="extendVoucherExpiry",
    summary="Extend the expiry of selected vouchers",
)
def vouchers_extend(request: HttpRequest, payload: ExtendIn) -> BulkOut:
    """R-EXT-1: extend the selected vouchers' expiry as one policy extension, never past the last
    redemption day (R-RED-1). `dry_run` (default true) shows the plan and changes nothing."""
    result = vouchers_extend_expiry_bulk(
        selection=payload.selection(),
        extra_days=payload.extra_days,
        reason=payload.reason,
        name=payload.name,
        dry_run=payload.dry_run,
        actor=actor_of(request),
        today=clock.today(),
        at=clock.now(),
    )
    return _bulk_out(result)


@router.post(
    "/operator/vouchers/reassignments",
    response={200: BulkOut, **ERRORS},
    operation_id="reassignVouchers",
    summary="Give selected vouchers a new assignee",
)
def vouchers_reassign(request: HttpRequest, payload: ReassignIn) -> BulkOut:
    """R-VOU-1, R-VOU-5: give the selected live vouchers a new assignee (a project manager of the
    voucher's customer, emailed). `dry_run` (default true) changes nothing."""
    result = vouchers_reassign_bulk(
        selection=payload.selection(),
        assignee_email=payload.assignee_email,
        reason=payload.reason,
        dry_run=payload.dry_run,
        actor=actor_of(request),
        today=clock.today(),
        at=clock.now(),
    )
    return _bulk_out(result)


@router.get(
    "/operator/audit-events",
    response={200: Page[AuditEventOut], **ERRORS},
    operation_id="listAuditEvents",
    summary="List audit events",
)
def audit_events(
    request: HttpRequest,
    query: Query[AuditQuery],
    cursor: str | None = None,
    limit: int | None = None,
) -> dict[str, object]:
    """The audit log (section 10), newest first, filtered; every operator role reads it."""
    _operator(request)
    return cursor_paginate(
        audit_events_filtered(query.filters()),
        cursor=cursor,
        limit=limit,
        order=("-id",),
        serialize=_event_out,
    )


CSV_RESPONSE = {
    "responses": {
        "200": {
            "description": "The filtered audit events as CSV (streamed).",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}


@router.get(
    "/operator/audit-events.csv",
    response=ERRORS,
    openapi_extra=CSV_RESPONSE,
    operation_id="exportAuditEvents",
    summary="Export audit events as CSV",
)
def audit_events_export(request: HttpRequest, query: Query[AuditQuery]) -> HttpResponseBase:
    """The same filters, every matching event as CSV (no paging)."""
    _operator(request)
    return csv_response(audit_events_csv(query.filters()), filename="audit-events.csv")
