"""The audit log (domain.md section 10): append-only, one row per state change.

Actors and organisations are stored as ids plus a label snapshot, not foreign keys: the log sits
below accounts in the layer order and must outlive anything it describes. The database refuses
UPDATE and DELETE on this table (migration 0002).
"""

from __future__ import annotations

from django.db import models


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(db_index=True)
    program_date = models.DateField()
    action = models.CharField(max_length=80, db_index=True)
    actor_user_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_label = models.CharField(max_length=254)
    actor_role = models.CharField(max_length=40, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    organisation_label = models.CharField(max_length=200, blank=True)
    job_run_id = models.BigIntegerField(null=True, blank=True)
    subject_type = models.CharField(max_length=80)
    subject_id = models.CharField(max_length=64)
    subject_label = models.CharField(max_length=200, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "id"]),
            # The audit browser: newest first (by id) within an organisation, an action or a
            # program day range, read from the index at 1,000,000 events (PERF-7).
            models.Index(fields=["organisation_id", "id"], name="audit_organisation_id"),
            models.Index(fields=["action", "id"], name="audit_action_id"),
            models.Index(fields=["program_date", "id"], name="audit_program_date_id"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.subject_type}:{self.subject_id} by {self.actor_label}"
