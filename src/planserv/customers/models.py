"""Customer benefits (domain.md section 4.1): licensing agreements, their SA coverage, activation.

The customer organisation is `accounts.Organisation` with kind `customer`. The days ledger lives
in `customers/ledger/`; its models are re-exported here so Django finds them.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planserv.accounts.models import Organisation
from planserv.customers.ledger.models import (  # noqa: F401  (re-exported for Django)
    LedgerAccount,
    LedgerDayFlow,
    LedgerEntry,
)
from planserv.program.models import ProductPool


class AgreementType(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise Agreement")
    SELECT = "select", _("Select Plus")
    OPEN_VALUE = "open_value", _("Open Value")
    MPSA = "mpsa", _("MPSA")


class LicensingAgreement(models.Model):
    """A volume-licensing agreement of a customer; active on d when start_date <= d <= end_date."""

    customer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="licensing_agreements"
    )
    licensing_id = models.CharField(
        max_length=40, unique=True, help_text="The public licensing id, e.g. EA-WG-2019-01."
    )
    agreement_type = models.CharField(max_length=20, choices=AgreementType.choices)
    start_date = models.DateField()
    end_date = models.DateField()
    # R-ACT-1: per-state fields of the one transition an agreement has (not activated → activated).
    activated_on = models.DateField(null=True, blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    activated_by_label = models.CharField(max_length=254, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["licensing_id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="agreement_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(agreement_type__in=AgreementType.values),
                name="agreement_type_valid",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(activated_on__isnull=True, activated_at__isnull=True)
                    | models.Q(activated_on__isnull=False, activated_at__isnull=False)
                ),
                name="agreement_activation_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.licensing_id

    @property
    def is_activated(self) -> bool:
        return self.activated_on is not None

    def is_active_on(self, day: dt.date) -> bool:
        return self.start_date <= day <= self.end_date


class CoverageLine(models.Model):
    """SA coverage of one product pool on an agreement: the quantity of covered licences."""

    agreement = models.ForeignKey(
        LicensingAgreement, on_delete=models.CASCADE, related_name="coverage_lines"
    )
    product_pool = models.CharField(max_length=20, choices=ProductPool.choices)
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ["agreement", "product_pool"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "product_pool"], name="coverage_line_one_per_pool"
            ),
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="coverage_positive"),
            models.CheckConstraint(
                condition=models.Q(product_pool__in=ProductPool.values),
                name="coverage_pool_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_product_pool_display()}: {self.quantity}"


class TrainingConversion(models.Model):
    """R-TRN-1: training-voucher days converted into planning days at the operator-set ratio."""

    agreement = models.ForeignKey(
        LicensingAgreement, on_delete=models.PROTECT, related_name="training_conversions"
    )
    request_key = models.CharField(
        max_length=200, unique=True, help_text="Makes a repeated request a no-op."
    )
    training_days = models.PositiveIntegerField()
    planning_days = models.PositiveIntegerField()
    training_days_per_planning_day = models.PositiveIntegerField()
    converted_on = models.DateField()
    converted_at = models.DateTimeField()
    converted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    converted_by_label = models.CharField(max_length=254)

    class Meta:
        ordering = ["-converted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(training_days__gt=0, planning_days__gt=0),
                name="conversion_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    training_days=models.F("planning_days")
                    * models.F("training_days_per_planning_day")
                ),
                name="conversion_at_ratio",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.training_days} training days → {self.planning_days} planning days"


class ImportStatus(models.TextChoices):
    CHECKED = "checked", _("Checked (dry run)")
    COMMITTED = "committed", _("Imported")


class AgreementImport(models.Model):
    """An operator's CSV upload of agreements: checked first (dry run), then committed."""

    file_name = models.CharField(max_length=200)
    content = models.TextField()
    content_sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=12, choices=ImportStatus.choices)
    results = models.JSONField(default=list, help_text="Per-row outcome of the last check/run.")
    created_at = models.DateTimeField()
    created_by_label = models.CharField(max_length=254)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ImportStatus.values), name="import_status_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
