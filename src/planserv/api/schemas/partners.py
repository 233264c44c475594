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
