"""Eligibility (seed step 1; R-ENR-1, R-ENR-2, R-DEL-1): one computation for portal, API and rules.

For every offering: may the firm enroll (R-ENR-1: one of the offering's competencies at its minimum
level, valid on the day; not a retired cloud offering), and is it enrolled. For every engagement
type: the requirements of R-ENR-2 (enrolled in the offering on the day AND one qualifying competency
at the minimum level valid on the day) and, for delivery, R-DEL-1 (a consultant with a qualifying
exam passed on or before the day). Each requirement says met/unmet and why.

Overall status: `eligible` when at least one engagement type meets R-ENR-2; `in_progress` when some
requirement is met but no type is eligible; `not_started` when nothing is met yet.
Everything here reads; nothing writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Prefetch, Value
from django.utils.translation import gettext_lazy

from planserv.accounts.models import Organisation
from planserv.core.config_cache import VersionedCache
from planserv.core.types import OrganisationKind
from planserv.partners.models import CompetencyHeld, ConsultantExam, Enrollment
from planserv.program.calendar import calendar_get
from planserv.program.models import (
    LEVEL_RANK,
    AgreementVersion,
    Competency,
    CompetencyLevel,
    EngagementType,
    EngagementTypeCompetency,
    Exam,
    Offering,
    OfferingCompetency,
)

RENEWAL_WINDOW_DAYS = 30  # renewal opens (and the reminder goes out) 30 days before the last day


class EligibilityStatus(models.TextChoices):
    NOT_STARTED = "not_started", gettext_lazy("Not started")
    IN_PROGRESS = "in_progress", gettext_lazy("In progress")
    ELIGIBLE = "eligible", gettext_lazy("Eligible")


@dataclass(frozen=True)
class Requirement:
    """One requirement with its mark: `key` is enrollment, competency or consultant."""

    key: str
    label: str
    met: bool
    reason: str
    rule: str
    action: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "met": self.met,
            "reason": self.reason,
            "rule": self.rule,
            "action": self.action,
        }


@dataclass(frozen=True)
class EngagementTypeRow:
    engagement_type: EngagementType
    requirements: tuple[Requirement, ...]
    eligible: bool  # R-ENR-2: enrolled and a qualifying competency on the day
    ready: bool  # eligible and a consultant qualifies to deliver (R-DEL-1)


@dataclass(frozen=True)
class OfferingRow:
    offering: Offering
    retired: bool
    enrollment: Enrollment | None
    enroll_requirement: Requirement
    can_enroll: bool
    renewal_opens_on: dt.date | None
    can_renew: bool
    engagement_types: tuple[EngagementTypeRow, ...]


@dataclass(frozen=True)
class FirmEligibility:
    organisation: Organisation
    on: dt.date
    status: str
    offerings: tuple[OfferingRow, ...]
    next_steps: tuple[str, ...]

    @property
    def status_label(self) -> str:
        return str(EligibilityStatus(self.status).label)

    @property
    def eligible_engagement_types(self) -> list[EngagementType]:
        return [
            row.engagement_type
            for offering in self.offerings
            for row in offering.engagement_types
            if row.eligible
        ]


@dataclass(frozen=True)
class EngagementEligibility:
    """R-ENR-2 for one engagement type on one day; `snapshot()` is stored by the reserve rule."""

    organisation_id: int
    engagement_type: EngagementType
    on: dt.date
    eligible: bool
    reasons: list[str]
    requirements: tuple[Requirement, ...]
    enrollment: Enrollment | None
    competency_held: CompetencyHeld | None

    def snapshot(self) -> dict[str, Any]:
        enrollment = self.enrollment
        held = self.competency_held
        return {
            "rule": "R-ENR-2",
            "checked_on": self.on.isoformat(),
            "eligible": self.eligible,
            "engagement_type": self.engagement_type.code,
            "offering": self.engagement_type.offering.code,
            "enrollment": None
            if enrollment is None
            else {
                "id": enrollment.pk,
                "enrolled_on": enrollment.enrolled_on.isoformat(),
                "last_day": enrollment.last_day.isoformat(),
                "agreement_version": enrollment.agreement_version.version,
            },
            "competency": None
            if held is None
            else {
                "held_id": held.pk,
                "code": held.competency.code,
                "name": held.competency.name,
                "level": held.level,
                "earned_on": held.earned_on.isoformat(),
                "expires_on": held.expires_on.isoformat(),
            },
            "reasons": list(self.reasons),
        }


# ---------------------------------------------------------------------------------------------
# Pure checks over loaded rows


def competency_valid_on(held: CompetencyHeld, on: dt.date) -> bool:
    return held.earned_on <= on <= held.expires_on


def enrollment_valid_on(enrollment: Enrollment, on: dt.date) -> bool:
    return enrollment.enrolled_on <= on <= enrollment.last_day


def renewal_opens_on(enrollment: Enrollment) -> dt.date:
    return enrollment.last_day - dt.timedelta(days=RENEWAL_WINDOW_DAYS)


def _level_words(level: str) -> str:
    return "silver or gold" if level == CompetencyLevel.SILVER else "gold"


def _option_label(competency: Competency, level: str) -> str:
    return f"{competency.name} ({_level_words(level)})"


def requirement_label(options: Sequence[tuple[Competency, str]]) -> str:
    labels = [_option_label(competency, level) for competency, level in options]
    if len(labels) == 1:
        return f"Competency {labels[0]}"
    return "Competency: one of " + ", or ".join(labels)


def best_competency(
    options: Sequence[tuple[Competency, str]], held: Iterable[CompetencyHeld], on: dt.date
) -> CompetencyHeld | None:
    """The held competency that satisfies one option on `on`: highest level, latest expiry."""
    minimum = {competency.pk: LEVEL_RANK[CompetencyLevel(level)] for competency, level in options}
    candidates = [
        row
        for row in held
        if row.competency_id in minimum
        and competency_valid_on(row, on)
        and LEVEL_RANK[CompetencyLevel(row.level)] >= minimum[row.competency_id]
    ]
    if not candidates:
        return None
    return max(
        candidates,
        key=lambda row: (LEVEL_RANK[CompetencyLevel(row.level)], row.expires_on, row.pk or 0),
    )


def _why_not(
    options: Sequence[tuple[Competency, str]], held: Iterable[CompetencyHeld], on: dt.date
) -> str:
    by_competency: dict[int, list[CompetencyHeld]] = {}
    for row in held:
        by_competency.setdefault(row.competency_id, []).append(row)
    notes = []
    for competency, level in options:
        rows = sorted(by_competency.get(competency.pk, []), key=lambda r: r.expires_on)
        valid = [row for row in rows if competency_valid_on(row, on)]
        if valid:
            notes.append(
                f"{valid[-1].get_level_display()} {competency.name} is held, but "
                f"{_level_words(level)} is required"
            )
        elif any(row.earned_on > on for row in rows):
            future = min(row.earned_on for row in rows if row.earned_on > on)
            notes.append(f"{competency.name} is valid only from {future.isoformat()}")
        elif rows:
            notes.append(f"{competency.name} expired on {rows[-1].expires_on.isoformat()}")
    if not notes:
        names = ", ".join(competency.name for competency, _ in options)
        return f"The firm holds none of: {names} on {on.isoformat()}."
    return "; ".join(notes) + f" (on {on.isoformat()})."


def competency_requirement(
    options: Sequence[tuple[Competency, str]],
    held: Iterable[CompetencyHeld],
    on: dt.date,
    *,
    rule: str,
) -> tuple[Requirement, CompetencyHeld | None]:
    held = list(held)
    best = best_competency(options, held, on)
    label = requirement_label(options)
    if best is not None:
        reason = (
            f"{best.get_level_display()} {best.competency.name}, valid "
            f"{best.earned_on.isoformat()} to {best.expires_on.isoformat()}."
        )
        return Requirement("competency", label, True, reason, rule), best
    action = (
        "Claim the competency with its evidence on the Evidence page; it counts once the program "
        "operator has verified it."
    )
    return Requirement("competency", label, False, _why_not(options, held, on), rule, action), None


def enrollment_requirement(
    offering: Offering, enrollment: Enrollment | None, on: dt.date, *, action: str
) -> Requirement:
    label = f"Enrolled in {offering.code}"
    if enrollment is not None:
        reason = (
            f"Enrolled from {enrollment.enrolled_on.isoformat()} through "
            f"{enrollment.last_day.isoformat()}."
        )
        return Requirement("enrollment", label, True, reason, "R-ENR-2")
    reason = f"The firm is not enrolled in {offering.code} on {on.isoformat()}."
    return Requirement("enrollment", label, False, reason, "R-ENR-2", action)


def qualifying_exam_ids(
    engagement_type: EngagementType, exams_by_competency: dict[int, set[int]]
) -> set[int]:
    """R-DEL-1: the type's exams, or if none are listed, the exams of its competencies."""
    listed = {exam.pk for exam in engagement_type.exams.all()}
    if listed:
        return listed
    result: set[int] = set()
    for link in engagement_type.engagementtypecompetency_set.all():
        result |= exams_by_competency.get(link.competency_id, set())
    return result


def consultant_requirement(
    exam_ids: set[int], passed: Iterable[ConsultantExam], on: dt.date, exam_codes: dict[int, str]
) -> Requirement:
    label = "A consultant with a qualifying exam"
    matches = [row for row in passed if row.exam_id in exam_ids and row.passed_on <= on]
    if matches:
        first = min(matches, key=lambda row: (row.passed_on, row.pk or 0))
        reason = (
            f"{first.consultant.name} passed {exam_codes.get(first.exam_id, '?')} on "
            f"{first.passed_on.isoformat()}."
        )
        return Requirement("consultant", label, True, reason, "R-DEL-1")
    codes = ", ".join(sorted(exam_codes.get(pk, "?") for pk in exam_ids)) or "none listed"
    reason = f"No consultant of the firm has passed one of: {codes} by {on.isoformat()}."
    action = (
        "Claim a consultant's passed exam with the transcript on the Consultants page; it counts "
        "once the program operator has verified it."
    )
    return Requirement("consultant", label, False, reason, "R-DEL-1", action)


def _options_for_type(engagement_type: EngagementType) -> list[tuple[Competency, str]]:
    links: Iterable[EngagementTypeCompetency] = engagement_type.engagementtypecompetency_set.all()
    return [(link.competency, link.minimum_level) for link in links]


def _type_options_read() -> dict[int, tuple[tuple[Competency, str], ...]]:
    options: dict[int, list[tuple[Competency, str]]] = {}
    for link in EngagementTypeCompetency.objects.select_related("competency").order_by("pk"):
        options.setdefault(link.engagement_type_id, []).append(
            (link.competency, link.minimum_level)
        )
    return {type_id: tuple(found) for type_id, found in options.items()}


# Each engagement type's qualifying competencies, cached per process and rebuilt on any change of
# the catalogue in any process (core.config_cache): R-ENR-2 reads only the firm's own rows.
_TYPE_OPTIONS: VersionedCache[dict[int, tuple[tuple[Competency, str], ...]]] = VersionedCache(
    "engagement_type_competencies", _type_options_read
)


def _options_for_offering(offering: Offering) -> list[tuple[Competency, str]]:
    links: Iterable[OfferingCompetency] = offering.offeringcompetency_set.all()
    return [(link.competency, link.minimum_level) for link in links]


# ---------------------------------------------------------------------------------------------
# Loading


def _catalogue() -> list[Offering]:
    types = EngagementType.objects.order_by("name", "id").prefetch_related(
        "engagementtypecompetency_set__competency", "exams"
    )
    return list(
        Offering.objects.order_by("code").prefetch_related(
            "offeringcompetency_set__competency", Prefetch("engagement_types", queryset=types)
        )
    )


def _exam_index() -> tuple[dict[int, set[int]], dict[int, str]]:
    by_competency: dict[int, set[int]] = {}
    codes: dict[int, str] = {}
    for exam_id, competency_id, code in Exam.objects.values_list("pk", "competency_id", "code"):
        by_competency.setdefault(competency_id, set()).add(exam_id)
        codes[exam_id] = code
    return by_competency, codes


def _held(
    organisation: Organisation, competency_ids: Iterable[int] | None = None
) -> list[CompetencyHeld]:
    queryset = CompetencyHeld.objects.filter(organisation=organisation).select_related("competency")
    if competency_ids is not None:
        queryset = queryset.filter(competency_id__in=list(competency_ids))
    return list(queryset.order_by("competency_id", "earned_on", "id"))


def enrollments_valid_on(*, organisation: Organisation, on: dt.date) -> dict[int, Enrollment]:
    """The firm's enrollments valid on `on`, by offering id (at most one each)."""
    rows = (
        Enrollment.objects.filter(organisation=organisation, enrolled_on__lte=on, last_day__gte=on)
        .select_related("offering", "agreement_version")
        .order_by("offering_id", "-enrolled_on", "id")
    )
    result: dict[int, Enrollment] = {}
    for row in rows:
        result.setdefault(row.offering_id, row)
    return result


# ---------------------------------------------------------------------------------------------
# Selectors


def firm_eligibility(*, organisation: Organisation, on: dt.date) -> FirmEligibility:
    """The eligibility view (seed step 1): every offering and engagement type, met/unmet, status."""
    held = _held(organisation)
    passed = list(
        ConsultantExam.objects.filter(consultant__organisation=organisation)
        .select_related("consultant")
        .order_by("passed_on", "id")
    )
    enrolled = enrollments_valid_on(organisation=organisation, on=on)
    exams_by_competency, exam_codes = _exam_index()
    cloud_open = calendar_get().cloud_open(on)
    offerings = tuple(
        _offering_row(
            offering,
            held=held,
            passed=passed,
            enrollment=enrolled.get(offering.pk),
            on=on,
            cloud_open=cloud_open,
            exams_by_competency=exams_by_competency,
            exam_codes=exam_codes,
        )
        for offering in _catalogue()
    )
    return FirmEligibility(
        organisation=organisation,
        on=on,
        status=_status(offerings),
        offerings=offerings,
        next_steps=tuple(_next_steps(offerings)),
    )


def _offering_row(
    offering: Offering,
    *,
    held: list[CompetencyHeld],
    passed: list[ConsultantExam],
    enrollment: Enrollment | None,
    on: dt.date,
    cloud_open: bool,
    exams_by_competency: dict[int, set[int]],
    exam_codes: dict[int, str],
) -> OfferingRow:
    retired = offering.is_cloud and not cloud_open
    enroll_requirement, _ = competency_requirement(
        _options_for_offering(offering), held, on, rule="R-ENR-1"
    )
    if retired and enrollment is None:
        enroll_requirement = Requirement(
            "competency",
            enroll_requirement.label,
            False,
            f"{offering.code} is a cloud offering, retired: no enrollment after the cloud "
            f"retirement (R-ENR-1).",
            "R-ENR-1",
        )
    can_enroll = enrollment is None and enroll_requirement.met and not retired
    if can_enroll:
        action = f"A global admin enrolls the firm in {offering.code} (Enrollment page)."
    elif retired:
        action = f"{offering.code} is retired; it accepts no new enrollment."
    else:
        action = f"First hold a competency that {offering.code} requires, then enroll."
    opens = renewal_opens_on(enrollment) if enrollment is not None else None
    rows = []
    for engagement_type in offering.engagement_types.all():
        enrollment_mark = enrollment_requirement(offering, enrollment, on, action=action)
        competency_mark, _ = competency_requirement(
            _options_for_type(engagement_type), held, on, rule="R-ENR-2"
        )
        consultant_mark = consultant_requirement(
            qualifying_exam_ids(engagement_type, exams_by_competency), passed, on, exam_codes
        )
        eligible = enrollment_mark.met and competency_mark.met
        rows.append(
            EngagementTypeRow(
                engagement_type=engagement_type,
                requirements=(enrollment_mark, competency_mark, consultant_mark),
                eligible=eligible,
                ready=eligible and consultant_mark.met,
            )
        )
    return OfferingRow(
        offering=offering,
        retired=retired,
        enrollment=enrollment,
        enroll_requirement=enroll_requirement,
        can_enroll=can_enroll,
        renewal_opens_on=opens,
        can_renew=bool(opens and opens <= on and not retired and enroll_requirement.met),
        engagement_types=tuple(rows),
    )


def _status(offerings: Sequence[OfferingRow]) -> str:
    rows = [row for offering in offerings for row in offering.engagement_types]
    if any(row.eligible for row in rows):
        return EligibilityStatus.ELIGIBLE
    started = any(offering.enroll_requirement.met for offering in offerings) or any(
        requirement.met for row in rows for requirement in row.requirements
    )
    return EligibilityStatus.IN_PROGRESS if started else EligibilityStatus.NOT_STARTED


def _next_steps(offerings: Sequence[OfferingRow]) -> list[str]:
    steps: list[str] = []
    for offering in offerings:
        code = offering.offering.code
        if offering.can_enroll:
            steps.append(
                f"Enroll in {code}: a global admin reads and accepts the program agreement "
                f"(R-ENR-1)."
            )
        if offering.can_renew and offering.enrollment is not None:
            steps.append(
                f"Renew the {code} enrollment by {offering.enrollment.last_day.isoformat()} "
                f"(R-ENR-1)."
            )
        for row in offering.engagement_types:
            if row.eligible and not row.ready:
                steps.append(
                    f"To deliver {row.engagement_type.name}, a consultant needs a qualifying "
                    f"exam: claim it with the transcript on the Consultants page (R-DEL-1)."
                )
    if not any(offering.enroll_requirement.met for offering in offerings):
        steps.append(
            "Earn a competency that an offering requires (see each offering below) and claim it "
            "with its evidence on the Evidence page; once the program operator has verified it, a "
            "global admin can enroll."
        )
    return list(dict.fromkeys(steps))


def _enrollment_and_held(
    organisation: Organisation,
    offering: Offering,
    options: Sequence[tuple[Competency, str]],
    on: dt.date,
) -> tuple[Enrollment | None, list[CompetencyHeld]]:
    """The firm's enrollment in `offering` valid on `on` (the latest, as `enrollments_valid_on`
    picks it) and its rows of the qualifying competencies, in ONE statement (a UNION ALL of the
    two reads `enrollments_valid_on` and `_held` make, with the same predicates; PERF-1)."""
    competencies = {competency.pk: competency for competency, _ in options}
    enrollments = (
        Enrollment.objects.filter(
            organisation=organisation, offering=offering, enrolled_on__lte=on, last_day__gte=on
        )
        .values_list(
            Value("enrollment", output_field=models.CharField()),
            "pk",
            "enrolled_on",
            "last_day",
            "agreement_version_id",
            "agreement_version__version",
        )
        .order_by()
    )
    held_rows = (
        CompetencyHeld.objects.filter(
            organisation=organisation, competency_id__in=list(competencies)
        )
        .values_list(
            Value("held", output_field=models.CharField()),
            "pk",
            "earned_on",
            "expires_on",
            "competency_id",
            "level",
        )
        .order_by()
    )
    enrollment: Enrollment | None = None
    held: list[CompetencyHeld] = []
    for kind, pk, first, last, other_id, text in enrollments.union(held_rows, all=True):
        if kind == "enrollment":
            found = Enrollment(
                pk=pk,
                organisation=organisation,
                offering=offering,
                enrolled_on=first,
                last_day=last,
                agreement_version=AgreementVersion(pk=other_id, version=text),
            )
            if enrollment is None or (first, -pk) > (enrollment.enrolled_on, -enrollment.pk):
                enrollment = found
        else:
            held.append(
                CompetencyHeld(
                    pk=pk,
                    organisation=organisation,
                    competency=competencies[other_id],
                    level=text,
                    earned_on=first,
                    expires_on=last,
                )
            )
    held.sort(key=lambda row: (row.competency_id, row.earned_on, row.pk))
    return enrollment, held


def engagement_type_eligibility(
    *, organisation: Organisation, engagement_type: EngagementType, on: dt.date
) -> EngagementEligibility:
    """R-ENR-2: enrolled in the type's offering on `on` AND one qualifying competency at its minimum
    level valid on `on`. Never raises; `eligible` is False with `reasons` when refused."""
    offering = engagement_type.offering
    options = list(_TYPE_OPTIONS.get().get(engagement_type.pk, ()))
    if organisation.kind != OrganisationKind.PARTNER:
        reason = f"{organisation.name} is not a partner firm."
        requirement = Requirement("enrollment", "A partner firm", False, reason, "R-ENR-2")
        return EngagementEligibility(
            organisation.pk, engagement_type, on, False, [reason], (requirement,), None, None
        )
    enrollment, held = _enrollment_and_held(organisation, offering, options, on)
    enrollment_mark = enrollment_requirement(
        offering, enrollment, on, action=f"A global admin enrolls the firm in {offering.code}."
    )
    competency_mark, best = competency_requirement(options, held, on, rule="R-ENR-2")
    requirements = (enrollment_mark, competency_mark)
    reasons = [f"{mark.label}: {mark.reason}" for mark in requirements if not mark.met]
    return EngagementEligibility(
        organisation_id=organisation.pk,
        engagement_type=engagement_type,
        on=on,
        eligible=not reasons,
        reasons=reasons,
        requirements=requirements,
        enrollment=enrollment,
        competency_held=best,
    )


def offering_enrollment_competency(
    *, organisation: Organisation, offering: Offering, on: dt.date
) -> tuple[Requirement, CompetencyHeld | None]:
    """R-ENR-1: one of the offering's enrollment competencies at its minimum level on `on`."""
    options = [
        (link.competency, link.minimum_level)
        for link in OfferingCompetency.objects.filter(offering=offering)
        .select_related("competency")
        .order_by("competency__name", "id")
    ]
    held = _held(organisation, [competency.pk for competency, _ in options])
    return competency_requirement(options, held, on, rule="R-ENR-1")
