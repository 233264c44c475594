"""Customer pages: agreements, one agreement with balances, chart and ledger; activation and
training conversion (R-ACT-1, R-TRN-1)."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.core.types import OrganisationKind, Role
from planserv.customers.selectors import (
    access_agreement_for_actor,
    access_agreement_for_customer,
    agreement_balances,
    agreement_list_for_actor,
    conversion_terms,
    conversions_for_agreement,
    customer_days_summary,
    days_granted,
    milestone_impact,
)
from planserv.customers.services import agreement_activate, training_convert
from planserv.portal.decorators import actor_of, portal_view
from planserv.portal.shared.agreements import agreement_context

AGREEMENT_PAGE_SIZE = 50

CUSTOMER = (str(OrganisationKind.CUSTOMER),)
BENEFITS_ADMIN = (str(Role.BENEFITS_ADMIN),)


class ConversionForm(forms.Form):
    training_days = forms.IntegerField(
        min_value=1, max_value=1_000_000, label=gettext_lazy("Training days")
    )
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)


@portal_view(kinds=CUSTOMER)
def agreement_list(request: HttpRequest) -> HttpResponse:
    """A page of 50 agreements; the milestone sentence sums every agreement in SQL (PERF-6: a
    customer may have hundreds of agreements)."""
    actor = actor_of(request)
    page = Paginator(agreement_list_for_actor(actor), AGREEMENT_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = []
    for agreement in page:
        balances = agreement_balances(agreement)
        rows.append(
            {"agreement": agreement, "balances": balances, "granted": days_granted(balances)}
        )
    totals = customer_days_summary(actor).totals
    return render(
        request,
        "portal/customer/agreement_list.html",
        {
            "rows": rows,
            "page": page,
            "query": "",
            "impact": milestone_impact(totals=totals, today=clock.today()),
        },
    )


@portal_view(kinds=CUSTOMER)
def agreement_detail(request: HttpRequest, licensing_id: str) -> HttpResponse:
    actor = actor_of(request)
    today = clock.today()
    agreement = access_agreement_for_actor(actor=actor, licensing_id=licensing_id)
    context = agreement_context(agreement, today=today, before=request.GET.get("before"))
    context.update(
        impact=milestone_impact(agreements=[agreement], today=today),
        terms=conversion_terms(today=today),
        conversions=conversions_for_agreement(agreement=agreement),
        may_act=actor.role == Role.BENEFITS_ADMIN,
        conversion_form=ConversionForm(initial={"key": uuid.uuid4().hex}),
    )
    return render(request, "portal/customer/agreement_detail.html", context)


@require_POST
@portal_view(kinds=CUSTOMER, roles=BENEFITS_ADMIN)
def agreement_activate_view(request: HttpRequest, licensing_id: str) -> HttpResponse:
    actor = actor_of(request)
    agreement = access_agreement_for_customer(actor=actor, licensing_id=licensing_id)
    try:
        agreement_activate(agreement=agreement, actor=actor, today=clock.today(), at=clock.now())
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Planning Services are active on %(agreement)s: vouchers can now be created on it.")
            % {"agreement": agreement.licensing_id},
        )
    return redirect("portal:customer_agreement_detail", licensing_id=agreement.licensing_id)


@require_POST
@portal_view(kinds=CUSTOMER, roles=BENEFITS_ADMIN)
def agreement_convert_view(request: HttpRequest, licensing_id: str) -> HttpResponse:
    actor = actor_of(request)
    agreement = access_agreement_for_customer(actor=actor, licensing_id=licensing_id)
    form = ConversionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the number of training days to convert, a whole number."))
        return redirect("portal:customer_agreement_detail", licensing_id=agreement.licensing_id)
    try:
        conversion = training_convert(
            agreement=agreement,
            training_days=form.cleaned_data["training_days"],
            actor=actor,
            today=clock.today(),
            at=clock.now(),
            key=f"portal:{actor.membership_id}:{form.cleaned_data['key']}",
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(training)s training days converted into %(planning)s planning days.")
            % {"training": conversion.training_days, "planning": conversion.planning_days},
        )
    return redirect("portal:customer_agreement_detail", licensing_id=agreement.licensing_id)
