"""Login, home (one per side), organisation switcher, profile with API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planserv.accounts.middleware import SESSION_KEY
from planserv.accounts.selectors import (
    access_membership_for_user,
    access_token_for_user,
    tokens_for_user,
)
from planserv.accounts.services import TOKEN_DEFAULT_DAYS, token_create, token_revoke
from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.portal.decorators import actor_of, membership_of, portal_view, user_of
from planserv.portal.shared.account_forms import LoginForm, TokenCreateForm
from planserv.portal.shared.home import home_context
from planserv.portal.shared.second_factor import second_factor_status


class LoginView(auth_views.LoginView):
    template_name = "portal/common/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@portal_view()
def home(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    context = home_context(actor=actor, today=clock.today())
    return render(request, f"portal/{actor.organisation_kind}/home.html", context)


@require_POST
@portal_view()
def switch_organisation(request: HttpRequest) -> HttpResponse:
    try:
        membership_id = int(request.POST.get("membership", ""))
        membership = access_membership_for_user(user=user_of(request), membership_id=membership_id)
    except (ValueError, DomainError):
        messages.error(request, _("That organisation is not one of yours."))
        return redirect("portal:home")
    request.session[SESSION_KEY] = membership.pk
    messages.success(
        request,
        _("You now act for %(organisation)s as %(role)s.")
        % {"organisation": membership.organisation.name, "role": membership.get_role_display()},
    )
    return redirect("portal:home")


def _membership_choices(request: HttpRequest) -> list[tuple[int, str]]:
    return [
        (m.pk, f"{m.organisation.name} · {m.get_role_display()}")
        for m in getattr(request, "memberships", [])
    ]


@portal_view()
def profile(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(
        memberships=_membership_choices(request), initial={"membership": membership_of(request).pk}
    )
    return _render_profile(request, form=form, new_secret=None)


def _render_profile(
    request: HttpRequest, *, form: TokenCreateForm, new_secret: str | None, status: int = 200
) -> HttpResponse:
    tokens = tokens_for_user(
        user=user_of(request),
    )
    return render(
        request,
        "portal/common/profile.html",
        {
            "form": form,
            "tokens": tokens,
            "new_secret": new_secret,
            "now": clock.real_now(),
            "second_factor": second_factor_status(request),
        },
        status=status,
    )


@require_POST
@portal_view()
def token_create_view(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(request.POST, memberships=_membership_choices(request))
    if not form.is_valid():
        return _render_profile(request, form=form, new_secret=None, status=400)
    membership = access_membership_for_user(
        user=user_of(request),
        membership_id=form.cleaned_data["membership"],
    )
    try:
        issued = token_create(
            membership=membership,
            name=form.cleaned_data["name"],
            expires_in_days=form.cleaned_data["expires_in_days"] or TOKEN_DEFAULT_DAYS,
            actor=actor_of(request),
            at=clock.now(),
            today=clock.today(),
            second_factor=actor_of(request).second_factor,
        )
    except DomainError as error:
        messages.error(request, error.message)
        return _render_profile(request, form=form, new_secret=None, status=403)
    messages.success(request, _("Token created. Copy it now: it is shown only once."))
    fresh = TokenCreateForm(
        memberships=_membership_choices(request), initial={"membership": membership.pk}
    )
    return _render_profile(request, form=fresh, new_secret=issued.secret)


@require_POST
@portal_view()
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token = access_token_for_user(user=user_of(request), token_id=token_id)
        token_revoke(token=token, actor=actor_of(request), at=clock.now(), today=clock.today())
        messages.success(request, _("Token %(name)s revoked.") % {"name": token.name})
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("portal:profile")
