"""Operator pages (issue 18): one page per partner firm, customer and voucher, and one search
across organisations. Each section shows the top rows with its own pagination (PERF-4: no
unbounded list). Reads only; reports.organisations and the apps' selectors decide what is shown."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from planserv.core import clock
from planserv.core.types import OrganisationKind, Role
from planserv.partners.selectors import firm_eligibility
from planserv.portal.decorators import actor_of, portal_view
from planserv.portal.shared.vouchers import detail_context
from planserv.reports import organisations as pages
from planserv.support.selectors import support_requests_of_organisation
from planserv.vouchers.errors import InvalidVoucherId
from planserv.vouchers.selectors import access_voucher_for_operator
from planserv.vouchers.voucher_id import parse

OPERATOR = ("operator",)
SECTION_SIZE = 10
RESULTS_SIZE = 25


def _section(
    request: HttpRequest, name: str, rows: QuerySet[Any], size: int = SECTION_SIZE
) -> Page:
    """One section's page: its own `<name>_page` parameter, `size` rows."""
    return Paginator(rows, size).get_page(request.GET.get(f"{name}_page"))


def _common(request: HttpRequest, organisation: Any) -> dict[str, Any]:
    return {
        "organisation": organisation,
        "people": _section(request, "people", pages.people_of(organisation)),
        "audit": _section(request, "audit", pages.audit_of(organisation)),
        "support_requests": _section(
            request,
            "support",
            support_requests_of_organisation(organisation_id=organisation.pk),
        ),
        "may_act": actor_of(request).role == Role.SUPPORT,
        "today": clock.today(),
    }


@portal_view(kinds=OPERATOR)
def firm_page(request: HttpRequest, partner_id: str) -> HttpResponse:
    firm = pages.firm_get(partner_id=partner_id)
    today = clock.today()
    enrollments = _section(request, "enrollments", pages.firm_enrollments(firm))
    return render(
        request,
        "portal/operator/firm_page.html",
        {
            **_common(request, firm),
            "eligibility": firm_eligibility(organisation=firm, on=today),
            "locations": _section(request, "locations", pages.firm_locations(firm)),
            "competencies": _section(request, "competencies", pages.firm_competencies(firm)),
            "claims": _section(request, "claims", pages.firm_claims(firm)),
            "consultants": _section(request, "consultants", pages.firm_consultants(firm)),
            "enrollments": enrollments,
            "enrollment_rows": [
                (enrollment, pages.renewal_window_opens(enrollment)) for enrollment in enrollments
            ],
            "registrations": _section(request, "registrations", pages.firm_registrations(firm)),
            "vouchers": _section(request, "vouchers", pages.firm_vouchers(firm)),
            "payment_requests": _section(request, "payments", pages.firm_payment_requests(firm)),
        },
    )


@portal_view(kinds=OPERATOR)
def customer_page(request: HttpRequest, customer_id: str) -> HttpResponse:
    customer = pages.customer_get(customer_id=customer_id)
    agreements = _section(request, "agreements", pages.customer_agreements(customer))
    return render(
        request,
        "portal/operator/customer_page.html",
        {
            **_common(request, customer),
            "agreements": agreements,
            "agreement_rows": pages.agreement_rows(list(agreements)),
            "vouchers": _section(request, "vouchers", pages.customer_vouchers(customer)),
        },
    )


@portal_view(kinds=OPERATOR)
def voucher_page(request: HttpRequest, voucher_id: str) -> HttpResponse:
    actor = actor_of(request)
    try:
        voucher = access_voucher_for_operator(actor=actor, voucher_id=parse(voucher_id))
    except InvalidVoucherId as error:
        return render(request, "portal/common/not_found.html", {"error": error}, status=404)
    return render(
        request,
        "portal/operator/voucher_page.html",
        {
            **detail_context(actor, voucher, clock.today()),
            "ledger": _section(request, "ledger", pages.voucher_ledger_entries(voucher)),
            "reservations": _section(request, "reservations", pages.voucher_reservations(voucher)),
            "payment": pages.voucher_payment(voucher),
        },
    )


@portal_view(kinds=OPERATOR)
def search(request: HttpRequest) -> HttpResponse:
    """One search box: a firm or customer by name or id, a voucher id, a licensing id."""
    query = (request.GET.get("q") or "").strip()
    voucher_id = None
    if query:
        try:
            voucher_id = parse(query)
        except InvalidVoucherId:
            voucher_id = None
    result = pages.organisation_search(query=query, voucher_id=voucher_id)
    results = _section(request, "results", result.organisations, RESULTS_SIZE)
    if (
        query
        and results.paginator.count == 1
        and result.voucher is None
        and result.agreement is None
    ):
        only = results[0]
        if only.kind == OrganisationKind.PARTNER:
            return redirect("portal:operator_firm", partner_id=only.public_id)
        return redirect("portal:operator_customer", customer_id=only.public_id)
    return render(
        request,
        "portal/operator/organisation_search.html",
        {
            "query": result.query,
            "results": results,
            "result": result,
            "query_string": urlencode({"q": query}),
        },
    )
