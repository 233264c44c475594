"""Operator admin for vouchers: read-only. Every change goes through vouchers.services (the
lifecycle, the ledger and the audit trail move together); operators read vouchers here and
through the API."""

from __future__ import annotations

from django.contrib import admin

from planserv.audit.admin_mixins import ReadOnlyMixin
from planserv.vouchers.models import (
    CompletionReport,
    Deliverable,
    Reservation,
    Voucher,
    VoucherExpiryExtension,
)


class ReservationInline(ReadOnlyMixin, admin.TabularInline):
    model = Reservation
    extra = 0
    fields = [
        "partner",
        "location",
        "delivery_country",
        "start_date",
        "reserved_on",
        "is_active",
        "released_on",
    ]


class ExtensionInline(ReadOnlyMixin, admin.TabularInline):
    model = VoucherExpiryExtension
    extra = 0
    fields = [
        "policy",
        "extra_days",
        "previous_expiry_date",
        "expiry_date",
        "applied_on",
        "applied_by",
    ]


@admin.register(Voucher)
class VoucherAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "voucher_id",
        "customer",
        "engagement_type",
        "days",
        "status",
        "holder",
        "assigned_on",
        "expiry_date",
    ]
    list_filter = ["status", "engagement_type__offering"]
    search_fields = ["voucher_id", "customer__name", "customer__public_id", "assignee_email"]
    list_select_related = ["customer", "engagement_type", "holder"]
    inlines = [ReservationInline, ExtensionInline]


class DeliverableInline(ReadOnlyMixin, admin.TabularInline):
    model = Deliverable
    extra = 0
    fields = ["original_name", "content_type", "size", "sha256", "uploaded_at"]


@admin.register(CompletionReport)
class CompletionReportAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["receipt_number", "voucher", "delivery_country", "end_date", "voided_at"]
    search_fields = ["receipt_number", "voucher__voucher_id"]
    list_select_related = ["voucher"]
    inlines = [DeliverableInline]
