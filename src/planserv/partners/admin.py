"""Operator admin for firms' competencies, locations, consultants and exams (audited saves).

Enrollments and business profiles belong to the firms: the admin shows them read-only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from planserv.audit.admin_mixins import AuditedModelAdmin, ReadOnlyMixin
from planserv.partners.models import (
    BusinessProfile,
    CompetencyHeld,
    Consultant,
    ConsultantExam,
    Enrollment,
    EnrollmentRenewal,
    EvidenceClaim,
    Location,
)


class StampedAdmin(AuditedModelAdmin):
    """Sets the record's timestamp from the program clock on creation."""

    stamp_field = "created_at"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*super().get_readonly_fields(request, obj), self.stamp_field]

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        from planserv.core import clock

        if getattr(obj, self.stamp_field) is None:
            setattr(obj, self.stamp_field, clock.now())
        super().save_model(request, obj, form, change)


@admin.register(CompetencyHeld)
class CompetencyHeldAdmin(StampedAdmin):
    stamp_field = "recorded_at"
    list_display = ["organisation", "competency", "level", "earned_on", "expires_on"]
    list_filter = ["level", "competency"]
    search_fields = ["organisation__name", "organisation__public_id", "competency__name"]
    autocomplete_fields = ["organisation"]
    date_hierarchy = "expires_on"


@admin.register(Location)
class LocationAdmin(StampedAdmin):
    list_display = ["location_id", "name", "country", "organisation"]
    list_filter = ["country"]
    search_fields = ["location_id", "name", "organisation__name", "organisation__public_id"]
    autocomplete_fields = ["organisation"]


@admin.register(Consultant)
class ConsultantAdmin(StampedAdmin):
    list_display = ["name", "email", "organisation"]
    search_fields = ["name", "email", "organisation__name", "organisation__public_id"]
    autocomplete_fields = ["organisation"]


@admin.register(ConsultantExam)
class ConsultantExamAdmin(StampedAdmin):
    stamp_field = "recorded_at"
    list_display = ["consultant", "exam", "passed_on"]
    list_filter = ["exam"]
    search_fields = ["consultant__name", "consultant__email", "exam__code"]
    autocomplete_fields = ["consultant"]


class EnrollmentRenewalInline(ReadOnlyMixin, admin.TabularInline):
    model = EnrollmentRenewal
    extra = 0
    can_delete = False


@admin.register(Enrollment)
class EnrollmentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["organisation", "offering", "enrolled_on", "last_day", "agreement_version"]
    list_filter = ["offering"]
    search_fields = ["organisation__name", "organisation__public_id"]
    inlines = [EnrollmentRenewalInline]


@admin.register(BusinessProfile)
class BusinessProfileAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["organisation", "is_published", "published_at", "updated_at"]
    list_filter = ["is_published"]
    search_fields = ["organisation__name", "organisation__public_id"]


@admin.register(EvidenceClaim)
class EvidenceClaimAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Claims are written by the firm and decided by the operator in the portal (R-EVD-1)."""

    list_display = ["id", "organisation", "kind", "status", "claimed_at", "decided_at"]
    list_filter = ["kind", "status"]
