"""People pages of every side (R-PPL-1, R-PPL-4; docs/people.md): the organisation's members with
their roles and last sign-in, pending invitations, inviting, changing roles, removing. Only the
organisation's managing role opens them, never support acting for it."""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from planserv.accounts.invitations import (
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from planserv.accounts.models import Invitation, Organisation
from planserv.accounts.people import member_get, member_remove, member_roles_set, members_list
from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.core.types import MANAGING_ROLE, ROLES_BY_KIND, Role
from planserv.portal.decorators import actor_of, portal_view

MANAGERS = tuple(MANAGING_ROLE.values())
_RULE_ID = re.compile(r"\s*\(R-[A-Z]+-\d+\)")


def plain(error: DomainError) -> str:
    """The refusal's sentence for the screen: without the rule id (STYLE.md section 7)."""
    return _RULE_ID.sub("", error.message)


def role_choices(kind: str) -> list[tuple[str, str]]:
    return [(role, str(Role(role).label)) for role in ROLES_BY_KIND[kind]]


class InviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254)
    full_name = forms.CharField(
        label=gettext_lazy("Name (optional)"), max_length=150, required=False
    )
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Roles"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: object, kind: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["roles"].choices = role_choices(kind)  # type: ignore[attr-defined]


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Roles"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: object, kind: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["roles"].choices = role_choices(kind)  # type: ignore[attr-defined]


def _organisation(request: HttpRequest) -> Organisation:
    organisation_id = actor_of(request).organisation_id
    assert organisation_id is not None  # portal_view: every actor here has an organisation
    return Organisation.objects.get(pk=organisation_id)


def _render_people(
    request: HttpRequest, form: InviteForm | None = None, status: int = 200
) -> HttpResponse:
    organisation = _organisation(request)
    at = clock.real_now()
    invitations = Invitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True, revoked_at__isnull=True
    ).order_by("email", "pk")
    context = {
        "organisation": organisation,
        "members": members_list(organisation=organisation),
        "invitations": [
            (item, item.is_pending(at), [Role(role).label for role in item.roles])
            for item in invitations
        ],
        "form": form or InviteForm(kind=organisation.kind),
        "managing_role": Role(MANAGING_ROLE[organisation.kind]).label,
    }
    return render(request, "portal/common/people.html", context, status=status)


@portal_view(roles=MANAGERS, own_members_only=True)
def people(request: HttpRequest) -> HttpResponse:
    """The members, their roles and last sign-in, pending invitations, and the invite form."""
    return _render_people(request)


@require_POST
@portal_view(roles=MANAGERS, own_members_only=True)
def people_invite(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    form = InviteForm(request.POST, kind=organisation.kind)
    if not form.is_valid():
        return _render_people(request, form, status=400)
    try:
        issued = invitation_create(
            actor=actor_of(request),
            organisation=organisation,
            email=form.cleaned_data["email"],
            roles=form.cleaned_data["roles"],
            full_name=form.cleaned_data["full_name"],
            at=clock.real_now(),
            today=clock.today(),
        )
    except DomainError as error:
        messages.error(request, plain(error))
        return _render_people(request, form, status=400)
    messages.success(
        request, _("Invitation sent to %(email)s.") % {"email": issued.invitation.email}
    )
    return redirect("portal:people")


@require_POST
@portal_view(roles=MANAGERS, own_members_only=True)
def people_invitation_resend(request: HttpRequest, invitation_id: int) -> HttpResponse:
    try:
        issued = invitation_resend(
            actor=actor_of(request),
            organisation=_organisation(request),
            invitation_id=invitation_id,
            at=clock.real_now(),
            today=clock.today(),
        )
        messages.success(
            request,
            _("A new link was sent to %(email)s.") % {"email": issued.invitation.email},
        )
    except DomainError as error:
        if error.http_status == 404:
            raise
        messages.error(request, plain(error))
    return redirect("portal:people")


@require_POST
@portal_view(roles=MANAGERS, own_members_only=True)
def people_invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    try:
        invitation = invitation_revoke(
            actor=actor_of(request),
            organisation=_organisation(request),
            invitation_id=invitation_id,
            at=clock.real_now(),
            today=clock.today(),
        )
        messages.success(
            request, _("The invitation of %(email)s is revoked.") % {"email": invitation.email}
        )
    except DomainError as error:
        if error.http_status == 404:
            raise
        messages.error(request, plain(error))
    return redirect("portal:people")


@portal_view(roles=MANAGERS, own_members_only=True)
def people_member(request: HttpRequest, user_id: int) -> HttpResponse:
    """One member: change their roles, or remove them."""
    organisation = _organisation(request)
    member = member_get(organisation=organisation, user_id=user_id)
    form = RolesForm(request.POST or None, kind=organisation.kind, initial={"roles": member.roles})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            member_roles_set(
                actor=actor_of(request),
                organisation=organisation,
                user_id=user_id,
                roles=form.cleaned_data["roles"],
                at=clock.now(),
                today=clock.today(),
            )
        except DomainError as error:
            messages.error(request, plain(error))
            status = 400
        else:
            messages.success(
                request,
                _("The roles of %(name)s changed.") % {"name": member.full_name or member.email},
            )
            return redirect("portal:people")
    context = {"organisation": organisation, "member": member, "form": form}
    return render(request, "portal/common/people_member.html", context, status=status)


@require_POST
@portal_view(roles=MANAGERS, own_members_only=True)
def people_member_remove(request: HttpRequest, user_id: int) -> HttpResponse:
    organisation = _organisation(request)
    member = member_get(organisation=organisation, user_id=user_id)
    try:
        member_remove(
            actor=actor_of(request),
            organisation=organisation,
            user_id=user_id,
            at=clock.now(),
            today=clock.today(),
        )
    except DomainError as error:
        messages.error(request, plain(error))
        return redirect("portal:people_member", user_id=user_id)
    messages.success(
        request, _("%(name)s was removed.") % {"name": member.full_name or member.email}
    )
    return redirect("portal:people")
