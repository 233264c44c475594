from django.contrib import admin

from planserv.audit.admin_mixins import AuditedModelAdmin
from planserv.program.models import (
    AccrualBand,
    AgreementVersion,
    Competency,
    DayRate,
    EngagementType,
    EngagementTypeCompetency,
    Exam,
    Milestone,
    Offering,
    OfferingCompetency,
    PolicyExtension,
    ProgramSettings,
)


class OfferingCompetencyInline(admin.TabularInline):
    model = OfferingCompetency
    extra = 0


class EngagementTypeCompetencyInline(admin.TabularInline):
    model = EngagementTypeCompetency
    extra = 0


@admin.register(Offering)
class OfferingAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "is_cloud"]
    inlines = [OfferingCompetencyInline]


@admin.register(EngagementType)
class EngagementTypeAdmin(AuditedModelAdmin):
    list_display = ["name", "offering", "is_cloud", "service_levels"]
    list_filter = ["offering", "is_cloud"]
    filter_horizontal = ["exams"]
    inlines = [EngagementTypeCompetencyInline]


@admin.register(Competency)
class CompetencyAdmin(AuditedModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Exam)
class ExamAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "competency"]
    list_filter = ["competency"]


@admin.register(DayRate)
class DayRateAdmin(AuditedModelAdmin):
    list_display = ["country", "currency", "amount", "effective_from", "note"]
    list_filter = ["currency"]


@admin.register(AccrualBand)
class AccrualBandAdmin(AuditedModelAdmin):
    list_display = ["product_pool", "minimum_quantity", "days_per_term"]


@admin.register(AgreementVersion)
class AgreementVersionAdmin(AuditedModelAdmin):
    list_display = ["version", "title", "effective_from"]


@admin.register(PolicyExtension)
class PolicyExtensionAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "effective_from", "effective_to", "extra_days"]


@admin.register(Milestone)
class MilestoneAdmin(AuditedModelAdmin):
    list_display = ["title", "key", "date", "semantics"]


@admin.register(ProgramSettings)
class ProgramSettingsAdmin(AuditedModelAdmin):
    list_display = ["__str__", "voucher_validity_days", "payment_window_days"]
    # The paying account is set in the portal (Program settings), validated there; shown masked.
    exclude = ["paying_account_name", "paying_account_iban", "paying_account_bic"]
    readonly_fields = ["paying_account"]
    masked_fields = ("paying_account_iban",)

    @admin.display(description="Paying account (set in the portal's program settings)")
    def paying_account(self, obj: ProgramSettings) -> str:
        iban = obj.paying_account_iban
        return f"{obj.paying_account_name} · •••• {iban[-4:]}" if iban else "not set"
