"""Partner firms' onboarding data (domain.md section 3, seed steps 1-3).

The firm itself is `accounts.Organisation` with kind `partner`; its `public_id` is the partner id.
Competencies, locations and consultants are maintained by the operator (admin, CSV import);
enrollments and the business profile are written by the firm through partners.services.
Validity periods are inclusive on both ends and compared with `<=` (STYLE.md principle 7).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from planserv.accounts.models import Organisation, User
from planserv.program.models import (
    AgreementVersion,
    Competency,
    CompetencyLevel,
    Exam,
    Offering,
)

PARTNER_FIRMS = {"kind": "partner"}


class Location(models.Model):
    """A place the firm acts from (R-LOC-1: its country must equal the delivery country)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="partner_locations",
        limit_choices_to=PARTNER_FIRMS,
    )
    location_id = models.CharField(
        max_length=32, unique=True, help_text="The public location id partners quote (R-LOC-1)."
    )
    country = CountryField()
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["organisation__name", "location_id"]

    def __str__(self) -> str:
        return f"{self.location_id} {self.name} ({self.country})"


class CompetencyHeld(models.Model):
    """A competency the firm holds at a level from `earned_on` through `expires_on` (inclusive)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="competencies_held",
        limit_choices_to=PARTNER_FIRMS,
    )
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=10, choices=CompetencyLevel.choices)
    earned_on = models.DateField()
    expires_on = models.DateField(help_text="Last day the competency is valid (inclusive).")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["organisation__name", "competency__name", "-earned_on", "id"]
        verbose_name_plural = "competencies held"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "competency", "earned_on"],
                name="competency_held_unique_period",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__gte=models.F("earned_on")),
                name="competency_held_expires_after_earned",
            ),
            models.CheckConstraint(
                condition=Q(level__in=CompetencyLevel.values), name="competency_held_level_valid"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "expires_on"])]

    def __str__(self) -> str:
        return (
            f"{self.get_level_display()} {self.competency} ({self.earned_on} to {self.expires_on})"
        )


class Consultant(models.Model):
    """A person of the firm who delivers engagements (R-DEL-1)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="consultants",
        limit_choices_to=PARTNER_FIRMS,
    )
    name = models.CharField(max_length=150)
    email = models.EmailField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["organisation__name", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"], name="consultant_unique_email"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class ConsultantExam(models.Model):
    """An exam or assessment a consultant passed (R-DEL-1)."""

    consultant = models.ForeignKey(Consultant, on_delete=models.CASCADE, related_name="exams")
    exam = models.ForeignKey(Exam, on_delete=models.PROTECT, related_name="+")
    passed_on = models.DateField()
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["consultant", "exam__code"]
        constraints = [
            models.UniqueConstraint(fields=["consultant", "exam"], name="consultant_exam_unique")
        ]

    def __str__(self) -> str:
        return f"{self.exam.code} passed {self.passed_on}"


class Enrollment(models.Model):
    """One continuous enrollment period in an offering (R-ENR-1).

    `enrolled_on` through `last_day` (inclusive); each renewal extends `last_day` by one term and
    adds an EnrollmentRenewal row. A lapsed enrollment is followed by a new Enrollment row; the
    service never lets two periods of one firm and offering overlap.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="enrollments",
        limit_choices_to=PARTNER_FIRMS,
    )
    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, related_name="+")
    agreement_version = models.ForeignKey(
        AgreementVersion,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The agreement version accepted last (at enrollment or renewal).",
    )
    accepted_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    accepted_at = models.DateTimeField()
    enrolled_on = models.DateField()
    last_day = models.DateField(help_text="Inclusive end of the current one-year term.")

    class Meta:
        ordering = ["organisation__name", "offering__code", "-enrolled_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("enrolled_on")),
                name="enrollment_last_day_after_start",
            ),
            models.UniqueConstraint(
                fields=["organisation", "offering", "enrolled_on"],
                name="enrollment_unique_start",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "offering", "last_day"])]

    def __str__(self) -> str:
        return (
            f"{self.organisation} in {self.offering.code} ({self.enrolled_on} to {self.last_day})"
        )


class EnrollmentRenewal(models.Model):
    """The renewal history of an enrollment: each row extended it by one term (R-ENR-1)."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="renewals")
    renewed_on = models.DateField()
    previous_last_day = models.DateField()
    last_day = models.DateField()
    agreement_version = models.ForeignKey(
        AgreementVersion, on_delete=models.PROTECT, related_name="+"
    )
    accepted_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    accepted_at = models.DateTimeField()

    class Meta:
        ordering = ["enrollment", "renewed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gt=models.F("previous_last_day")),
                name="enrollment_renewal_extends",
            )
        ]

    def __str__(self) -> str:
        return f"Renewed {self.renewed_on}: {self.previous_last_day} → {self.last_day}"


class BusinessProfile(models.Model):
    """What customers see in the partner directory (seed step 3)."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.PROTECT,
        related_name="business_profile",
        limit_choices_to=PARTNER_FIRMS,
    )
    description = models.TextField(blank=True, max_length=2500)
    website = models.URLField(blank=True, max_length=300)
    expertise_tags = models.CharField(
        max_length=500, blank=True, help_text="Comma-separated tags, searched as text."
    )
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    offerings_delivered = models.ManyToManyField(Offering, blank=True, related_name="+")
    logo_name = models.CharField(
        max_length=200, blank=True, help_text="Generated storage name; never the uploaded name."
    )
    logo_content_type = models.CharField(max_length=40, blank=True)
    logo_size = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["organisation__name", "id"]
        indexes = [models.Index(fields=["is_published", "organisation"])]

    def __str__(self) -> str:
        return f"Profile of {self.organisation}"

    @property
    def has_logo(self) -> bool:
        return bool(self.logo_name)

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.expertise_tags.split(",") if tag.strip()]


class ServedCountry(models.Model):
    """A country the firm serves, as rows so the directory filters by index."""

    profile = models.ForeignKey(
        BusinessProfile, on_delete=models.CASCADE, related_name="served_countries"
    )
    country = CountryField()

    class Meta:
        ordering = ["profile", "country"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "country"], name="served_country_unique")
        ]
        indexes = [models.Index(fields=["country", "profile"])]

    def __str__(self) -> str:
        return str(self.country)


class ClaimKind(models.TextChoices):
    COMPETENCY = "competency", _("Competency")
    EXAM = "exam", _("Consultant exam")


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class EvidenceClaim(models.Model):
    """A firm's claim of a competency or of a consultant's exam pass, with its evidence (R-EVD-1).

    The claim is the firm's word; the operator verifies or rejects it with a reason. Only a
    verified claim becomes a record that counts (a CompetencyHeld or ConsultantExam row, linked
    here), so eligibility (R-ENR-2) and consultant checks (R-DEL-1) read only verified data.
    Records the operator entered directly (admin, CSV import, before claims existed) are verified
    records without a claim. A decided claim never changes again: the claim history.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="evidence_claims",
        limit_choices_to=PARTNER_FIRMS,
    )
    kind = models.CharField(max_length=12, choices=ClaimKind.choices)
    status = models.CharField(
        max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PENDING
    )
    # a competency claim
    competency = models.ForeignKey(
        Competency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    level = models.CharField(max_length=10, choices=CompetencyLevel.choices, blank=True)
    earned_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    # an exam claim
    consultant = models.ForeignKey(
        Consultant, on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    exam = models.ForeignKey(
        Exam, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    passed_on = models.DateField(null=True, blank=True)
    # evidence: a file, a transcript or credential id, or both
    reference = models.CharField(
        max_length=100, blank=True, help_text="Transcript id or credential id the firm quotes."
    )
    evidence_name = models.CharField(
        max_length=200, blank=True, help_text="Generated storage name; never the uploaded name."
    )
    evidence_label = models.CharField(max_length=150, blank=True)
    evidence_content_type = models.CharField(max_length=100, blank=True)
    evidence_size = models.PositiveIntegerField(default=0)
    claimed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    claimed_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True, max_length=1000)
    competency_held = models.ForeignKey(
        CompetencyHeld, on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    consultant_exam = models.ForeignKey(
        ConsultantExam, on_delete=models.SET_NULL, null=True, blank=True, related_name="claims"
    )

    class Meta:
        ordering = ["claimed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ClaimKind.values), name="evidence_claim_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values), name="evidence_claim_status_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        kind=ClaimKind.COMPETENCY,
                        competency__isnull=False,
                        earned_on__isnull=False,
                        expires_on__isnull=False,
                        level__in=CompetencyLevel.values,
                        expires_on__gte=models.F("earned_on"),
                    )
                    | Q(
                        kind=ClaimKind.EXAM,
                        consultant__isnull=False,
                        exam__isnull=False,
                        passed_on__isnull=False,
                    )
                ),
                name="evidence_claim_fields_of_kind",
            ),
            models.CheckConstraint(
                condition=Q(status=ClaimStatus.PENDING) | Q(decided_at__isnull=False),
                name="evidence_claim_decided_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "claimed_at"]),
            models.Index(fields=["organisation", "claimed_at"]),
        ]

    def __str__(self) -> str:
        return f"Claim {self.pk} ({self.kind}, {self.status})"

    @property
    def has_evidence_file(self) -> bool:
        return bool(self.evidence_name)

    @property
    def is_pending(self) -> bool:
        return self.status == ClaimStatus.PENDING

    @property
    def summary(self) -> str:
        """What is claimed, in the users' words."""
        if self.kind == ClaimKind.COMPETENCY and self.competency is not None:
            return f"{self.get_level_display()} {self.competency.name}"
        if self.consultant is not None and self.exam is not None:
            return f"{self.consultant.name}: exam {self.exam.code}"
        return self.get_kind_display()
