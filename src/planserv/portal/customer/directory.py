"""The partner directory (seed step 3): customers find enrolled firms with published profiles."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.partners.models import BusinessProfile
from planserv.partners.selectors import directory_search
from planserv.portal.decorators import portal_view
from planserv.program.models import Offering

PAGE_SIZE = 20


class DirectoryForm(forms.Form):
    country = forms.ChoiceField(required=False, choices=[], label=gettext_lazy("Country"))
    offering = forms.ChoiceField(required=False, choices=[], label=gettext_lazy("Offering"))
    q = forms.CharField(required=False, max_length=100, label=gettext_lazy("Search"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["country"].choices = [("", _("Any country")), *countries]  # type: ignore[attr-defined]
        self.fields["offering"].choices = [  # type: ignore[attr-defined]
            ("", _("Any offering")),
            *((o.code, f"{o.code} {o.name}") for o in Offering.objects.order_by("code")),
        ]


def card(profile: BusinessProfile) -> dict[str, object]:
    organisation = profile.organisation
    enrolled = {e.offering.code for e in getattr(organisation, "current_enrollments", [])}
    return {
        "partner_id": organisation.public_id,
        "name": organisation.name,
        "description": profile.description,
        "website": profile.website,
        "countries": [row.country.name for row in profile.served_countries.all()],
        "offerings": sorted(
            o.code for o in profile.offerings_delivered.all() if o.code in enrolled
        ),
        "tags": profile.tag_list,
        "competencies": getattr(organisation, "valid_competencies", []),
        "contact_name": profile.contact_name,
        "contact_email": profile.contact_email,
        "contact_phone": profile.contact_phone,
        "logo": profile.has_logo,
    }


@portal_view()
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryForm(request.GET or None)
    error = None
    page = None
    filters = form.cleaned_data if form.is_valid() else {}
    try:
        results = directory_search(
            country=filters.get("country") or None,
            offering_code=filters.get("offering") or None,
            text=filters.get("q") or None,
            on=clock.today(),
        ).order_by("organisation__name", "id")
        page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    except DomainError as domain_error:
        error = domain_error
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/customer/directory.html",
        {
            "form": form,
            "page": page,
            "cards": [card(profile) for profile in page] if page else [],
            "error": error,
            "query": query.urlencode(),
        },
    )
