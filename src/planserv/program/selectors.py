"""Reads of the program configuration that encode rules."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from planserv.core.config_cache import VersionedCache
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


def _day_rates_read() -> tuple[DayRate, ...]:
    return tuple(DayRate.objects.order_by("country", "-effective_from", "-id"))


# The day-rate table, cached per process and rebuilt on any change (core.config_cache).
_DAY_RATES: VersionedCache[tuple[DayRate, ...]] = VersionedCache("day_rates", _day_rates_read)


def day_rate_for(*, country: str, on: dt.date) -> DayRate | None:
    """The delivery country's rate effective on `on` (R-PAY-3), or None if the table has none."""
    code = str(country)
    for rate in _DAY_RATES.get():  # newest first within a country
        if str(rate.country) == code and rate.effective_from <= on:
            return rate
    return None


def day_rate_countries(*, on: dt.date) -> list[str]:
    """The countries (ISO codes, sorted) with a day rate in effect on `on` (R-RES-5)."""
    return sorted({str(rate.country) for rate in _DAY_RATES.get() if rate.effective_from <= on})
