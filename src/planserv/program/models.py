"""Operator-owned program configuration (domain.md section 2 and section 8).

Everything a rule reads about the catalogue, the rates and the retirement calendar is data here,
editable by a program_admin and seeded by migration 0002 with the 2020-21 catalogue.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

SERVICE_LEVELS = (1, 3, 5, 10, 15)


class CompetencyLevel(models.TextChoices):
    SILVER = "silver", _("Silver")
    GOLD = "gold", _("Gold")


LEVEL_RANK = {CompetencyLevel.SILVER: 1, CompetencyLevel.GOLD: 2}


class Competency(models.Model):
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "competencies"

    def __str__(self) -> str:
        return self.name


class Exam(models.Model):
    """An exam or technical assessment that counts towards a competency (R-DEL-1)."""

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=200)
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="exams")

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Offering(models.Model):
    """A sub-program a partner enrolls in (DDPS, SDPS, ...)."""

    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=120)
    targeted_products = models.CharField(max_length=300, blank=True)
    is_cloud = models.BooleanField(default=False)
    enrollment_competencies: models.ManyToManyField[Competency, OfferingCompetency] = (
        models.ManyToManyField(Competency, through="OfferingCompetency", related_name="offerings")
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class OfferingCompetency(models.Model):
    """R-ENR-1: holding any one of these at its minimum level lets a firm enroll."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE)
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT)
    minimum_level = models.CharField(
        max_length=10, choices=CompetencyLevel.choices, default=CompetencyLevel.SILVER
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offering", "competency"], name="offering_comp_unique")
        ]

    def __str__(self) -> str:
        return f"{self.competency} ({self.minimum_level})"


class EngagementType(models.Model):
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    offering = models.ForeignKey(
        Offering, on_delete=models.PROTECT, related_name="engagement_types"
    )
    is_cloud = models.BooleanField(default=False)
    service_levels = models.JSONField(
        default=list, help_text="Allowed lengths in days, a subset of 1, 3, 5, 10, 15."
    )
    deliverable_kinds = models.JSONField(default=list, help_text="Required deliverables.")
    qualifying_competencies: models.ManyToManyField[Competency, EngagementTypeCompetency] = (
        models.ManyToManyField(
            Competency, through="EngagementTypeCompetency", related_name="engagement_types"
        )
    )
    exams = models.ManyToManyField(
        Exam,
        blank=True,
        related_name="engagement_types",
        help_text="Exams a delivering consultant may hold; empty means any exam of a "
        "qualifying competency (R-DEL-1).",
    )

    class Meta:
        ordering = ["offering__code", "name"]

    def __str__(self) -> str:
        return self.name

    def allowed_service_levels(self) -> list[int]:
        return sorted(int(level) for level in (self.service_levels or SERVICE_LEVELS))


class EngagementTypeCompetency(models.Model):
    """R-ENR-2: one of these, held at its minimum level, qualifies a firm to deliver the type."""

    engagement_type = models.ForeignKey(EngagementType, on_delete=models.CASCADE)
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT)
    minimum_level = models.CharField(
        max_length=10, choices=CompetencyLevel.choices, default=CompetencyLevel.SILVER
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["engagement_type", "competency"], name="engagement_type_comp_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competency} ({self.minimum_level})"


class DayRate(models.Model):
    """Amount per engagement day, per delivery country, effective-dated (R-PAY-3). Illustrative."""

    country = CountryField()
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(
        max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    effective_from = models.DateField()
    note = models.CharField(max_length=200, blank=True, default="Illustrative rate")

    class Meta:
        ordering = ["country", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["country", "effective_from"], name="day_rate_unique"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="day_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.amount} {self.currency} from {self.effective_from}"


class ProductPool(models.TextChoices):
    APPLICATIONS = "applications", _("Applications (Office, desktop)")
    SYSTEMS = "systems", _("Systems (Windows, devices)")
    SERVERS = "servers", _("Servers (Windows Server, SQL, SharePoint, Exchange)")
    DYNAMICS = "dynamics", _("Dynamics")


class AccrualBand(models.Model):
    """R-ACC-1: SA coverage of at least `minimum_quantity` in a pool earns these days per 3 years."""

    product_pool = models.CharField(max_length=20, choices=ProductPool.choices)
    minimum_quantity = models.PositiveIntegerField()
    days_per_term = models.PositiveIntegerField(help_text="Days over a 3-year term.")

    class Meta:
        ordering = ["product_pool", "minimum_quantity"]
        constraints = [
            models.UniqueConstraint(
                fields=["product_pool", "minimum_quantity"], name="accrual_band_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product_pool} ≥ {self.minimum_quantity}: {self.days_per_term} days / 3 years"


class AgreementVersion(models.Model):
    """The program agreement text partners sign (R-ENR-1), versioned."""

    version = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=200)
    text = models.TextField()
    effective_from = models.DateField()

    class Meta:
        ordering = ["-effective_from", "-id"]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class PolicyKind(models.TextChoices):
    EXPIRY_EXTENSION = "expiry_extension", _("Extend voucher expiry")
    ONSITE_WAIVER = "onsite_waiver", _("Waive the on-site rule")


class PolicyExtension(models.Model):
    """An operator rule that extends expiry in bulk or waives a rule for a period (R-EXT-1)."""

    kind = models.CharField(max_length=30, choices=PolicyKind.choices)
    name = models.CharField(max_length=200)
    reason = models.TextField()
    # expiry_extension: vouchers created before `created_before` and live on `live_on` get
    # `extra_days`. onsite_waiver: engagements delivered from effective_from to effective_to.
    created_before = models.DateField(null=True, blank=True)
    live_on = models.DateField(null=True, blank=True)
    extra_days = models.PositiveIntegerField(default=0)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["effective_from", "id"]

    def __str__(self) -> str:
        return self.name


class MilestoneKey(models.TextChoices):
    CLOUD_RETIREMENT = "cloud_retirement", _("Cloud retirement")
    TRAINING_CONVERSION_END = "training_conversion_end", _("Training conversion end")
    ACCRUAL_END = "accrual_end", _("Accrual end")
    LAST_CREATE_DAY = "last_create_day", _("Last create/assign day")
    REMOVAL = "removal", _("Remaining days removal")
    LAST_REDEMPTION_DAY = "last_redemption_day", _("Last redemption day")


class MilestoneSemantics(models.TextChoices):
    FIRST_REFUSED_DAY = "first_refused_day", _("From this day the action is refused")
    LAST_ALLOWED_DAY = "last_allowed_day", _("Last day the action is allowed")
    EVENT_DAY = "event_day", _("The day it happens")


class Milestone(models.Model):
    """A dated, editable milestone of the retirement calendar (domain.md section 8)."""

    key = models.CharField(max_length=40, choices=MilestoneKey.choices, unique=True)
    date = models.DateField()
    semantics = models.CharField(max_length=20, choices=MilestoneSemantics.choices)
    title = models.CharField(max_length=120)
    effect = models.TextField()

    class Meta:
        ordering = ["date", "key"]

    def __str__(self) -> str:
        return f"{self.title}: {self.date}"


class ProgramSettings(models.Model):
    """Program-wide numbers (one row): lifetimes, windows, ratios, limits."""

    singleton = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    voucher_validity_days = models.PositiveIntegerField(default=180, help_text="R-VOU-6")
    payment_window_days = models.PositiveIntegerField(default=60, help_text="R-PAY-2")
    training_days_per_planning_day = models.PositiveIntegerField(
        default=1, help_text="R-TRN-1: training days converted into one planning day."
    )
    engagement_type_cap_days = models.PositiveIntegerField(default=15, help_text="R-CAP-1")
    offsite_days_limit = models.PositiveIntegerField(default=3, help_text="R-DEL-2")
    payment_run_cutoff_day = models.PositiveSmallIntegerField(default=15, help_text="R-PAY-6")
    enrollment_term_days = models.PositiveIntegerField(default=365, help_text="R-ENR-1")
    # The program's paying account (SEPA debtor of every remittance file, R-PAY-6); a deployment
    # sets its own in the portal's program settings. Empty: no bank file can be produced.
    paying_account_name = models.CharField(max_length=70, default="planserv Partner Benefits")
    paying_account_iban = models.CharField(max_length=34, blank=True, default="")
    paying_account_bic = models.CharField(max_length=11, blank=True, default="")
    payment_execution_day = models.PositiveSmallIntegerField(
        default=28, help_text="Day of the run's month the bank executes the transfers (1-28)."
    )
    # Reminder thresholds (days before the deadline) and the reviewer's overdue threshold.
    expiry_reminder_first_days = models.PositiveSmallIntegerField(default=30, help_text="R-EXP-1")
    expiry_reminder_last_days = models.PositiveSmallIntegerField(default=7, help_text="R-EXP-1")
    payment_reminder_first_days = models.PositiveSmallIntegerField(default=14, help_text="R-PAY-2")
    payment_reminder_last_days = models.PositiveSmallIntegerField(default=3, help_text="R-PAY-2")
    review_overdue_business_days = models.PositiveSmallIntegerField(
        default=10, help_text="A request validating or held longer than this is overdue."
    )

    class Meta:
        verbose_name_plural = "program settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(singleton=1), name="program_settings_singleton"
            ),
            models.CheckConstraint(
                condition=models.Q(payment_execution_day__gte=1, payment_execution_day__lte=28),
                name="program_settings_execution_day",
            ),
        ]

    def __str__(self) -> str:
        return "Program settings"
