"""Reads of the partners domain that encode rules, and access helpers (R-ROLE-1).

Eligibility itself lives in partners.eligibility and is re-exported here.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django_countries import countries

from planserv.accounts.models import Organisation
from planserv.core.actor import Actor
from planserv.core.errors import InvalidInput
from planserv.core.types import OrganisationKind
from planserv.partners.eligibility import (
    EligibilityStatus,
    EngagementEligibility,
    FirmEligibility,
    engagement_type_eligibility,
    enrollments_valid_on,
    firm_eligibility,
    qualifying_exam_ids,
)
from planserv.partners.errors import (
    ClaimNotFound,
    CompetencyNotFound,
    ConsultantNotFound,
    ExamNotFound,
    LocationNotFound,
    LogoNotFound,
    OfferingNotFound,
    PartnerNotFound,
)
from planserv.partners.models import (
    BusinessProfile,
    ClaimStatus,
    CompetencyHeld,
    Consultant,
    ConsultantExam,
    Enrollment,
    EvidenceClaim,
    Location,
    ServedCountry,
)
from planserv.program.models import (
    Competency,
    CompetencyLevel,
    EngagementType,
    Exam,
    Offering,
    OfferingCompetency,
)

__all__ = [
    "EligibilityStatus",
    "EngagementEligibility",
    "FirmEligibility",
    "access_claim",
    "access_claim_evidence",
    "access_consultant_for_partner",
    "access_location_for_partner",
    "access_logo",
    "claims_by_status",
    "claims_for_firm",
    "competencies_for_firm",
    "competency_by_code",
    "consultant_qualifies",
    "consultants_for_firm",
    "consultants_qualified",
    "directory_search",
    "engagement_type_eligibility",
    "enrollment_current",
    "enrollments_backed_on",
    "enrollments_ending_on",
    "enrollments_for_firm",
    "enrollments_valid_on",
    "exam_by_code",
    "firm_eligibility",
    "firm_of",
    "locations_for_firm",
    "looks_like_public_id",
    "offering_get",
    "partner_firm_get",
    "partner_firms",
    "profile_for_firm",
]

MAX_SEARCH_LENGTH = 100
PUBLIC_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")


def looks_like_public_id(value: str) -> bool:
    """Offering codes, partner ids and location ids: letters, digits and dashes only (so no
    path tricks or NUL bytes ever reach a query)."""
    return bool(PUBLIC_ID.match(value))


def offering_get(*, code: str) -> Offering:
    """An offering by its code, or OfferingNotFound."""
    code = code.strip()
    offering = (
        Offering.objects.filter(code=code).order_by("pk").first()
        if looks_like_public_id(code)
        else None
    )
    if offering is None:
        raise OfferingNotFound(
            _("There is no offering %(code)r in the catalogue.") % {"code": code}
        )
    return offering


# --- firms -------------------------------------------------------------------------------------


def partner_firms() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.PARTNER).order_by("name", "id")


def partner_firms_with_counts(ids: list[int], *, today: dt.date) -> dict[int, Organisation]:
    """The firms `ids` (a page of the firm list) by id, each with its locations, consultants,
    competencies valid today and current enrollments counted, in one grouped query."""
    firms = Organisation.objects.filter(pk__in=ids).annotate(
        location_count=Count("partner_locations", distinct=True),
        consultant_count=Count("consultants", distinct=True),
        valid_competency_count=Count(
            "competencies_held",
            filter=Q(
                competencies_held__earned_on__lte=today, competencies_held__expires_on__gte=today
            ),
            distinct=True,
        ),
        enrollment_count=Count(
            "enrollments",
            filter=Q(enrollments__enrolled_on__lte=today, enrollments__last_day__gte=today),
            distinct=True,
        ),
    )
    return {firm.pk: firm for firm in firms}


def partner_firm_search(query: str) -> QuerySet[Organisation]:
    """Firms whose name contains `query` (any case) or whose partner id is it, by name. On
    PostgreSQL the name test is served by the trigram index on UPPER(name) (accounts migration
    0005) and the id by the unique index; on SQLite it is a plain LIKE over the firms."""
    text = query.replace("\x00", "").strip()[:100]
    firms = partner_firms()
    if not text:
        return firms
    matches = Q(name__icontains=text)
    if looks_like_public_id(text):
        matches |= Q(public_id=text.upper())
    return firms.filter(matches)


def partner_firm_get(*, public_id: str) -> Organisation:
    """A partner firm by its partner id (operators, imports)."""
    try:
        if not looks_like_public_id(public_id.strip()):
            raise Organisation.DoesNotExist
        return partner_firms().get(public_id=public_id.strip())
    except Organisation.DoesNotExist:
        raise PartnerNotFound(
            _("There is no partner firm with partner id %(public_id)r.") % {"public_id": public_id}
        ) from None


def firm_of(actor: Actor) -> Organisation:
    """The partner firm the actor acts for (R-ROLE-1); NotFound for any other side."""
    if not actor.is_partner or actor.organisation_id is None:
        raise PartnerNotFound(_("Only a partner firm's members have a firm."))
    return partner_firms().get(pk=actor.organisation_id)


# --- locations ---------------------------------------------------------------------------------


def locations_for_firm(organisation: Organisation) -> QuerySet[Location]:
    return Location.objects.filter(organisation=organisation).order_by("location_id", "id")


def access_location_for_partner(*, actor: Actor, location_id: str) -> Location:
    """The actor's firm's location by its public id; another firm's location is not found (R-ROLE-1)."""
    if (
        not actor.is_partner
        or actor.organisation_id is None
        or not looks_like_public_id(location_id.strip())
    ):
        raise LocationNotFound(
            _("Your firm has no location %(location_id)r (R-LOC-1).") % {"location_id": location_id}
        )
    location = (
        Location.objects.select_related("organisation")
        .filter(location_id=location_id.strip(), organisation_id=actor.organisation_id)
        .order_by("pk")
        .first()
    )
    if location is None:
        raise LocationNotFound(
            _("Your firm has no location %(location_id)r (R-LOC-1).") % {"location_id": location_id}
        )
    return location


# --- competencies and consultants --------------------------------------------------------------


def competencies_for_firm(organisation: Organisation) -> QuerySet[CompetencyHeld]:
    return (
        CompetencyHeld.objects.filter(organisation=organisation)
        .select_related("competency")
        .order_by("competency__name", "-earned_on", "id")
    )


def consultants_for_firm(organisation: Organisation) -> QuerySet[Consultant]:
    exams = ConsultantExam.objects.select_related("exam__competency").order_by("exam__code", "id")
    return (
        Consultant.objects.filter(organisation=organisation)
        .prefetch_related(Prefetch("exams", queryset=exams))
        .order_by("name", "id")
    )


def access_consultant_for_partner(*, actor: Actor, consultant_id: int) -> Consultant:
    if not actor.is_partner or actor.organisation_id is None:
        raise ConsultantNotFound(_("Your firm has no such consultant."))
    consultant = (
        Consultant.objects.filter(pk=consultant_id, organisation_id=actor.organisation_id)
        .order_by("pk")
        .first()
    )
    if consultant is None:
        raise ConsultantNotFound(_("Your firm has no such consultant."))
    return consultant


def _exam_ids_for(engagement_type: EngagementType) -> set[int]:
    by_competency: dict[int, set[int]] = {}
    competency_ids = engagement_type.engagementtypecompetency_set.values_list(
        "competency_id", flat=True
    )
    for exam_id, competency_id in Exam.objects.filter(
        competency_id__in=list(competency_ids)
    ).values_list("pk", "competency_id"):
        by_competency.setdefault(competency_id, set()).add(exam_id)
    return qualifying_exam_ids(engagement_type, by_competency)


def consultant_qualifies(
    *, consultant: Consultant, engagement_type: EngagementType, on: dt.date
) -> bool:
    """R-DEL-1: an exam of `engagement_type.exams` (or, if none is listed, of one of its qualifying
    competencies) passed on or before `on`."""
    return ConsultantExam.objects.filter(
        consultant=consultant, exam_id__in=_exam_ids_for(engagement_type), passed_on__lte=on
    ).exists()


def consultants_qualified(
    *, organisation: Organisation, engagement_type: EngagementType, on: dt.date
) -> QuerySet[Consultant]:
    """The firm's consultants who qualify for the type on `on` (R-DEL-1)."""
    qualifying = ConsultantExam.objects.filter(
        consultant=OuterRef("pk"),
        exam_id__in=_exam_ids_for(engagement_type),
        passed_on__lte=on,
    )
    return consultants_for_firm(organisation).filter(Exists(qualifying))


# --- enrollments -------------------------------------------------------------------------------


def enrollments_for_firm(organisation: Organisation) -> QuerySet[Enrollment]:
    return (
        Enrollment.objects.filter(organisation=organisation)
        .select_related("offering", "agreement_version", "accepted_by")
        .prefetch_related("renewals__agreement_version", "renewals__accepted_by")
    )


def enrollment_current(
    *, organisation: Organisation, offering: Offering, on: dt.date
) -> Enrollment | None:
    """The enrollment in `offering` valid on `on`, if any (R-ENR-1)."""
    return enrollments_valid_on(organisation=organisation, on=on).get(offering.pk)


def enrollments_ending_on(*, last_day: dt.date) -> QuerySet[Enrollment]:
    """Enrollments whose current term ends on `last_day` (not renewed beyond it): the renewal
    reminder goes out RENEWAL_WINDOW_DAYS before (R-ENR-1, domain.md section 7)."""
    return (
        Enrollment.objects.filter(last_day=last_day)
        .select_related("organisation", "offering")
        .order_by("organisation_id", "offering__code", "pk")
    )


# --- business profile and directory ------------------------------------------------------------


def profile_for_firm(organisation: Organisation) -> BusinessProfile | None:
    return (
        BusinessProfile.objects.filter(organisation=organisation)
        .select_related("organisation")
        .prefetch_related("served_countries", "offerings_delivered")
        .order_by("pk")
        .first()
    )


def _valid_country(country: str) -> str:
    code = country.strip().upper()[:3]
    if code not in dict(countries):
        raise InvalidInput(_("%(country)r is not an ISO 3166 country code.") % {"country": country})
    return code


def enrollments_backed_on(on: dt.date) -> QuerySet[Enrollment]:
    """Enrollments valid on `on` whose firm also holds, valid on `on`, one of the offering's
    enrollment competencies at its minimum level (R-ENR-1): the firm is still eligible for it."""
    held = CompetencyHeld.objects.filter(
        organisation=OuterRef(OuterRef("organisation")),
        competency=OuterRef("competency"),
        earned_on__lte=on,
        expires_on__gte=on,
    ).filter(Q(level=CompetencyLevel.GOLD) | Q(level=OuterRef("minimum_level")))
    qualifying = OfferingCompetency.objects.filter(offering=OuterRef("offering")).filter(
        Exists(held)
    )
    return Enrollment.objects.filter(enrolled_on__lte=on, last_day__gte=on).filter(
        Exists(qualifying)
    )


def directory_search(
    *, country: str | None, offering_code: str | None, text: str | None, on: dt.date
) -> QuerySet[BusinessProfile]:
    """Published profiles of eligible firms (domain.md section 3, api.md): enrolled on `on` in an
    offering whose enrollment competency they hold on `on`. Filtered by country served, offering
    (delivered, enrolled and backed) and words in name, description or tags. Valid competencies and
    backed enrollments are prefetched onto the organisation (`valid_competencies`,
    `current_enrollments`), so a page costs a fixed number of queries (PERF-4)."""
    backed = enrollments_backed_on(on)
    queryset = BusinessProfile.objects.filter(
        is_published=True, organisation__kind=OrganisationKind.PARTNER
    ).filter(Exists(backed.filter(organisation=OuterRef("organisation"))))
    if country:
        code = _valid_country(country)
        queryset = queryset.filter(
            Exists(ServedCountry.objects.filter(profile=OuterRef("pk"), country=code))
        )
    if offering_code:
        try:
            offering = offering_get(code=offering_code)
        except OfferingNotFound as error:
            raise InvalidInput(error.message) from None
        delivered = BusinessProfile.offerings_delivered.through.objects.filter(
            businessprofile_id=OuterRef("pk"), offering_id=offering.pk
        )
        enrolled = backed.filter(organisation=OuterRef("organisation"), offering=offering)
        queryset = queryset.filter(Exists(delivered), Exists(enrolled))
    if text and not text.isprintable():
        raise InvalidInput(_("The search text may contain printable characters only."))
    for word in (text or "")[:MAX_SEARCH_LENGTH].split():
        queryset = queryset.filter(
            Q(organisation__name__icontains=word)
            | Q(description__icontains=word)
            | Q(expertise_tags__icontains=word)
        )
    valid = (
        CompetencyHeld.objects.filter(earned_on__lte=on, expires_on__gte=on)
        .select_related("competency")
        .order_by("competency__name", "-level", "id")
    )
    current = backed.select_related("offering").order_by("offering__code", "id")
    return queryset.select_related("organisation").prefetch_related(
        "served_countries",
        "offerings_delivered",
        Prefetch("organisation__competencies_held", queryset=valid, to_attr="valid_competencies"),
        Prefetch("organisation__enrollments", queryset=current, to_attr="current_enrollments"),
    )


def access_logo(*, actor: Actor | None, partner_id: str) -> BusinessProfile:
    """A firm's logo: anyone once the profile is published; before that only the firm and
    operators. Anything else is not found (R-ROLE-1)."""
    if not looks_like_public_id(partner_id):
        raise LogoNotFound(_("No such logo."))
    profile = (
        BusinessProfile.objects.select_related("organisation")
        .filter(organisation__public_id=partner_id, organisation__kind=OrganisationKind.PARTNER)
        .exclude(logo_name="")
        .order_by("pk")
        .first()
    )
    if profile is None:
        raise LogoNotFound(_("No such logo."))
    if profile.is_published:
        return profile
    if actor is not None and (
        actor.is_operator or actor.organisation_id == profile.organisation_id
    ):
        return profile
    raise LogoNotFound(_("No such logo."))


# --- evidence claims (R-EVD-1) -----------------------------------------------------------------


def _claims() -> QuerySet[EvidenceClaim]:
    return EvidenceClaim.objects.select_related(
        "organisation", "competency", "consultant", "exam", "claimed_by", "decided_by"
    )


def claims_for_firm(organisation: Organisation) -> QuerySet[EvidenceClaim]:
    """Every claim of the firm, newest first: its claim history."""
    return _claims().filter(organisation=organisation).order_by("-claimed_at", "-id")


def claims_by_status(status: str = ClaimStatus.PENDING) -> QuerySet[EvidenceClaim]:
    """The operator's queue: claims of one status (pending: waiting for a decision), oldest
    first."""
    return _claims().filter(status=status).order_by("claimed_at", "id")


def access_claim(*, actor: Actor, claim_id: int) -> EvidenceClaim:
    """A claim the actor may see: operators any, a firm its own; anything else is not found."""
    claim = _claims().filter(pk=claim_id).order_by("pk").first()
    if claim is None or not (
        actor.is_operator or (actor.is_partner and actor.organisation_id == claim.organisation_id)
    ):
        raise ClaimNotFound(_("No such claim."))
    return claim


def access_claim_evidence(*, actor: Actor, claim_id: int) -> EvidenceClaim:
    """The claim whose evidence file the actor may download (the firm, operators)."""
    claim = access_claim(actor=actor, claim_id=claim_id)
    if not claim.has_evidence_file:
        raise ClaimNotFound(_("This claim has no evidence file."))
    return claim


def competency_by_code(code: str) -> Competency:
    competency = Competency.objects.filter(code=code.strip()).order_by("pk").first()
    if competency is None:
        raise CompetencyNotFound(
            _("There is no competency %(code)r in the catalogue.") % {"code": code[:60]}
        )
    return competency


def exam_by_code(code: str) -> Exam:
    exam = Exam.objects.filter(code__iexact=code.strip()).order_by("pk").first()
    if exam is None:
        raise ExamNotFound(_("There is no exam %(code)r in the catalogue.") % {"code": code[:60]})
    return exam
