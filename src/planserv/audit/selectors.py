"""Reads of the audit log."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet

from planserv.audit.models import AuditEvent
from planserv.core.batches import rows_in_batches
from planserv.core.csv_export import csv_lines


def audit_events_for_subject(*, subject_type: str, subject_id: str) -> QuerySet[AuditEvent]:
    """Every event of one object, oldest first: the object's reconstructed history."""
    return AuditEvent.objects.filter(subject_type=subject_type, subject_id=subject_id).order_by(
        "occurred_at", "id"
    )


@dataclass(frozen=True)
class AuditFilter:
    """The audit browser's filters (docs/operator.md); every field optional, combined with AND."""

    organisation_id: int | None = None
    organisation: str = ""  # part of the organisation label, case-insensitive
    subject_type: str = ""
    subject_id: str = ""
    action: str = ""  # exact, or a prefix ending with "." (e.g. "vouchers.")
    actor: str = ""  # part of the actor label (email), case-insensitive
    date_from: dt.date | None = None  # program date, inclusive
    date_to: dt.date | None = None


def audit_events_filtered(filters: AuditFilter) -> QuerySet[AuditEvent]:
    """The events matching every filter given, newest first (by id: the order of writing)."""
    events = AuditEvent.objects.all()
    if filters.organisation_id is not None:
        events = events.filter(organisation_id=filters.organisation_id)
    if filters.organisation:
        events = events.filter(organisation_label__icontains=filters.organisation)
    if filters.subject_type:
        events = events.filter(subject_type=filters.subject_type)
    if filters.subject_id:
        events = events.filter(subject_id=filters.subject_id)
    if filters.action.endswith("."):
        events = events.filter(action__startswith=filters.action)
    elif filters.action:
        events = events.filter(action=filters.action)
    if filters.actor:
        events = events.filter(actor_label__icontains=filters.actor)
    if filters.date_from is not None:
        events = events.filter(program_date__gte=filters.date_from)
    if filters.date_to is not None:
        events = events.filter(program_date__lte=filters.date_to)
    return events.order_by("-id")


def audit_actions() -> list[str]:
    """Every action written so far, for the browser's filter list."""
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())


CSV_COLUMNS = (
    "id",
    "occurred_at",
    "program_date",
    "action",
    "actor",
    "actor_role",
    "organisation_id",
    "organisation",
    "subject_type",
    "subject_id",
    "subject",
    "reason",
    "request_id",
    "before",
    "after",
)


def audit_event_row(event: AuditEvent) -> list[str]:
    """One event as the CSV export's row (the same fields the browser shows)."""
    return [
        str(event.pk),
        event.occurred_at.isoformat(),
        event.program_date.isoformat(),
        event.action,
        event.actor_label,
        event.actor_role,
        "" if event.organisation_id is None else str(event.organisation_id),
        event.organisation_label,
        event.subject_type,
        event.subject_id,
        event.subject_label,
        event.reason,
        event.request_id,
        "" if event.before is None else json.dumps(event.before, sort_keys=True),
        "" if event.after is None else json.dumps(event.after, sort_keys=True),
    ]


def audit_events_csv(filters: AuditFilter) -> Iterator[str]:
    """The filtered events as CSV lines (the REL-11 writer), read in chunks: stream it, whatever
    the size."""
    events = rows_in_batches(audit_events_filtered(filters), batch=2000)
    return csv_lines(CSV_COLUMNS, (audit_event_row(event) for event in events))
