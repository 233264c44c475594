"""Partner portal: the firm's consultants and locations, read-only (they come from the partner
import)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from planserv.partners.selectors import consultants_for_firm, firm_of, locations_for_firm
from planserv.portal.decorators import actor_of, portal_view
from planserv.portal.partner.onboarding import PARTNER

PAGE_SIZE = 50


@portal_view(kinds=PARTNER)
def locations(request: HttpRequest) -> HttpResponse:
    firm = firm_of(actor_of(request))
    page = Paginator(locations_for_firm(firm), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/partner/location_list.html", {"page": page})


@portal_view(kinds=PARTNER)
def consultants(request: HttpRequest) -> HttpResponse:
    firm = firm_of(actor_of(request))
    page = Paginator(consultants_for_firm(firm), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/partner/consultant_list.html", {"page": page})
