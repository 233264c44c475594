"""Partner portal: enrollment (seed step 2): the firm's enrollments, enrolling in an offering and
renewing it, each accepting the current program agreement."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.core.formatting import long_date
from planserv.core.types import Role
from planserv.partners.errors import EnrollmentNotFound
from planserv.partners.selectors import (
    enrollments_for_firm,
    firm_eligibility,
    firm_of,
    offering_get,
)
from planserv.partners.services import enrollment_create, enrollment_renew
from planserv.portal.decorators import actor_of, portal_view
from planserv.portal.partner.onboarding import PARTNER
from planserv.program.models import Offering
from planserv.program.selectors import agreement_version_current


@portal_view(kinds=PARTNER)
def enrollments(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    firm = firm_of(actor)
    today = clock.today()
    result = firm_eligibility(organisation=firm, on=today)
    return render(
        request,
        "portal/partner/enrollment_list.html",
        {
            "enrollments": enrollments_for_firm(firm).order_by("-enrolled_on", "-id"),
            "offerings": result.offerings,
            "today": today,
            "may_enroll": actor.role == Role.GLOBAL_ADMIN,
        },
    )


class AgreementForm(forms.Form):
    agreement_version = forms.CharField(max_length=20, widget=forms.HiddenInput)
    accept = forms.BooleanField(
        required=False, label="I have read the program agreement and accept it for my firm."
    )


def _offering(code: str) -> Offering:
    return offering_get(code=code)


def _agreement_page(
    request: HttpRequest, *, offering: Offering, renewal: bool, error: DomainError | None = None
) -> HttpResponse:
    firm = firm_of(actor_of(request))
    today = clock.today()
    result = firm_eligibility(organisation=firm, on=today)
    row = next(r for r in result.offerings if r.offering.pk == offering.pk)
    version = agreement_version_current(today=today)
    form = AgreementForm(initial={"agreement_version": version.version if version else ""})
    return render(
        request,
        "portal/partner/enrollment_form.html",
        {
            "offering": offering,
            "row": row,
            "agreement": version,
            "form": form,
            "renewal": renewal,
            "error": error,
        },
        status=error.http_status if error else 200,
    )


def _agreement_post(request: HttpRequest, *, offering: Offering, renewal: bool) -> HttpResponse:
    actor = actor_of(request)
    firm = firm_of(actor)
    form = AgreementForm(request.POST)
    form.is_valid()
    version = form.cleaned_data.get("agreement_version", "")
    accepted = bool(form.cleaned_data.get("accept"))
    today, at = clock.today(), clock.now()
    try:
        if renewal:
            current = (
                enrollments_for_firm(firm)
                .filter(offering=offering, last_day__gte=today)
                .order_by("-last_day", "-id")
                .first()
            )
            if current is None:
                raise EnrollmentNotFound(
                    _("The firm has no current %(code)s enrollment.") % {"code": offering.code}
                )
            enrollment = enrollment_renew(
                enrollment=current,
                agreement_version=version,
                accepted=accepted,
                actor=actor,
                today=today,
                at=at,
            )
            messages.success(
                request,
                f"The {offering.code} enrollment is renewed through "
                f"{long_date(enrollment.last_day)}.",
            )
        else:
            enrollment = enrollment_create(
                organisation=firm,
                offering=offering,
                agreement_version=version,
                accepted=accepted,
                actor=actor,
                today=today,
                at=at,
            )
            messages.success(
                request,
                f"{firm.name} is enrolled in {offering.code} through "
                f"{long_date(enrollment.last_day)}.",
            )
    except DomainError as error:
        return _agreement_page(request, offering=offering, renewal=renewal, error=error)
    return redirect("portal:partner_enrollments")


@portal_view(kinds=PARTNER, roles=(Role.GLOBAL_ADMIN,))
def enroll(request: HttpRequest, offering: str) -> HttpResponse:
    target = _offering(offering)
    if request.method == "POST":
        return _agreement_post(request, offering=target, renewal=False)
    return _agreement_page(request, offering=target, renewal=False)


@portal_view(kinds=PARTNER, roles=(Role.GLOBAL_ADMIN,))
def enrollment_renewal(request: HttpRequest, offering: str) -> HttpResponse:
    target = _offering(offering)
    if request.method == "POST":
        return _agreement_post(request, offering=target, renewal=True)
    return _agreement_page(request, offering=target, renewal=True)
