"""Reads of the program configuration that encode rules."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from planserv.core.errors import NotFound
from planserv.program.models import (
    AgreementVersion,
    DayRate,
    EngagementType,
    Milestone,
    Offering,
)


def milestones_list() -> QuerySet[Milestone]:
    return Milestone.objects.order_by("date", "key")


def milestone_next(*, today: dt.date) -> Milestone | None:
    """The first milestone dated today or later."""
    return Milestone.objects.filter(date__gte=today).order_by("date", "key").first()


def offerings_list() -> QuerySet[Offering]:
    return Offering.objects.prefetch_related(
        "offeringcompetency_set__competency", "engagement_types"
    ).order_by("code")


def engagement_types_list(*, offering_code: str | None = None) -> QuerySet[EngagementType]:
    queryset = EngagementType.objects.select_related("offering").prefetch_related(
        "engagementtypecompetency_set__competency", "exams"
    )
    if offering_code:
        queryset = queryset.filter(offering__code=offering_code)
    return queryset.order_by("offering__code", "name", "id")


def engagement_type_get(*, code: str) -> EngagementType:
    try:
        return engagement_types_list().get(code=code)
    except EngagementType.DoesNotExist:
        raise NotFound(
            _("There is no engagement type %(code)r in the catalogue.") % {"code": code}
        ) from None


def agreement_version_current(*, today: dt.date) -> AgreementVersion | None:
    """The program agreement version in force on `today` (R-ENR-1)."""
    return (
        AgreementVersion.objects.filter(effective_from__lte=today)
        .order_by("-effective_from", "-id")
        .first()
    )


def day_rate_for(*, country: str, on: dt.date) -> DayRate | None:
    """The delivery country's rate effective on `on` (R-PAY-3), or None if the table has none."""
    return (
        DayRate.objects.filter(country=country, effective_from__lte=on)
        .order_by("-effective_from", "-id")
        .first()
    )


def day_rate_countries(*, on: dt.date) -> list[str]:
    """The countries (ISO codes, sorted) with a day rate in effect on `on` (R-RES-5)."""
    return sorted(
        {
            str(code)
            for code in DayRate.objects.filter(effective_from__lte=on)
            .values_list("country", flat=True)
            .distinct()
        }
    )
