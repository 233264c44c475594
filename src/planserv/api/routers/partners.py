"""API operations of the partners domain (api.md): eligibility, enrollments, profile, directory."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Status

from planserv.accounts.models import Organisation
from planserv.api.auth import actor_of
from planserv.api.pagination import Page, cursor_paginate
from planserv.api.schemas.common import ERRORS
from planserv.api.schemas.partners import (
    ClaimRejectIn,
    ClaimVerifyIn,
    CompetencyClaimIn,
    CompetencyHeldOut,
    ConsultantIn,
    ConsultantOut,
    DirectoryCompetencyOut,
    DirectoryEntryOut,
    EligibilityOut,
    EngagementTypeEligibilityOut,
    EnrollmentCreateIn,
    EnrollmentOut,
    EnrollmentRenewIn,
    EnrollmentSummaryOut,
    EvidenceClaimOut,
    EvidenceIn,
    ExamClaimIn,
    ExamPassedOut,
    LocationOut,
    LogoIn,
    OfferingEligibilityOut,
    ProfileIn,
    ProfileOut,
    RenewalOut,
    RequirementOut,
)
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.errors import Forbidden, InvalidInput
from planserv.partners.eligibility import FirmEligibility, OfferingRow, renewal_opens_on
from planserv.partners.errors import EnrollmentNotFound
from planserv.partners.models import (
    BusinessProfile,
    ClaimStatus,
    Consultant,
    Enrollment,
    EvidenceClaim,
    Location,
)
from planserv.partners.selectors import (
    access_claim,
    access_consultant_for_partner,
    claims_by_status,
    claims_for_firm,
    competencies_for_firm,
    competency_by_code,
    consultants_for_firm,
    directory_search,
    enrollments_for_firm,
    exam_by_code,
    firm_eligibility,
    firm_of,
    locations_for_firm,
    offering_get,
    profile_for_firm,
)
from planserv.partners.services import (
    Evidence,
    ProfileInput,
    claim_reject,
    claim_verify,
    competency_claim,
    consultant_create,
    enrollment_create,
    enrollment_renew,
    exam_claim,
    profile_logo_remove,
    profile_logo_upload,
    profile_publish,
    profile_unpublish,
    profile_update,
)
from planserv.program.models import Offering

router = Router(tags=["partners"])


def _partner_firm(actor: Actor) -> Organisation:
    if not actor.is_partner:
        raise Forbidden(_("Only members of a partner firm may use this operation (R-ROLE-1)."))
    return firm_of(actor)


def _offering(code: str) -> Offering:
    return offering_get(code=code)


# --- eligibility -------------------------------------------------------------------------------


def _offering_out(row: OfferingRow) -> OfferingEligibilityOut:
    enrollment = row.enrollment
    return OfferingEligibilityOut(
        code=row.offering.code,
        name=row.offering.name,
        cloud=row.offering.is_cloud,
        retired=row.retired,
        enrolled=enrollment is not None,
        enrollment=None
        if enrollment is None
        else EnrollmentSummaryOut(
            id=enrollment.pk,
            enrolled_on=enrollment.enrolled_on,
            last_day=enrollment.last_day,
            renewal_opens_on=renewal_opens_on(enrollment),
        ),
        can_enroll=row.can_enroll,
        can_renew=row.can_renew,
        enrollment_requirement=RequirementOut(**row.enroll_requirement.as_dict()),
        engagement_types=[
            EngagementTypeEligibilityOut(
                code=type_row.engagement_type.code,
                name=type_row.engagement_type.name,
                eligible=type_row.eligible,
                ready_to_deliver=type_row.ready,
                requirements=[RequirementOut(**r.as_dict()) for r in type_row.requirements],
            )
            for type_row in row.engagement_types
        ],
    )


def _eligibility_out(result: FirmEligibility) -> EligibilityOut:
    return EligibilityOut(
        partner_id=result.organisation.public_id,
        on=result.on,
        status=result.status,
        next_steps=list(result.next_steps),
        offerings=[_offering_out(row) for row in result.offerings],
    )


@router.get(
    "/partner/eligibility",
    response={200: EligibilityOut, **ERRORS},
    operation_id="getEligibility",
    summary="Read the firm's eligibility per offering and engagement type",
)
def eligibility(request: HttpRequest) -> EligibilityOut:
    """Per offering and engagement type: requirements met/unmet with reasons (R-ENR-1, R-ENR-2,
    R-DEL-1), overall status not_started / in_progress / eligible."""
    firm = _partner_firm(actor_of(request))
    return _eligibility_out(firm_eligibility(organisation=firm, on=clock.today()))


# --- enrollments -------------------------------------------------------------------------------


def _enrollment_out(enrollment: Enrollment, today: dt.date) -> EnrollmentOut:
    opens = renewal_opens_on(enrollment)
    active = enrollment.enrolled_on <= today <= enrollment.last_day
    return EnrollmentOut(
        id=enrollment.pk,
        offering=enrollment.offering.code,
        offering_name=enrollment.offering.name,
        agreement_version=enrollment.agreement_version.version,
        accepted_by=enrollment.accepted_by.email if enrollment.accepted_by else None,
        accepted_at=enrollment.accepted_at,
        enrolled_on=enrollment.enrolled_on,
        last_day=enrollment.last_day,
        renewal_opens_on=opens,
        active=active,
        renewal_open=active and opens <= today,
        renewals=[
            RenewalOut(
                renewed_on=renewal.renewed_on,
                previous_last_day=renewal.previous_last_day,
                last_day=renewal.last_day,
                agreement_version=renewal.agreement_version.version,
            )
            for renewal in enrollment.renewals.all()
        ],
    )


@router.get(
    "/partner/enrollments",
    response={200: Page[EnrollmentOut], **ERRORS},
    operation_id="listEnrollments",
    summary="List the firm's enrollments",
)
def enrollments(
    request: HttpRequest, cursor: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    """The firm's enrollments, newest first, with last days and renewal dates (R-ENR-1)."""
    firm = _partner_firm(actor_of(request))
    today = clock.today()
    return cursor_paginate(
        enrollments_for_firm(firm),
        cursor=cursor,
        limit=limit,
        order=("-enrolled_on", "-id"),
        serialize=lambda row: _enrollment_out(row, today),
    )


def _reload(enrollment: Enrollment) -> Enrollment:
    return enrollments_for_firm(enrollment.organisation).get(pk=enrollment.pk)


@router.post(
    "/partner/enrollments",
    response={201: EnrollmentOut, **ERRORS},
    operation_id="createEnrollment",
    summary="Enroll the firm in an offering",
)
def enrollment_post(request: HttpRequest, payload: EnrollmentCreateIn) -> Status[EnrollmentOut]:
    """R-ENR-1: a global_admin enrolls the firm, accepting the current agreement version."""
    actor = actor_of(request)
    today = clock.today()
    enrollment = enrollment_create(
        organisation=_partner_firm(actor),
        offering=_offering(payload.offering),
        agreement_version=payload.agreement_version,
        accepted=payload.accept,
        actor=actor,
        today=today,
        at=clock.now(),
    )
    return Status(201, _enrollment_out(_reload(enrollment), today))


@router.post(
    "/partner/enrollments/{offering}/renewal",
    response={200: EnrollmentOut, **ERRORS},
    operation_id="renewEnrollment",
    summary="Renew an enrollment",
)
def enrollment_renewal(
    request: HttpRequest, offering: str, payload: EnrollmentRenewIn
) -> EnrollmentOut:
    """R-ENR-1: renew the current enrollment in the 30 days before its last day."""
    actor = actor_of(request)
    firm = _partner_firm(actor)
    today = clock.today()
    current = (
        enrollments_for_firm(firm)
        .filter(offering=_offering(offering), last_day__gte=today)
        .order_by("-last_day", "-id")
        .first()
    )
    if current is None:
        raise EnrollmentNotFound(
            _("The firm has no current enrollment in %(offering)s.") % {"offering": offering}
        )
    renewed = enrollment_renew(
        enrollment=current,
        agreement_version=payload.agreement_version,
        accepted=payload.accept,
        actor=actor,
        today=today,
        at=clock.now(),
    )
    return _enrollment_out(_reload(renewed), today)


# --- firm data (read-only for partners) ---------------------------------------------------------


@router.get(
    "/partner/locations",
    response={200: Page[LocationOut], **ERRORS},
    operation_id="listLocations",
    summary="List the firm's locations",
)
def locations(
    request: HttpRequest, cursor: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    firm = _partner_firm(actor_of(request))

    def out(row: Location) -> LocationOut:
        return LocationOut(location_id=row.location_id, name=row.name, country=str(row.country))

    return cursor_paginate(
        locations_for_firm(firm), cursor=cursor, limit=limit, order=("location_id",), serialize=out
    )


@router.get(
    "/partner/consultants",
    response={200: Page[ConsultantOut], **ERRORS},
    operation_id="listConsultants",
    summary="List the firm's consultants",
)
def consultants(
    request: HttpRequest, cursor: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    firm = _partner_firm(actor_of(request))

    def out(row: Consultant) -> ConsultantOut:
        return ConsultantOut(
            id=row.pk,
            name=row.name,
            email=row.email,
            exams=[
                ExamPassedOut(
                    exam=passed.exam.code,
                    name=passed.exam.name,
                    competency=passed.exam.competency.code,
                    passed_on=passed.passed_on,
                )
                for passed in row.exams.all()
            ],
        )

    return cursor_paginate(
        consultants_for_firm(firm), cursor=cursor, limit=limit, order=("name", "id"), serialize=out
    )


@router.get(
    "/partner/competencies",
    response={200: list[CompetencyHeldOut], **ERRORS},
    operation_id="listCompetencies",
    summary="List the firm's competencies",
)
def competencies(request: HttpRequest) -> list[CompetencyHeldOut]:
    firm = _partner_firm(actor_of(request))
    today = clock.today()
    return [
        CompetencyHeldOut(
            competency=row.competency.code,
            name=row.competency.name,
            level=row.level,
            earned_on=row.earned_on,
            expires_on=row.expires_on,
            valid_today=row.earned_on <= today <= row.expires_on,
        )
        for row in competencies_for_firm(firm)
    ]


# --- business profile --------------------------------------------------------------------------


def _logo_url(organisation: Organisation, profile: BusinessProfile | None) -> str | None:
    if profile is None or not profile.has_logo:
        return None
    return reverse("portal:partner_logo", args=[organisation.public_id])


def _profile_out(organisation: Organisation) -> ProfileOut:
    profile = profile_for_firm(organisation)
    return ProfileOut(
        partner_id=organisation.public_id,
        name=organisation.name,
        description=profile.description if profile else "",
        website=profile.website if profile else "",
        countries_served=[str(r.country) for r in profile.served_countries.all()]
        if profile
        else [],
        offerings_delivered=[o.code for o in profile.offerings_delivered.all()] if profile else [],
        expertise_tags=profile.tag_list if profile else [],
        contact_name=profile.contact_name if profile else "",
        contact_email=profile.contact_email if profile else "",
        contact_phone=profile.contact_phone if profile else "",
        logo_url=_logo_url(organisation, profile),
        published=bool(profile and profile.is_published),
        published_at=profile.published_at if profile else None,
    )


@router.get(
    "/partner/profile",
    response={200: ProfileOut, **ERRORS},
    operation_id="getProfile",
    summary="Read the firm's business profile",
)
def profile_get(request: HttpRequest) -> ProfileOut:
    """The firm's business profile (any partner role)."""
    return _profile_out(_partner_firm(actor_of(request)))


@router.put(
    "/partner/profile",
    response={200: ProfileOut, **ERRORS},
    operation_id="replaceProfile",
    summary="Replace the firm's business profile",
)
def profile_put(request: HttpRequest, payload: ProfileIn) -> ProfileOut:
    """Replace the business profile (profile_admin); description at most 2,500 characters."""
    actor = actor_of(request)
    firm = _partner_firm(actor)
    profile_update(
        organisation=firm,
        data=ProfileInput(**payload.dict()),
        actor=actor,
        today=clock.today(),
        at=clock.now(),
    )
    return _profile_out(firm)


def _decode(content_base64: str) -> bytes:
    try:
        return base64.b64decode(content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput(_("content_base64 is not valid base64.")) from None


@router.put(
    "/partner/profile/logo",
    response={200: ProfileOut, **ERRORS},
    operation_id="replaceProfileLogo",
    summary="Replace the profile's logo",
)
def profile_logo_put(request: HttpRequest, payload: LogoIn) -> ProfileOut:
    """Replace the logo (profile_admin): the image bytes as base64; the type is checked from the
    bytes, the name is never used for storage."""
    actor = actor_of(request)
    firm = _partner_firm(actor)
    profile_logo_upload(
        organisation=firm,
        content=_decode(payload.content_base64),
        filename=payload.filename,
        actor=actor,
        today=clock.today(),
        at=clock.now(),
    )
    return _profile_out(firm)


@router.delete(
    "/partner/profile/logo",
    response={200: ProfileOut, **ERRORS},
    operation_id="deleteProfileLogo",
    summary="Remove the profile's logo",
)
def profile_logo_delete(request: HttpRequest) -> ProfileOut:
    actor = actor_of(request)
    firm = _partner_firm(actor)
    profile_logo_remove(organisation=firm, actor=actor, today=clock.today(), at=clock.now())
    return _profile_out(firm)


@router.post(
    "/partner/profile/publish",
    response={200: ProfileOut, **ERRORS},
    operation_id="publishProfile",
    summary="Publish the profile to the partner directory",
)
def profile_publish_post(request: HttpRequest) -> ProfileOut:
    """Publish to the partner directory (listed while the firm is enrolled)."""
    actor = actor_of(request)
    firm = _partner_firm(actor)
    profile_publish(organisation=firm, actor=actor, today=clock.today(), at=clock.now())
    return _profile_out(firm)


@router.post(
    "/partner/profile/unpublish",
    response={200: ProfileOut, **ERRORS},
    operation_id="unpublishProfile",
    summary="Withdraw the profile from the partner directory",
)
def profile_unpublish_post(request: HttpRequest) -> ProfileOut:
    actor = actor_of(request)
    firm = _partner_firm(actor)
    profile_unpublish(organisation=firm, actor=actor, today=clock.today(), at=clock.now())
    return _profile_out(firm)


# --- directory ---------------------------------------------------------------------------------


def directory_entry(profile: BusinessProfile) -> DirectoryEntryOut:
    organisation = profile.organisation
    enrolled = {e.offering.code for e in getattr(organisation, "current_enrollments", [])}
    return DirectoryEntryOut(
        partner_id=organisation.public_id,
        name=organisation.name,
        description=profile.description,
        website=profile.website,
        countries_served=[str(row.country) for row in profile.served_countries.all()],
        offerings=sorted(o.code for o in profile.offerings_delivered.all() if o.code in enrolled),
        expertise_tags=profile.tag_list,
        competencies=[
            DirectoryCompetencyOut(
                competency=held.competency.code,
                name=held.competency.name,
                level=held.level,
                expires_on=held.expires_on,
            )
            for held in getattr(organisation, "valid_competencies", [])
        ],
        contact_name=profile.contact_name,
        contact_email=profile.contact_email,
        contact_phone=profile.contact_phone,
        logo_url=_logo_url(organisation, profile),
    )


@router.get(
    "/directory",
    response={200: Page[DirectoryEntryOut], **ERRORS},
    operation_id="searchDirectory",
    summary="Search the partner directory",
)
def directory(
    request: HttpRequest,
    country: str | None = None,
    offering: str | None = None,
    q: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """The partner directory: published profiles of firms enrolled today, by country served,
    offering and text, with their valid competencies; ordered by name."""
    results = directory_search(country=country, offering_code=offering, text=q, on=clock.today())
    return cursor_paginate(
        results,
        cursor=cursor,
        limit=limit,
        order=("organisation__name", "id"),
        serialize=directory_entry,
    )


# --- evidence: consultants, exam claims, competency claims (R-EVD-1) ---------------------------


def _evidence(payload: EvidenceIn) -> Evidence:
    upload = None
    if payload.evidence_base64:
        content = _decode(payload.evidence_base64)
        upload = SimpleUploadedFile(payload.evidence_filename or "evidence", content)
    return Evidence(reference=payload.reference, file=upload)


def claim_out(claim: EvidenceClaim) -> EvidenceClaimOut:
    return EvidenceClaimOut(
        id=claim.pk,
        partner_id=claim.organisation.public_id,
        partner_name=claim.organisation.name,
        kind=claim.kind,
        status=claim.status,
        summary=claim.summary,
        competency=claim.competency.code if claim.competency else None,
        level=claim.level or None,
        earned_on=claim.earned_on,
        expires_on=claim.expires_on,
        consultant_id=claim.consultant_id,
        consultant=claim.consultant.name if claim.consultant else None,
        exam=claim.exam.code if claim.exam else None,
        passed_on=claim.passed_on,
        reference=claim.reference,
        evidence_file=claim.evidence_label or None,
        claimed_at=claim.claimed_at,
        claimed_by=claim.claimed_by.email if claim.claimed_by else None,
        decided_at=claim.decided_at,
        decided_by=claim.decided_by.email if claim.decided_by else None,
        decision_reason=claim.decision_reason,
    )


@router.post(
    "/partner/consultants",
    response={201: ConsultantOut, **ERRORS},
    operation_id="addConsultant",
    summary="Add a consultant",
)
def consultant_post(request: HttpRequest, payload: ConsultantIn) -> Status[ConsultantOut]:
    """R-EVD-1: the firm (global_admin, partner_admin) adds one of its consultants; their exams
    count once the operator verifies them."""
    actor = actor_of(request)
    consultant = consultant_create(
        organisation=_partner_firm(actor),
        name=payload.name,
        email=payload.email,
        actor=actor,
        today=clock.today(),
        at=clock.now(),
    )
    return Status(
        201, ConsultantOut(id=consultant.pk, name=consultant.name, email=consultant.email, exams=[])
    )


@router.get(
    "/partner/consultants/{consultant_id}/exams",
    response={200: list[EvidenceClaimOut], **ERRORS},
    operation_id="listConsultantExamClaims",
    summary="A consultant's exam claims",
)
def consultant_exam_claims(request: HttpRequest, consultant_id: int) -> list[EvidenceClaimOut]:
    """The consultant's exam claims with their status (verified exams also show on the
    consultant); another firm's consultant is not found."""
    actor = actor_of(request)
    _partner_firm(actor)
    consultant = access_consultant_for_partner(actor=actor, consultant_id=consultant_id)
    return [
        claim_out(claim)
        for claim in claims_for_firm(consultant.organisation).filter(consultant=consultant)
    ]


@router.post(
    "/partner/consultants/{consultant_id}/exams",
    response={201: EvidenceClaimOut, **ERRORS},
    operation_id="claimConsultantExam",
    summary="Claim an exam a consultant passed",
)
def consultant_exam_claim_post(
    request: HttpRequest, consultant_id: int, payload: ExamClaimIn
) -> Status[EvidenceClaimOut]:
    """R-EVD-1: claim that the consultant passed an exam, with a transcript id or a file; it
    counts for R-DEL-1 once the operator verifies it."""
    actor = actor_of(request)
    _partner_firm(actor)
    consultant = access_consultant_for_partner(actor=actor, consultant_id=consultant_id)
    claim = exam_claim(
        consultant=consultant,
        exam=exam_by_code(payload.exam),
        passed_on=payload.passed_on,
        evidence=_evidence(payload),
        actor=actor,
        today=clock.today(),
        at=clock.now(),
    )
    return Status(201, claim_out(access_claim(actor=actor, claim_id=claim.pk)))


@router.get(
    "/partner/competency-claims",
    response={200: Page[EvidenceClaimOut], **ERRORS},
    operation_id="listEvidenceClaims",
    summary="The firm's evidence claims",
)
def competency_claims(
    request: HttpRequest, cursor: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    """The firm's claims (competencies and exams), newest first: pending, verified, rejected."""
    firm = _partner_firm(actor_of(request))
    return cursor_paginate(
        claims_for_firm(firm), cursor=cursor, limit=limit, order=("-id",), serialize=claim_out
    )


@router.post(
    "/partner/competency-claims",
    response={201: EvidenceClaimOut, **ERRORS},
    operation_id="claimCompetency",
    summary="Claim a competency",
)
def competency_claim_post(
    request: HttpRequest, payload: CompetencyClaimIn
) -> Status[EvidenceClaimOut]:
    """R-EVD-1: claim a competency (level, earned and expiry dates, evidence); it counts for
    eligibility once the operator verifies it."""
    actor = actor_of(request)
    claim = competency_claim(
        organisation=_partner_firm(actor),
        competency=competency_by_code(payload.competency),
        level=payload.level,
        earned_on=payload.earned_on,
        expires_on=payload.expires_on,
        evidence=_evidence(payload),
        actor=actor,
        today=clock.today(),
        at=clock.now(),
    )
    return Status(201, claim_out(access_claim(actor=actor, claim_id=claim.pk)))


def _claim_operator(request: HttpRequest) -> Actor:
    actor = actor_of(request)
    if not actor.is_operator:
        raise Forbidden(_("Only the program operator decides claims (R-EVD-1)."))
    return actor


@router.get(
    "/operator/claims",
    response={200: Page[EvidenceClaimOut], **ERRORS},
    operation_id="listClaimsQueue",
    summary="The evidence claims queue",
)
def operator_claims(
    request: HttpRequest,
    status: str = ClaimStatus.PENDING,
    cursor: str | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """The claims queue: pending claims oldest first (status=verified or rejected for history)."""
    _claim_operator(request)
    if status not in ClaimStatus.values:
        raise InvalidInput(
            _("status must be one of %(statuses)s.") % {"statuses": ", ".join(ClaimStatus.values)}
        )
    return cursor_paginate(
        claims_by_status(status), cursor=cursor, limit=limit, order=("id",), serialize=claim_out
    )


@router.post(
    "/operator/claims/{claim_id}/verify",
    response={200: EvidenceClaimOut, **ERRORS},
    operation_id="verifyClaim",
    summary="Verify an evidence claim",
)
def operator_claim_verify(
    request: HttpRequest, claim_id: int, payload: ClaimVerifyIn | None = None
) -> EvidenceClaimOut:
    """R-EVD-1: verify a pending claim (program_admin); the record counts from now on."""
    actor = _claim_operator(request)
    claim = claim_verify(
        claim=access_claim(actor=actor, claim_id=claim_id),
        note=payload.note if payload else "",
        actor=actor,
        today=clock.today(),
        at=clock.now(),
    )
    return claim_out(access_claim(actor=actor, claim_id=claim.pk))


@router.post(
    "/operator/claims/{claim_id}/reject",
    response={200: EvidenceClaimOut, **ERRORS},
    operation_id="rejectClaim",
    summary="Reject an evidence claim",
)
def operator_claim_reject(
    request: HttpRequest, claim_id: int, payload: ClaimRejectIn
) -> EvidenceClaimOut:
    """R-EVD-1: reject a pending claim with the reason the firm reads (program_admin)."""
    actor = _claim_operator(request)
    claim = claim_reject(
        claim=access_claim(actor=actor, claim_id=claim_id),
        reason=payload.reason,
        actor=actor,
        today=clock.today(),
        at=clock.now(),
    )
    return claim_out(access_claim(actor=actor, claim_id=claim.pk))
