"""Reads of the audit log."""

from __future__ import annotations

from django.db.models import QuerySet

from planserv.audit.models import AuditEvent


def audit_events_for_subject(*, subject_type: str, subject_id: str) -> QuerySet[AuditEvent]:
    """Every event of one object, oldest first: the object's reconstructed history."""
    return AuditEvent.objects.filter(subject_type=subject_type, subject_id=subject_id).order_by(
        "occurred_at", "id"
    )
