"""Vouchers, their reservations, completion reports and deliverables (domain.md section 5).

Per-state timestamps (`assigned_at`, `reserved_at`, `delivered_at`, `redeemed_at`, `expired_at`,
`cancelled_at`) and database constraints keep the row consistent with its status; the partial
unique index `reservation_one_active_per_voucher` backs R-RES-3. Rows change only through
vouchers.services (no logic in save(), no signals).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from planserv.accounts.models import Organisation
from planserv.partners.models import Consultant, Location
from planserv.program.models import SERVICE_LEVELS, EngagementType, PolicyExtension
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.voucher_id import display


class DaysOutcome(models.TextChoices):
    """Where a voucher's days went when it ended without redemption (R-VOU-7, R-EXP-1)."""

    RETURNED = "returned", _("Returned to the available days")
    FORFEITED = "forfeited", _("Forfeited")


HOLDING = [VoucherStatus.RESERVED, VoucherStatus.DELIVERED, VoucherStatus.REDEEMED]


class Voucher(models.Model):
    voucher_id = models.CharField(
        max_length=9, unique=True, help_text="Canonical public id (R-VOU-4), shown as XXXX-XXXX-C."
    )
    agreement = models.ForeignKey(
        "customers.LicensingAgreement", on_delete=models.PROTECT, related_name="vouchers"
    )
    # Denormalised from the agreement for tenant filters (R-ROLE-1) and the R-CAP-1 sum.
    customer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="customer_vouchers"
    )
    engagement_type = models.ForeignKey(EngagementType, on_delete=models.PROTECT, related_name="+")
    days = models.PositiveSmallIntegerField(help_text="The service level in days (R-VOU-1).")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assigned_vouchers"
    )
    assignee_email = models.EmailField()
    division = models.CharField(max_length=200, blank=True)
    product_scope = models.CharField(max_length=200, blank=True)
    cap_group = models.CharField(
        max_length=420,
        blank=True,
        help_text="Normalised division and product scope: the R-CAP-1 group within customer "
        "and engagement type.",
    )
    nominated_partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominated_vouchers",
        help_text="If set, only this firm may reserve the voucher.",
    )
    holder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="held_vouchers",
        help_text="The firm whose reservation is active (kept when redeemed or expired).",
    )
    status = models.CharField(
        max_length=12, choices=VoucherStatus.choices, default=VoucherStatus.ASSIGNED
    )
    assigned_on = models.DateField(help_text="The program date of creation and assignment.")
    base_expiry_date = models.DateField(help_text="assigned_on + validity (R-VOU-6).")
    expiry_date = models.DateField(
        help_text="Last day the voucher is usable (inclusive), policy extensions applied."
    )
    created_by_label = models.CharField(max_length=254)
    assigned_at = models.DateTimeField()
    reserved_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    redeemed_at = models.DateTimeField(null=True, blank=True)
    redeemed_on = models.DateField(
        null=True, blank=True, help_text="Program date of redemption (payment window, R-PAY-2)."
    )
    redeemed_location = models.ForeignKey(
        Location, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    expired_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    days_outcome = models.CharField(max_length=10, choices=DaysOutcome.choices, blank=True)

    class Meta:
        ordering = ["-assigned_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VoucherStatus.values), name="voucher_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(days__in=list(SERVICE_LEVELS)), name="voucher_days_service_level"
            ),
            models.CheckConstraint(
                condition=Q(expiry_date__gte=models.F("base_expiry_date"))
                & Q(base_expiry_date__gte=models.F("assigned_on")),
                name="voucher_expiry_after_assignment",
            ),
            models.CheckConstraint(
                condition=Q(status__in=HOLDING, holder__isnull=False, reserved_at__isnull=False)
                | Q(
                    status__in=[VoucherStatus.ASSIGNED, VoucherStatus.CANCELLED],
                    holder__isnull=True,
                    reserved_at__isnull=True,
                    delivered_at__isnull=True,
                )
                | Q(status=VoucherStatus.EXPIRED),
                name="voucher_holder_matches_status",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[VoucherStatus.DELIVERED, VoucherStatus.REDEEMED])
                | Q(delivered_at__isnull=False),
                name="voucher_delivered_has_timestamp",
            ),
            models.CheckConstraint(
                condition=~Q(status=VoucherStatus.REDEEMED)
                | Q(
                    redeemed_at__isnull=False,
                    redeemed_on__isnull=False,
                    redeemed_location__isnull=False,
                ),
                name="voucher_redeemed_complete",
            ),
            models.CheckConstraint(
                condition=~Q(status=VoucherStatus.EXPIRED)
                | Q(expired_at__isnull=False) & ~Q(days_outcome=""),
                name="voucher_expired_complete",
            ),
            models.CheckConstraint(
                condition=~Q(status=VoucherStatus.CANCELLED)
                | Q(cancelled_at__isnull=False) & ~Q(days_outcome=""),
                name="voucher_cancelled_complete",
            ),
            models.CheckConstraint(
                condition=Q(days_outcome__in=["", *DaysOutcome.values]),
                name="voucher_days_outcome_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["customer", "status", "id"], name="voucher_customer_status"),
            models.Index(fields=["holder", "status", "id"], name="voucher_holder_status"),
            models.Index(fields=["status", "expiry_date", "id"], name="voucher_status_expiry"),
            models.Index(
                fields=["customer", "engagement_type", "cap_group"], name="voucher_cap_group"
            ),
            models.Index(fields=["assigned_on", "id"], name="voucher_assigned_on"),
            # The lists' order (newest first) per customer and per holder: a page of 50 is read
            # from the index instead of sorting thousands of rows (PERF-6).
            models.Index(
                fields=["customer", "-assigned_at", "-id"], name="voucher_customer_newest"
            ),
            models.Index(fields=["holder", "-assigned_at", "-id"], name="voucher_holder_newest"),
            # The operator's list (every voucher, newest first; by status; by agreement): the
            # first page is read from an index, not a sort of the program (PERF-7).
            models.Index(fields=["-assigned_at", "-id"], name="voucher_newest"),
            models.Index(fields=["status", "-assigned_at", "-id"], name="voucher_status_newest"),
            models.Index(
                fields=["agreement", "-assigned_at", "-id"], name="voucher_agreement_newest"
            ),
        ]

    def __str__(self) -> str:
        return self.display_id

    @property
    def display_id(self) -> str:
        return display(self.voucher_id)


class VoucherExpiryExtension(models.Model):
    """One expiry_extension policy applied to one voucher (R-EXT-1): at most once each."""

    voucher = models.ForeignKey(Voucher, on_delete=models.PROTECT, related_name="extensions")
    policy = models.ForeignKey(PolicyExtension, on_delete=models.PROTECT, related_name="+")
    extra_days = models.PositiveIntegerField()
    previous_expiry_date = models.DateField()
    expiry_date = models.DateField()
    applied_on = models.DateField()
    applied_at = models.DateTimeField()
    applied_by = models.CharField(max_length=20, help_text="job (on live_on) or creation.")

    class Meta:
        ordering = ["voucher", "applied_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["voucher", "policy"], name="voucher_extension_once")
        ]

    def __str__(self) -> str:
        return f"{self.voucher} +{self.extra_days} days ({self.policy})"


class Reservation(models.Model):
    """A partner firm's reservation of a voucher (R-RES-2..4). Active until released; the active
    reservation of a redeemed or expired voucher stays active (it is the one that held it)."""

    voucher = models.ForeignKey(Voucher, on_delete=models.PROTECT, related_name="reservations")
    partner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="voucher_reservations"
    )
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    delivery_country = CountryField()
    start_date = models.DateField(help_text="Planned start (R-RES-2).")
    terms_accepted_at = models.DateTimeField()
    eligibility_snapshot = models.JSONField(
        help_text="R-ENR-2 and R-LOC-1 as checked at the moment of reserving."
    )
    is_active = models.BooleanField(default=True)
    reserved_on = models.DateField()
    reserved_at = models.DateTimeField()
    reserved_by_label = models.CharField(max_length=254)
    released_on = models.DateField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by_label = models.CharField(max_length=254, blank=True)

    class Meta:
        ordering = ["voucher", "-reserved_at", "-id"]
        constraints = [
            # R-RES-3: the backstop for the row lock in voucher_reserve.
            models.UniqueConstraint(
                fields=["voucher"],
                condition=Q(is_active=True),
                name="reservation_one_active_per_voucher",
            ),
            models.CheckConstraint(
                condition=Q(is_active=True, released_at__isnull=True, released_on__isnull=True)
                | Q(is_active=False, released_at__isnull=False, released_on__isnull=False),
                name="reservation_released_iff_inactive",
            ),
        ]
        indexes = [models.Index(fields=["partner", "is_active"], name="reservation_partner")]

    def __str__(self) -> str:
        return f"{self.voucher} reserved by {self.partner_id}"


class CompletionReport(models.Model):
    """The completion report of one reservation (R-DEL-1, R-DEL-2). Voided by a release."""

    voucher = models.ForeignKey(Voucher, on_delete=models.PROTECT, related_name="reports")
    reservation = models.OneToOneField(Reservation, on_delete=models.PROTECT, related_name="report")
    receipt_number = models.CharField(max_length=32, unique=True)
    delivery_country = CountryField()
    start_date = models.DateField()
    end_date = models.DateField()
    onsite_days = models.PositiveSmallIntegerField()
    offsite_days = models.PositiveSmallIntegerField()
    offsite_waiver = models.ForeignKey(
        PolicyExtension, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    division = models.CharField(max_length=200, blank=True)
    product_scope = models.CharField(max_length=200, blank=True)
    summary = models.TextField(max_length=5000)
    next_steps = models.TextField(max_length=5000)
    no_extra_fee_attested = models.BooleanField()
    consultants = models.ManyToManyField(Consultant, related_name="+")
    consultant_snapshot = models.JSONField(
        help_text="The consultants and their qualifying exams (R-DEL-1) as checked on submission."
    )
    submitted_on = models.DateField()
    submitted_at = models.DateTimeField()
    submitted_by_label = models.CharField(max_length=254)
    voided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["voucher", "-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="report_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(no_extra_fee_attested=True), name="report_no_extra_fee_attested"
            ),
            models.CheckConstraint(
                condition=Q(onsite_days__gt=0) | Q(offsite_days__gt=0), name="report_has_days"
            ),
            models.UniqueConstraint(
                fields=["voucher"],
                condition=Q(voided_at__isnull=True),
                name="report_one_current_per_voucher",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_number

    @property
    def total_days(self) -> int:
        return self.onsite_days + self.offsite_days


class Deliverable(models.Model):
    """An uploaded customer deliverable (the plan): stored under a generated name (R-DEL-2)."""

    report = models.ForeignKey(
        CompletionReport, on_delete=models.PROTECT, related_name="deliverables"
    )
    storage_name = models.CharField(max_length=200, unique=True)
    original_name = models.CharField(
        max_length=200, help_text="Shown and offered as the download name; never a path."
    )
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["report", "id"]
        constraints = [models.CheckConstraint(condition=Q(size__gt=0), name="deliverable_size")]

    def __str__(self) -> str:
        return self.original_name
