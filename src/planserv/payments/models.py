"""Payment registrations, payment requests with their status history, and payment runs
(domain.md section 6). Rows change only through payments.services.

Constraints back the rules: one registration per firm and offering (R-PAY-1), one request per
voucher (R-PAY-2), a valid status whose run link matches it, and a request belongs to at most one
run (a foreign key, never a list) so it can never be paid twice (R-PAY-6).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from planserv.accounts.models import Organisation
from planserv.partners.models import Location
from planserv.payments.lifecycle import PaymentRequestStatus
from planserv.program.models import Offering
from planserv.vouchers.models import Voucher

S = PaymentRequestStatus


class PaymentRegistration(models.Model):
    """A firm's remittance details for one offering (R-PAY-1). Sensitive: shown masked."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="payment_registrations"
    )
    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, related_name="+")
    legal_name = models.CharField(max_length=140)
    tax_id = models.CharField(max_length=40)
    iban = models.CharField(max_length=34)
    bic = models.CharField(max_length=11)
    country = CountryField()
    currency = models.CharField(max_length=3)
    registered_on = models.DateField()
    registered_at = models.DateTimeField()
    registered_by_label = models.CharField(max_length=254)

    class Meta:
        ordering = ["organisation", "offering", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "offering"], name="payment_registration_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.legal_name} ({self.iban_masked})"

    @property
    def iban_masked(self) -> str:
        return f"•••• {self.iban[-4:]}"

    @property
    def tax_id_masked(self) -> str:
        return f"•••{self.tax_id[-3:]}" if len(self.tax_id) > 3 else "•••"


class RunStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CONFIRMED = "confirmed", _("Confirmed (paid)")


class PaymentRun(models.Model):
    """One month's run in one currency (R-PAY-6)."""

    public_id = models.CharField(max_length=16, unique=True)
    month = models.DateField(help_text="The first day of the run's month.")
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.OPEN)
    built_on = models.DateField()
    built_at = models.DateTimeField()
    built_by_label = models.CharField(max_length=254)
    confirmed_on = models.DateField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by_label = models.CharField(max_length=254, blank=True)

    class Meta:
        ordering = ["-month", "currency", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "currency"], name="payment_run_month_currency"
            ),
            models.CheckConstraint(
                condition=Q(status__in=RunStatus.values), name="payment_run_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=RunStatus.OPEN, confirmed_at__isnull=True)
                | Q(status=RunStatus.CONFIRMED, confirmed_at__isnull=False),
                name="payment_run_confirmed_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.public_id


class PaymentRequest(models.Model):
    public_id = models.CharField(max_length=16, unique=True)
    voucher = models.OneToOneField(
        Voucher, on_delete=models.PROTECT, related_name="payment_request"
    )  # R-PAY-2: one request per redeemed voucher
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="payment_requests"
    )
    registration = models.ForeignKey(
        PaymentRegistration, on_delete=models.PROTECT, related_name="requests"
    )
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    delivery_country = CountryField()
    days = models.PositiveSmallIntegerField()
    day_rate = models.DecimalField(max_digits=10, decimal_places=2)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    rate_effective_from = models.DateField()
    flags = models.JSONField(default=list, help_text="R-PAY-4 findings: rule, code, evidence.")
    status = models.CharField(max_length=16, choices=S.choices, default=S.SUBMITTED)
    run = models.ForeignKey(
        PaymentRun, on_delete=models.PROTECT, null=True, blank=True, related_name="requests"
    )  # R-PAY-6: at most one run, ever
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    filed_on = models.DateField()
    last_request_date = models.DateField(help_text="The payment window's last day (R-PAY-2).")
    approved_on = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField()
    validating_at = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    in_payment_run_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    denied_at = models.DateTimeField(null=True, blank=True)
    question = models.TextField(blank=True, max_length=2000)
    answer = models.TextField(blank=True, max_length=4000)
    denial_reason = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=S.values), name="payment_request_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0) & Q(day_rate__gt=0), name="payment_request_amount"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[S.IN_PAYMENT_RUN, S.PAID], run__isnull=False)
                | (~Q(status__in=[S.IN_PAYMENT_RUN, S.PAID]) & Q(run__isnull=True)),
                name="payment_request_run_matches_status",
            ),
            models.CheckConstraint(
                condition=~Q(status=S.PAID) | Q(paid_at__isnull=False),
                name="payment_request_paid_has_timestamp",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[S.APPROVED, S.IN_PAYMENT_RUN, S.PAID])
                | Q(approved_at__isnull=False, approved_on__isnull=False),
                name="payment_request_approved_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=S.DENIED) | (Q(denied_at__isnull=False) & ~Q(denial_reason="")),
                name="payment_request_denied_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "id"], name="payreq_org_status"),
            models.Index(fields=["status", "currency", "approved_on"], name="payreq_runnable"),
            # The operator's queue (oldest open first) and recent requests (newest first, the
            # same index read backwards) at 50,000 requests (PERF-7).
            models.Index(
                fields=["submitted_at", "id"],
                name="payreq_review_queue",
                condition=Q(status__in=[S.VALIDATING, S.HELD]),
            ),
            models.Index(fields=["submitted_at", "id"], name="payreq_submitted"),
        ]

    def __str__(self) -> str:
        return self.public_id


class PaymentRequestTransition(models.Model):
    """The status history of a request: one row per change, with who and why (R-PAY-5)."""

    request = models.ForeignKey(PaymentRequest, on_delete=models.PROTECT, related_name="history")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, choices=S.choices)
    on = models.DateField()
    at = models.DateTimeField()
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_label = models.CharField(max_length=254)
    note = models.TextField(blank=True, max_length=4000)

    class Meta:
        ordering = ["request", "at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_status} → {self.to_status}"


class DetailsChangeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class PaymentDetailsChange(models.Model):
    """A firm's new remittance details for one registration (R-PAY-1): submitted by its global
    admin, verified by an operator reviewer before any run pays to the new account. While one is
    pending, the registration's approved requests wait out of payment runs."""

    registration = models.ForeignKey(
        PaymentRegistration, on_delete=models.PROTECT, related_name="details_changes"
    )
    legal_name = models.CharField(max_length=140)
    tax_id = models.CharField(max_length=40)
    iban = models.CharField(max_length=34)
    bic = models.CharField(max_length=11)
    country = CountryField()
    currency = models.CharField(max_length=3)
    status = models.CharField(
        max_length=10, choices=DetailsChangeStatus.choices, default=DetailsChangeStatus.PENDING
    )
    submitted_on = models.DateField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_by_label = models.CharField(max_length=254)
    decided_on = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by_label = models.CharField(max_length=254, blank=True)
    decision_reason = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(status="pending"),
                name="payment_details_change_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "verified", "rejected"]),
                name="payment_details_change_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Change of {self.registration_id} ({self.status})"

    @property
    def iban_masked(self) -> str:
        return f"•••• {self.iban[-4:]}"


class PaymentAnswerFile(models.Model):
    """A file a partner attached to its answer to a hold (an attendee list, a signed plan)."""

    request = models.ForeignKey(
        PaymentRequest, on_delete=models.PROTECT, related_name="answer_files"
    )
    storage_name = models.CharField(max_length=200, unique=True)
    original_name = models.CharField(max_length=140)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField()
    uploaded_by_label = models.CharField(max_length=254)

    class Meta:
        ordering = ["request", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
