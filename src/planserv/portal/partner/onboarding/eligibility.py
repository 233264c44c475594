"""Partner portal: the firm's eligibility (seed step 1): the offerings it may enroll in, in the
order that needs attention, and the competencies it holds."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from planserv.core import clock
from planserv.core.types import Role
from planserv.partners.eligibility import OfferingRow
from planserv.partners.selectors import competencies_for_firm, firm_eligibility, firm_of
from planserv.portal.decorators import actor_of, portal_view
from planserv.portal.partner.onboarding import PARTNER


@portal_view(kinds=PARTNER)
def eligibility(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    firm = firm_of(actor)
    today = clock.today()
    result = firm_eligibility(organisation=firm, on=today)
    return render(
        request,
        "portal/partner/eligibility.html",
        {
            "result": result,
            "offerings": sorted(result.offerings, key=_attention_order),
            "competencies": competencies_for_firm(firm),
            "today": today,
            "may_enroll": actor.role == Role.GLOBAL_ADMIN,
        },
    )


def _attention_order(row: OfferingRow) -> tuple[int, str]:
    """Enrolled offerings first, then those the firm may enroll in, then the rest; retired last."""
    if row.retired and row.enrollment is None:
        rank = 3
    elif row.enrollment is not None:
        rank = 0
    elif row.can_enroll:
        rank = 1
    else:
        rank = 2
    return rank, row.offering.code
