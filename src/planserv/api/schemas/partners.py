"""Request and response schemas of the partners operations (api/routers/partners.py)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class RequirementOut(Schema):
    key: str
    label: str
    met: bool
    reason: str
    rule: str
    action: str


class EngagementTypeEligibilityOut(Schema):
    code: str
    name: str
    eligible: bool
    ready_to_deliver: bool
    requirements: list[RequirementOut]


class EnrollmentSummaryOut(Schema):
    id: int
    enrolled_on: dt.date
    last_day: dt.date
    renewal_opens_on: dt.date


class OfferingEligibilityOut(Schema):
    code: str
    name: str
    cloud: bool
    retired: bool
    enrolled: bool
    enrollment: EnrollmentSummaryOut | None
    can_enroll: bool
    can_renew: bool
    enrollment_requirement: RequirementOut
    engagement_types: list[EngagementTypeEligibilityOut]


class EligibilityOut(Schema):
    partner_id: str
    on: dt.date
    status: str
    next_steps: list[str]
    offerings: list[OfferingEligibilityOut]


class RenewalOut(Schema):
    renewed_on: dt.date
    previous_last_day: dt.date
    last_day: dt.date
    agreement_version: str


class EnrollmentOut(Schema):
    id: int
    offering: str
    offering_name: str
    agreement_version: str
    accepted_by: str | None
    accepted_at: dt.datetime
    enrolled_on: dt.date
    last_day: dt.date
    renewal_opens_on: dt.date
    active: bool
    renewal_open: bool
    renewals: list[RenewalOut]


class EnrollmentCreateIn(Schema):
    offering: str
    agreement_version: str
    accept: bool


class EnrollmentRenewIn(Schema):
    agreement_version: str
    accept: bool


class LocationOut(Schema):
    location_id: str
    name: str
    country: str


class ExamPassedOut(Schema):
    exam: str
    name: str
    competency: str
    passed_on: dt.date


class ConsultantOut(Schema):
    id: int
    name: str
    email: str
    exams: list[ExamPassedOut]


class CompetencyHeldOut(Schema):
    competency: str
    name: str
    level: str
    earned_on: dt.date
    expires_on: dt.date
    valid_today: bool


class ProfileOut(Schema):
    partner_id: str
    name: str
    description: str
    website: str
    countries_served: list[str]
    offerings_delivered: list[str]
    expertise_tags: list[str]
    contact_name: str
    contact_email: str
    contact_phone: str
    logo_url: str | None
    published: bool
    published_at: dt.datetime | None


class ProfileIn(Schema):
    description: str = ""
    website: str = ""
    countries_served: list[str] = []
    offerings_delivered: list[str] = []
    expertise_tags: list[str] = []
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""


class LogoIn(Schema):
    """The image as base64 (PNG, JPEG, GIF or WebP, at most 1 MB once decoded)."""

    filename: str = Field(default="logo", max_length=200)
    content_base64: str = Field(max_length=2_000_000)


class DirectoryCompetencyOut(Schema):
    competency: str
    name: str
    level: str
    expires_on: dt.date


class DirectoryEntryOut(Schema):
    partner_id: str
    name: str
    description: str
    website: str
    countries_served: list[str]
    offerings: list[str]
    expertise_tags: list[str]
    competencies: list[DirectoryCompetencyOut]
    contact_name: str
    contact_email: str
    contact_phone: str
    logo_url: str | None


# --- evidence claims (R-EVD-1) ------------------------------------------------------------------


class EvidenceIn(Schema):
    """Evidence of a claim: a transcript or credential id, a file (PDF, PNG or JPEG as base64, at
    most 5 MB decoded), or both. At least one is required."""

    reference: str = Field(default="", max_length=100, examples=["MS-TRANSCRIPT-8841-2207"])
    evidence_filename: str = Field(default="", max_length=150, examples=["certificate.pdf"])
    evidence_base64: str = Field(default="", max_length=7_000_000)


class CompetencyClaimIn(EvidenceIn):
    competency: str = Field(examples=["windows-and-devices"])
    level: str = Field(examples=["silver"])
    earned_on: dt.date
    expires_on: dt.date


class ExamClaimIn(EvidenceIn):
    exam: str = Field(examples=["MD-100"])
    passed_on: dt.date


class ConsultantIn(Schema):
    name: str = Field(max_length=150, examples=["Chloé Martin"])
    email: str = Field(max_length=254, examples=["chloe.martin@tailspin.example"])


class ClaimVerifyIn(Schema):
    note: str = Field(default="", max_length=1000)


class ClaimRejectIn(Schema):
    reason: str = Field(max_length=1000, examples=["The certificate names another firm."])


class EvidenceClaimOut(Schema):
    id: int
    partner_id: str
    partner_name: str
    kind: str
    status: str
    summary: str
    competency: str | None = None
    level: str | None = None
    earned_on: dt.date | None = None
    expires_on: dt.date | None = None
    consultant_id: int | None = None
    consultant: str | None = None
    exam: str | None = None
    passed_on: dt.date | None = None
    reference: str
    evidence_file: str | None = None
    claimed_at: dt.datetime
    claimed_by: str | None = None
    decided_at: dt.datetime | None = None
    decided_by: str | None = None
    decision_reason: str
