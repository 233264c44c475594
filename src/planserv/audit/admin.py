from django.contrib import admin
from django.http import HttpRequest

from planserv.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
