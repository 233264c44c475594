"""Partner portal, R-EVD-1: the firm claims competencies (Evidence page), adds consultants and
claims their exam passes (Consultants page), each with evidence; the operator verifies them.
Views translate; partners.services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.core.types import Role
from planserv.partners.models import ClaimKind, ClaimStatus
from planserv.partners.selectors import (
    access_consultant_for_partner,
    claims_for_firm,
    consultants_for_firm,
    firm_of,
    locations_for_firm,
)
from planserv.partners.services import Evidence, competency_claim, consultant_create, exam_claim
from planserv.portal.decorators import actor_of, portal_view
from planserv.portal.partner.onboarding import PARTNER
from planserv.portal.shared.evidence import evidence_file as serve_evidence
from planserv.portal.shared.evidence import plain
from planserv.program.models import Competency, CompetencyLevel, Exam

PAGE_SIZE = 50
CLAIMANTS = (Role.GLOBAL_ADMIN, Role.PARTNER_ADMIN)
DATE = forms.DateInput(attrs={"type": "date"})


class EvidenceFields(forms.Form):
    reference = forms.CharField(
        required=False,
        max_length=100,
        label=gettext_lazy("Transcript or credential id"),
        help_text=gettext_lazy("Give the id, attach the certificate or transcript, or both."),
    )
    evidence = forms.FileField(
        required=False,
        label=gettext_lazy("Certificate or transcript (PDF, PNG or JPEG, at most 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def evidence_value(self) -> Evidence:
        return Evidence(
            reference=self.cleaned_data.get("reference") or "",
            file=self.cleaned_data.get("evidence"),
        )


class CompetencyClaimForm(EvidenceFields):
    competency = forms.ModelChoiceField(
        queryset=Competency.objects.order_by("name"),
        empty_label=gettext_lazy("Choose a competency"),
        label=gettext_lazy("Competency"),
    )
    level = forms.ChoiceField(choices=CompetencyLevel.choices, label=gettext_lazy("Level"))
    earned_on = forms.DateField(widget=DATE, label=gettext_lazy("Earned on"))
    expires_on = forms.DateField(widget=DATE, label=gettext_lazy("Valid through"))

    field_order = ["competency", "level", "earned_on", "expires_on", "reference", "evidence"]


class ConsultantForm(forms.Form):
    name = forms.CharField(max_length=150, label=gettext_lazy("Name"))
    email = forms.EmailField(max_length=254, label=gettext_lazy("Email"))


class ExamClaimForm(EvidenceFields):
    consultant = forms.TypedChoiceField(coerce=int, choices=(), label=gettext_lazy("Consultant"))
    exam = forms.ModelChoiceField(
        queryset=Exam.objects.select_related("competency").order_by("code"),
        empty_label=gettext_lazy("Choose an exam"),
        label=gettext_lazy("Exam"),
    )
    passed_on = forms.DateField(widget=DATE, label=gettext_lazy("Passed on"))

    field_order = ["consultant", "exam", "passed_on", "reference", "evidence"]

    def __init__(self, *args: Any, consultants: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["consultant"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Choose a consultant")), *consultants]


def _may_claim(request: HttpRequest) -> bool:
    return actor_of(request).role in CLAIMANTS


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/common/forbidden.html",
        {"reason": _("Only a global admin or partner admin of the firm may do this.")},
        status=403,
    )


@portal_view(kinds=PARTNER)
def evidence(request: HttpRequest) -> HttpResponse:
    """The firm's claims (its claim history) and the form to claim a competency."""
    actor = actor_of(request)
    firm = firm_of(actor)
    form = CompetencyClaimForm()
    status = 200
    if request.method == "POST":
        if not _may_claim(request):
            return _forbidden(request)
        form = CompetencyClaimForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                claim = competency_claim(
                    organisation=firm,
                    competency=form.cleaned_data["competency"],
                    level=form.cleaned_data["level"],
                    earned_on=form.cleaned_data["earned_on"],
                    expires_on=form.cleaned_data["expires_on"],
                    evidence=form.evidence_value(),
                    actor=actor,
                    today=clock.today(),
                    at=clock.now(),
                )
            except DomainError as error:
                form.add_error(None, plain(error.message))
                status = error.http_status
            else:
                messages.success(
                    request,
                    _(
                        "Claim sent: %(claim)s. The program operator checks the evidence; "
                        "it counts once verified."
                    )
                    % {"claim": claim.summary},
                )
                return redirect("portal:partner_evidence")
        else:
            status = 400
    page = Paginator(claims_for_firm(firm), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/partner/evidence.html",
        {
            "page": page,
            "form": form,
            "may_claim": _may_claim(request),
            "pending": claims_for_firm(firm).filter(status=ClaimStatus.PENDING).count(),
        },
        status=status,
    )


@portal_view(kinds=PARTNER)
def consultants(request: HttpRequest) -> HttpResponse:
    """The firm's consultants with their verified exams and exam claims; global and partner
    admins add consultants and claim exam passes."""
    actor = actor_of(request)
    firm = firm_of(actor)
    people = consultants_for_firm(firm).prefetch_related("claims__exam")
    choices = [(person.pk, f"{person.name} ({person.email})") for person in people]
    consultant_form = ConsultantForm(prefix="consultant")
    exam_form = ExamClaimForm(prefix="exam", consultants=choices)
    status = 200
    if request.method == "POST":
        if not _may_claim(request):
            return _forbidden(request)
        today, at = clock.today(), clock.now()
        if request.POST.get("action") == "add-consultant":
            consultant_form = ConsultantForm(request.POST, prefix="consultant")
            if consultant_form.is_valid():
                try:
                    person = consultant_create(
                        organisation=firm,
                        name=consultant_form.cleaned_data["name"],
                        email=consultant_form.cleaned_data["email"],
                        actor=actor,
                        today=today,
                        at=at,
                    )
                except DomainError as error:
                    consultant_form.add_error(None, plain(error.message))
                    status = error.http_status
                else:
                    messages.success(
                        request, _("%(name)s added. Now claim their exams.") % {"name": person.name}
                    )
                    return redirect("portal:partner_consultants")
            else:
                status = 400
        else:
            exam_form = ExamClaimForm(
                request.POST, request.FILES, prefix="exam", consultants=choices
            )
            if exam_form.is_valid():
                try:
                    claim = exam_claim(
                        consultant=access_consultant_for_partner(
                            actor=actor, consultant_id=exam_form.cleaned_data["consultant"]
                        ),
                        exam=exam_form.cleaned_data["exam"],
                        passed_on=exam_form.cleaned_data["passed_on"],
                        evidence=exam_form.evidence_value(),
                        actor=actor,
                        today=today,
                        at=at,
                    )
                except DomainError as error:
                    exam_form.add_error(None, plain(error.message))
                    status = error.http_status
                else:
                    messages.success(
                        request,
                        _("Claim sent: %(claim)s. It counts once the program operator verifies it.")
                        % {"claim": claim.summary},
                    )
                    return redirect("portal:partner_consultants")
            else:
                status = 400
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/partner/consultant_list.html",
        {
            "page": page,
            "consultant_form": consultant_form,
            "exam_form": exam_form,
            "may_claim": _may_claim(request),
            "pending": ClaimStatus.PENDING,
            "verified": ClaimStatus.VERIFIED,
            "exam_kind": ClaimKind.EXAM,
        },
        status=status,
    )


@portal_view(kinds=PARTNER)
def locations(request: HttpRequest) -> HttpResponse:
    firm = firm_of(actor_of(request))
    page = Paginator(locations_for_firm(firm), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/partner/location_list.html", {"page": page})


@portal_view(kinds=PARTNER)  # a FileResponse streams
def evidence_file(request: HttpRequest, claim_id: int) -> HttpResponseBase:
    """The evidence file of one of the firm's claims, as a download."""
    return serve_evidence(request, claim_id)
