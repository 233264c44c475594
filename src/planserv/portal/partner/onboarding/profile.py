"""Partner portal: the business profile (seed step 3): the directory card, editing with a preview,
publishing and withdrawing it, the logo and its serving."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django_countries import countries

from planserv.accounts.models import Organisation
from planserv.core import clock, uploads
from planserv.core.errors import DomainError
from planserv.core.types import Role
from planserv.partners import files
from planserv.partners.models import BusinessProfile
from planserv.partners.selectors import (
    access_logo,
    competencies_for_firm,
    firm_eligibility,
    firm_of,
    profile_for_firm,
)
from planserv.partners.services import (
    ProfileInput,
    profile_logo_remove,
    profile_logo_upload,
    profile_publish,
    profile_unpublish,
    profile_update,
)
from planserv.portal.decorators import actor_of, portal_view
from planserv.portal.partner.onboarding import PARTNER
from planserv.program.models import Offering


class ProfileForm(forms.Form):
    description = forms.CharField(
        required=False,
        max_length=2500,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 2500, "data-count": "1"}),
        help_text=gettext_lazy("What your firm does for customers; at most 2,500 characters."),
        label=gettext_lazy("Description"),
    )
    website = forms.CharField(
        required=False, max_length=300, help_text="https://…", label=gettext_lazy("Website")
    )
    countries_served = forms.MultipleChoiceField(
        required=False,
        choices=[],
        label=gettext_lazy("Countries served"),
        # portal.js turns it into a filter box over checkboxes (docs/portal.md).
        widget=forms.SelectMultiple(attrs={"size": 8, "data-searchable": "1"}),
    )
    offerings_delivered = forms.MultipleChoiceField(
        required=False,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Offerings delivered"),
    )
    expertise_tags = forms.CharField(
        required=False,
        max_length=600,
        help_text=gettext_lazy("Comma-separated, e.g. Intune, Windows 10"),
        label=gettext_lazy("Expertise tags"),
    )
    contact_name = forms.CharField(
        required=False, max_length=150, label=gettext_lazy("Contact name")
    )
    contact_email = forms.EmailField(required=False, label=gettext_lazy("Contact email"))
    contact_phone = forms.CharField(
        required=False, max_length=40, label=gettext_lazy("Contact phone")
    )

    def __init__(self, *args: Any, offerings: list[Offering] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["countries_served"].choices = list(countries)  # type: ignore[attr-defined]
        # Only the offerings the firm is enrolled in and that are not retired.
        self.fields["offerings_delivered"].choices = [  # type: ignore[attr-defined]
            (offering.code, offering.name) for offering in offerings or []
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


def _offerings(firm: Organisation) -> list[Offering]:
    """The offerings a profile may list: enrolled today and not retired."""
    result = firm_eligibility(organisation=firm, on=clock.today())
    return [
        row.offering for row in result.offerings if row.enrollment is not None and not row.retired
    ]


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
            "may_edit": actor.has_role(Role.PROFILE_ADMIN),
            "logo_max_kb": files.LOGO_MAX_BYTES // 1024,
        },
    )


@portal_view(kinds=PARTNER, roles=(Role.PROFILE_ADMIN,))
def profile_edit(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    firm = firm_of(actor)
    saved = profile_for_firm(firm)
    if request.method != "POST":
        form = ProfileForm(initial=_initial(saved), offerings=_offerings(firm))
        card = _card(firm, _initial(saved), saved)
        return render(request, "portal/partner/profile_edit.html", {"form": form, "card": card})
    form = ProfileForm(request.POST, offerings=_offerings(firm))
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
    messages.success(request, _("Profile saved."))
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
        _(
            "Profile published: customers find it in the partner directory "
            "while your firm is enrolled."
        ),
    )


@require_POST
@portal_view(kinds=PARTNER, roles=(Role.PROFILE_ADMIN,))
def profile_unpublish_view(request: HttpRequest) -> HttpResponse:
    return _profile_action(request, profile_unpublish, _("Profile withdrawn from the directory."))


@require_POST
@portal_view(kinds=PARTNER, roles=(Role.PROFILE_ADMIN,))
def profile_logo_remove_view(request: HttpRequest) -> HttpResponse:
    return _profile_action(request, profile_logo_remove, _("Logo removed."))


@require_POST
@portal_view(kinds=PARTNER, roles=(Role.PROFILE_ADMIN,))
def profile_logo_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    upload = request.FILES.get("logo")
    if upload is None:
        messages.error(request, _("Choose an image file to upload."))
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
        messages.success(request, _("Logo uploaded."))
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
