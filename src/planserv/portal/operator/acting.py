"""Support acting for an organisation (accounts/acting.py; docs/operator.md): the operator's page
that starts acting, with a reason. The banner, the stop and the end at logout are every side's
(shared/acting.py)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planserv.accounts.acting import (
    MIN_REASON,
    organisation_for_acting,
    organisations_for_acting,
    support_acting_start,
)
from planserv.accounts.middleware import ACTING_KEY
from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.core.types import OrganisationKind, Role
from planserv.portal.decorators import actor_of, portal_view

ROLE_CHOICES = [
    ("", gettext_lazy("Its admin role (partner admin, or benefits admin)")),
    (Role.GLOBAL_ADMIN, gettext_lazy("Partner: global admin")),
    (Role.PARTNER_ADMIN, gettext_lazy("Partner: partner admin")),
    (Role.PROFILE_ADMIN, gettext_lazy("Partner: profile admin")),
    (Role.MEMBER, gettext_lazy("Partner: member")),
    (Role.BENEFITS_ADMIN, gettext_lazy("Customer: benefits admin")),
    (Role.PROJECT_MANAGER, gettext_lazy("Customer: project manager")),
]


class ActForForm(forms.Form):
    organisation = forms.CharField(
        label=gettext_lazy("Partner id or customer number"), max_length=32
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Act in the role"), choices=ROLE_CHOICES, required=False
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (recorded in the audit of every change you make)"),
        min_length=MIN_REASON,
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
    )


@portal_view(kinds=(OrganisationKind.OPERATOR,), roles=(Role.SUPPORT,))
def act_for(request: HttpRequest) -> HttpResponse:
    """Start acting for a partner firm or customer, with a reason."""
    form = ActForForm(request.POST or None, initial={"organisation": request.GET.get("org", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = support_acting_start(
                actor=actor_of(request),
                organisation=organisation_for_acting(public_id=data["organisation"]),
                role=data["role"],
                reason=data["reason"],
                at=clock.real_now(),
                today=clock.today(),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            request.session[ACTING_KEY] = session.pk
            messages.success(
                request,
                _("You now act for %(organisation)s as %(role)s.")
                % {"organisation": session.organisation.name, "role": session.role},
            )
            return redirect("portal:home")
    return render(
        request,
        "portal/operator/act_for.html",
        {"form": form, "organisations": organisations_for_acting()[:500]},
    )
