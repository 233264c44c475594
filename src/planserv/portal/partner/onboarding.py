"""Partner portal pages of onboarding (seed steps 1-3): eligibility, enrollment, business profile,
locations and consultants. Views translate; partners.services and partners.selectors decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_countries import countries

from planserv.accounts.models import Organisation
from planserv.core import clock, uploads
from planserv.core.errors import DomainError
from planserv.core.types import Role
from planserv.partners import files
from planserv.partners.eligibility import OfferingRow
from planserv.partners.errors import EnrollmentNotFound
from planserv.partners.models import BusinessProfile
from planserv.partners.selectors import (
    access_logo,
    competencies_for_firm,
    consultants_for_firm,
    enrollments_for_firm,
    firm_eligibility,
    firm_of,
    locations_for_firm,
    offering_get,
    profile_for_firm,
)
from planserv.partners.services import (
    ProfileInput,
    enrollment_create,
    enrollment_renew,
    profile_logo_remove,
    profile_logo_upload,
    profile_publish,
    profile_unpublish,
    profile_update,
)
from planserv.portal.decorators import actor_of, portal_view
from planserv.program.models import Offering
from planserv.program.selectors import agreement_version_current

PARTNER = ("partner",)
PAGE_SIZE = 50


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


# --- enrollment --------------------------------------------------------------------------------


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
                raise EnrollmentNotFound(f"The firm has no current {offering.code} enrollment.")
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
                f"{enrollment.last_day:%d %b %Y}.",
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
                f"{enrollment.last_day:%d %b %Y}.",
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


# --- business profile --------------------------------------------------------------------------


class ProfileForm(forms.Form):
    description = forms.CharField(
        required=False,
        max_length=2500,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 2500}),
        help_text="What your firm does for customers; at most 2,500 characters.",
    )
    website = forms.CharField(required=False, max_length=300, help_text="https://…")
    countries_served = forms.MultipleChoiceField(
        required=False, choices=[], widget=forms.SelectMultiple(attrs={"size": 8})
    )
    offerings_delivered = forms.MultipleChoiceField(
        required=False, choices=[], widget=forms.CheckboxSelectMultiple
    )
    expertise_tags = forms.CharField(
        required=False, max_length=600, help_text="Comma-separated, e.g. Intune, Windows 10"
    )
    contact_name = forms.CharField(required=False, max_length=150)
    contact_email = forms.EmailField(required=False)
    contact_phone = forms.CharField(required=False, max_length=40)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["countries_served"].choices = list(countries)  # type: ignore[attr-defined]
        self.fields["offerings_delivered"].choices = [  # type: ignore[attr-defined]
            (offering.code, f"{offering.code} {offering.name}")
            for offering in Offering.objects.order_by("code")
        ]

    def to_input(self) -> ProfileInput:
        data = self.cleaned_data
        return ProfileInput(
            description=data["description"],
            website=data["website"],
            countries_served=data["countries_served"],
            offerings_delivered=data["offerings_delivered"],
            expertise_tags=data["expertise_tags"].split(","),
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
        )


def _initial(profile: BusinessProfile | None) -> dict[str, Any]:
    if profile is None:
        return {}
    return {
        "description": profile.description,
        "website": profile.website,
        "countries_served": [str(row.country) for row in profile.served_countries.all()],
        "offerings_delivered": [offering.code for offering in profile.offerings_delivered.all()],
        "expertise_tags": ", ".join(profile.tag_list),
        "contact_name": profile.contact_name,
        "contact_email": profile.contact_email,
        "contact_phone": profile.contact_phone,
    }


def _card(
    firm: Organisation, values: dict[str, Any], profile: BusinessProfile | None
) -> dict[str, Any]:
    """What the directory card shows, from saved or previewed values."""
    codes = set(values.get("countries_served") or [])
    today = clock.today()
    return {
        "competencies": [
            held
            for held in competencies_for_firm(firm)
            if held.earned_on <= today <= held.expires_on
        ],
        "partner_id": firm.public_id,
        "name": firm.name,
        "description": values.get("description", ""),
        "website": values.get("website", ""),
        "countries": [name for code, name in countries if code in codes],
        "offerings": sorted(values.get("offerings_delivered") or []),
        "tags": [t.strip() for t in str(values.get("expertise_tags", "")).split(",") if t.strip()],
        "contact_name": values.get("contact_name", ""),
        "contact_email": values.get("contact_email", ""),
        "contact_phone": values.get("contact_phone", ""),
        "logo": profile is not None and profile.has_logo,
    }


@portal_view(kinds=PARTNER)
def profile(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    firm = firm_of(actor)
    today = clock.today()
    saved = profile_for_firm(firm)
    result = firm_eligibility(organisation=firm, on=today)
    enrolled = [row.offering.code for row in result.offerings if row.enrollment is not None]
    return render(
        request,
        "portal/partner/profile_detail.html",
        {
            "firm": firm,
            "profile": saved,
            "card": _card(firm, _initial(saved), saved),
            "enrolled": enrolled,
            "listed": bool(saved and saved.is_published and enrolled),
            "may_edit": actor.role == Role.PROFILE_ADMIN,
            "logo_max_kb": files.LOGO_MAX_BYTES // 1024,
        },
    )


@portal_view(kinds=PARTNER, roles=(Role.PROFILE_ADMIN,))
def profile_edit(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    firm = firm_of(actor)
    saved = profile_for_firm(firm)
    if request.method != "POST":
        form = ProfileForm(initial=_initial(saved))
        card = _card(firm, _initial(saved), saved)
        return render(request, "portal/partner/profile_edit.html", {"form": form, "card": card})
    form = ProfileForm(request.POST)
    valid = form.is_valid()
    values = form.cleaned_data if valid else {k: form.data.get(k, "") for k in form.fields}
    card = _card(firm, values, saved)
    previewing = request.POST.get("action") == "preview"
    if previewing and request.headers.get("HX-Request"):
        return render(request, "portal/partner/_profile_card.html", {"card": card})
    if previewing or not valid:
        context = {"form": form, "card": card, "previewing": True}
        return render(
            request, "portal/partner/profile_edit.html", context, status=200 if valid else 400
        )
    try:
        profile_update(
            organisation=firm,
            data=form.to_input(),
            actor=actor,
            today=clock.today(),
            at=clock.now(),
        )
    except DomainError as error:
        context = {"form": form, "card": card, "error": error}
        return render(
            request, "portal/partner/profile_edit.html", context, status=error.http_status
        )
    messages.success(request, "Profile saved.")
    return redirect("portal:partner_profile")


def _profile_action(request: HttpRequest, action: Any, success: str) -> HttpResponse:
    actor = actor_of(request)
    try:
        action(organisation=firm_of(actor), actor=actor, today=clock.today(), at=clock.now())
        messages.success(request, success)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("portal:partner_profile")


@require_POST
@portal_view(kinds=PARTNER, roles=(Role.PROFILE_ADMIN,))
def profile_publish_view(request: HttpRequest) -> HttpResponse:
    return _profile_action(
        request,
        profile_publish,
        "Profile published: customers find it in the partner directory "
        "while your firm is enrolled.",
    )


@require_POST
@portal_view(kinds=PARTNER, roles=(Role.PROFILE_ADMIN,))
def profile_unpublish_view(request: HttpRequest) -> HttpResponse:
    return _profile_action(request, profile_unpublish, "Profile withdrawn from the directory.")


@require_POST
@portal_view(kinds=PARTNER, roles=(Role.PROFILE_ADMIN,))
def profile_logo_remove_view(request: HttpRequest) -> HttpResponse:
    return _profile_action(request, profile_logo_remove, "Logo removed.")


@require_POST
@portal_view(kinds=PARTNER, roles=(Role.PROFILE_ADMIN,))
def profile_logo_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    upload = request.FILES.get("logo")
    if upload is None:
        messages.error(request, "Choose an image file to upload.")
        return redirect("portal:partner_profile")
    try:
        profile_logo_upload(
            organisation=firm_of(actor),
            content=upload.read(files.LOGO_MAX_BYTES + 1),
            filename=upload.name or "",
            actor=actor,
            today=clock.today(),
            at=clock.now(),
        )
        messages.success(request, "Logo uploaded.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("portal:partner_profile")


@require_GET
def logo(request: HttpRequest, partner_id: str) -> HttpResponseBase:
    """Serve a logo: public once the profile is published, else only the firm and operators."""
    try:
        profile = access_logo(actor=getattr(request, "actor", None), partner_id=partner_id)
    except DomainError:
        return HttpResponse("Not found", status=404, content_type="text/plain")
    try:
        stored = files.logo_open(profile.logo_name)
    except FileNotFoundError:
        return HttpResponse("Not found", status=404, content_type="text/plain")
    return uploads.file_response(
        stored,
        content_type=profile.logo_content_type,
        cache_control="public, max-age=300" if profile.is_published else uploads.PRIVATE,
    )


# --- firm data (read-only) ---------------------------------------------------------------------


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
