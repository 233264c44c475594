"""Pages of access (R-PPL-1, R-PPL-2; docs/people.md): accepting an invitation, the password
reset by email, and changing one's password on the profile page. The first three are open to
anyone holding the link; they never tell whether an address has an account."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from planserv.accounts.errors import InvitationNotPending, ResetLinkInvalid
from planserv.accounts.invitations import (
    existing_user_for,
    invitation_accept,
    invitation_for_link,
)
from planserv.accounts.middleware import SESSION_KEY
from planserv.accounts.models import Membership, User
from planserv.accounts.passwords import (
    password_change,
    password_reset_complete,
    password_reset_request,
    reset_link_user,
)
from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.core.types import Role
from planserv.portal.decorators import actor_of, portal_view, user_of
from planserv.portal.shared.people import plain

BACKEND = "django.contrib.auth.backends.ModelBackend"
RESET_SENT = gettext_lazy(
    "If an account uses that address, we sent it a link to choose a new password. It works once, "
    "for an hour. Nothing arrived? Check the address and your spam folder, or ask again later."
)


class NewPasswordForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("New password"), widget=forms.PasswordInput, max_length=128
    )
    password_again = forms.CharField(
        label=gettext_lazy("The new password again"), widget=forms.PasswordInput, max_length=128
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("password") != data.get("password_again"):
            raise forms.ValidationError(_("The two passwords are not the same."))
        return data


class AcceptForm(NewPasswordForm):
    full_name = forms.CharField(label=gettext_lazy("Your name"), max_length=150)
    field_order = ["full_name", "password", "password_again"]


class ChangePasswordForm(NewPasswordForm):
    current = forms.CharField(
        label=gettext_lazy("Current password"), widget=forms.PasswordInput, max_length=128
    )
    field_order = ["current", "password", "password_again"]


class ResetRequestForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email"), max_length=254)


def _link_gone(request: HttpRequest, error: DomainError, title: str) -> HttpResponse:
    return render(
        request,
        "portal/common/link_gone.html",
        {"message": plain(error), "title": title},
        status=410,
    )


def invitation_accept_view(request: HttpRequest, secret: str) -> HttpResponse:
    """Accept an invitation: a new person names themself and chooses a password and is signed
    in; a person who has an account with that email gets the organisation added to it."""
    try:
        invitation = invitation_for_link(secret=secret, at=clock.real_now())
    except InvitationNotPending as error:
        return _link_gone(request, error, _("This invitation does not work any more"))
    existing = existing_user_for(invitation)
    form = AcceptForm(request.POST or None, initial={"full_name": invitation.full_name})
    if request.method == "POST" and (existing is not None or form.is_valid()):
        data = form.cleaned_data if existing is None else {}
        try:
            user = invitation_accept(
                secret=secret,
                full_name=data.get("full_name", ""),
                password=data.get("password", ""),
                at=clock.real_now(),
                today=clock.today(),
            )
        except DomainError as error:
            form.add_error(None, plain(error))
        else:
            return _after_accept(request, user, invitation.organisation_id, existing is None)
    context = {
        "invitation": invitation,
        "roles": [Role(role).label for role in invitation.roles],
        "existing": existing is not None,
        "form": form,
    }
    return render(request, "portal/common/invitation_accept.html", context)


def _after_accept(
    request: HttpRequest, user: User, organisation_id: int, created: bool
) -> HttpResponse:
    membership = (
        Membership.objects.filter(user=user, organisation_id=organisation_id, is_active=True)
        .order_by("pk")
        .first()
    )
    if created:
        # Through Django's login(), so a second-factor step can hook in (docs/people.md).
        login(request, user, backend=BACKEND)
    elif request.user != user:
        messages.success(
            request, _("The invitation is accepted. Sign in with your password to open it.")
        )
        return redirect("portal:login")
    if membership is not None:
        request.session[SESSION_KEY] = membership.pk
        messages.success(
            request, _("Welcome to %(name)s.") % {"name": membership.organisation.name}
        )
    return redirect("portal:home")


def password_reset_view(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link; the answer is the same whether or not the address has an account."""
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password_reset_request(
            email=form.cleaned_data["email"], at=clock.real_now(), today=clock.today()
        )
        messages.success(request, RESET_SENT)
        return redirect("portal:login")
    return render(request, "portal/common/password_reset.html", {"form": form})


def password_reset_confirm_view(request: HttpRequest, secret: str) -> HttpResponse:
    """Choose a new password through a reset link, once; then sign in with it."""
    try:
        reset_link_user(secret=secret, at=clock.real_now())
    except ResetLinkInvalid as error:
        return _link_gone(request, error, _("This password reset link does not work any more"))
    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password_reset_complete(
                secret=secret,
                password=form.cleaned_data["password"],
                at=clock.real_now(),
                today=clock.today(),
            )
        except DomainError as error:
            form.add_error(None, plain(error))
        else:
            messages.success(request, _("Your password is changed. Sign in with it."))
            return redirect("portal:login")
    return render(request, "portal/common/password_reset_confirm.html", {"form": form})


@require_POST
@portal_view()
def password_change_view(request: HttpRequest) -> HttpResponse:
    """Change one's own password on the profile page (R-PPL-2)."""
    form = ChangePasswordForm(request.POST)
    if form.is_valid():
        user = user_of(request)
        try:
            password_change(
                user=user,
                current=form.cleaned_data["current"],
                password=form.cleaned_data["password"],
                actor=actor_of(request),
                at=clock.now(),
                today=clock.today(),
            )
        except DomainError as error:
            messages.error(request, plain(error))
        else:
            user.refresh_from_db()
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password is changed."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("portal:profile")
