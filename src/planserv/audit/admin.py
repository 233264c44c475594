from django.contrib import admin

from planserv.audit.admin_mixins import ReadOnlyMixin
from planserv.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Read-only: the audit log is append-only (domain.md section 10)."""

    list_display = [
        "occurred_at",
        "program_date",
        "action",
        "actor_label",
        "subject_type",
        "subject_id",
        "organisation_label",
    ]
    list_filter = ["action", "subject_type", "program_date"]
    search_fields = ["subject_id", "actor_label", "organisation_label", "request_id"]
    date_hierarchy = "occurred_at"
