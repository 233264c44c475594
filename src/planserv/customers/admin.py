"""Operator admin for customer benefits: read-only views of agreements and the ledger.

Agreements are recorded, imported, granted and corrected through the services, from the operator
portal (/operator/agreements/) and the API; the ledger is never edited (STYLE.md principle 4).
"""

from __future__ import annotations

from django.contrib import admin

from planserv.audit.admin_mixins import AuditedModelAdmin, ReadOnlyMixin
from planserv.customers.models import (
    AgreementImport,
    CoverageLine,
    LedgerAccount,
    LedgerEntry,
    LicensingAgreement,
    TrainingConversion,
)


class CoverageLineInline(ReadOnlyMixin, admin.TabularInline):
    model = CoverageLine
    extra = 0


class LedgerAccountInline(ReadOnlyMixin, admin.TabularInline):
    model = LedgerAccount
    extra = 0
    fields = ["kind", "balance"]


@admin.register(LicensingAgreement)
class LicensingAgreementAdmin(ReadOnlyMixin, AuditedModelAdmin):
    list_display = [
        "licensing_id",
        "customer",
        "agreement_type",
        "start_date",
        "end_date",
        "activated_on",
    ]
    list_filter = ["agreement_type"]
    search_fields = ["licensing_id", "customer__name", "customer__public_id"]
    list_select_related = ["customer"]
    inlines = [CoverageLineInline, LedgerAccountInline]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyMixin, AuditedModelAdmin):
    list_display = [
        "id",
        "agreement",
        "effective_date",
        "cause",
        "source",
        "destination",
        "days",
        "actor_label",
    ]
    list_filter = ["cause"]
    search_fields = ["agreement__licensing_id", "cause_id", "idempotency_key"]
    list_select_related = ["agreement", "source", "destination"]


@admin.register(TrainingConversion)
class TrainingConversionAdmin(ReadOnlyMixin, AuditedModelAdmin):
    list_display = [
        "agreement",
        "converted_on",
        "training_days",
        "planning_days",
        "converted_by_label",
    ]
    list_select_related = ["agreement"]


@admin.register(AgreementImport)
class AgreementImportAdmin(ReadOnlyMixin, AuditedModelAdmin):
    list_display = ["file_name", "status", "created_at", "created_by_label"]
    exclude = ["content"]
