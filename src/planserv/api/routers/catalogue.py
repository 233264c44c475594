"""/offerings and /engagement-types: the catalogue, with retired flags for cloud items."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from planserv.api.schemas.catalogue import (
    CompetencyRequirementOut,
    EngagementTypeOut,
    OfferingOut,
)
from planserv.api.schemas.common import ERRORS
from planserv.core import clock
from planserv.core.errors import InvalidInput
from planserv.program.calendar import calendar_get
from planserv.program.models import EngagementType, Offering
from planserv.program.selectors import engagement_types_list, offerings_list

router = Router(tags=["catalogue"])


def _offering_out(offering: Offering, *, cloud_open: bool) -> OfferingOut:
    return OfferingOut(
        code=offering.code,
        name=offering.name,
        targeted_products=offering.targeted_products,
        cloud=offering.is_cloud,
        retired=offering.is_cloud and not cloud_open,
        enrollment_competencies=[
            CompetencyRequirementOut(
                competency=link.competency.code,
                competency_name=link.competency.name,
                minimum_level=link.minimum_level,
            )
            for link in offering.offeringcompetency_set.all()
        ],
        engagement_types=[engagement.code for engagement in offering.engagement_types.all()],
    )


def _engagement_type_out(engagement: EngagementType, *, cloud_open: bool) -> EngagementTypeOut:
    return EngagementTypeOut(
        code=engagement.code,
        name=engagement.name,
        offering=engagement.offering.code,
        cloud=engagement.is_cloud,
        retired=engagement.is_cloud and not cloud_open,
        service_levels=engagement.allowed_service_levels(),
        deliverable_kinds=list(engagement.deliverable_kinds or []),
        qualifying_competencies=[
            CompetencyRequirementOut(
                competency=link.competency.code,
                competency_name=link.competency.name,
                minimum_level=link.minimum_level,
            )
            for link in engagement.engagementtypecompetency_set.all()
        ],
        exams=[exam.code for exam in engagement.exams.all()],
    )


@router.get(
    "/offerings",
    response={200: list[OfferingOut], **ERRORS},
    operation_id="listOfferings",
    summary="List the offerings",
)
def offerings(request: HttpRequest) -> list[OfferingOut]:
    cloud_open = calendar_get().cloud_open(clock.today())
    return [_offering_out(offering, cloud_open=cloud_open) for offering in offerings_list()]


@router.get(
    "/engagement-types",
    response={200: list[EngagementTypeOut], **ERRORS},
    operation_id="listEngagementTypes",
    summary="List the engagement types",
)
def engagement_types(request: HttpRequest, offering: str | None = None) -> list[EngagementTypeOut]:
    if offering is not None and "\x00" in offering:  # PostgreSQL text cannot hold NUL
        raise InvalidInput(_("The offering code contains a NUL character."))
    cloud_open = calendar_get().cloud_open(clock.today())
    return [
        _engagement_type_out(engagement, cloud_open=cloud_open)
        for engagement in engagement_types_list(offering_code=offering)
    ]
